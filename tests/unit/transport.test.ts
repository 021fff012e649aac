import { describe, expect, it } from 'vitest'
import type { Trace } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { CSP_NOTICES, sameOriginUrl, watchConnectViolations } from '../../src/transport/csp'
import {
  answerRequest,
  createRegistry,
  serverTimingHeader,
  toResponse,
} from '../../src/transport/handlers'
import type { WorkerEnvironment } from '../../src/transport/storage'
import {
  MSW_COOKIE_STORE_KEY,
  repairMswCookieStore,
  serviceWorkerBlocker,
} from '../../src/transport/storage'
import { startTransport, toRequest, workerTransport } from '../../src/transport'

const getUser = findScenario('get-user')!

describe('toResponse: the trace as a real Response', () => {
  const trace = simulate({ scenario: getUser.scenario, request: getUser.request })

  it('carries the trace status, headers and body', async () => {
    const response = toResponse(trace)
    expect(response.status).toBe(200)
    expect(response.statusText).toBe('OK')
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('server')).toBe('nginx')
    expect(await response.text()).toBe(trace.response!.body)
  })

  it('adds Server-Timing with one metric per server-side stage, in trace order', () => {
    const header = toResponse(trace).headers.get('server-timing') ?? ''
    const names = header.split(', ').map((metric) => metric.split(';')[0])
    expect(names).toEqual(['proxy', 'server', 'mw-logging', 'router', 'validation', 'handler'])
    const handlerMs = trace.events
      .filter((e) => e.layer === 'handler')
      .reduce((sum, e) => sum + e.duration, 0)
    const reported = Number(/handler;dur=([\d.]+)/.exec(header)?.[1])
    expect(reported).toBeCloseTo(handlerMs, 2)
  })

  it('sends no body for a status that cannot have one', () => {
    const noContent: Trace = {
      ...trace,
      response: { status: 204, statusText: 'No Content', headers: {}, body: '' },
    }
    expect(toResponse(noContent).body).toBeNull()
  })

  it('turns a network error into a failed fetch', () => {
    const failed: Trace = {
      events: [],
      error: { code: 'ERR_NAME_NOT_RESOLVED', message: 'x' },
      connection: trace.connection,
    }
    expect(toResponse(failed).type).toBe('error')
    expect(serverTimingHeader(failed)).toBe('')
  })
})

describe('toRequest: what the browser really sends', () => {
  it('mirrors method, URL and headers and drops a body the Fetch API cannot send on GET', () => {
    const request = toRequest(
      {
        scenario: getUser.scenario,
        request: {
          method: 'GET',
          url: getUser.request.url,
          headers: { Accept: 'application/json' },
          body: 'x',
        },
      },
      'run-9',
    )
    expect(request.method).toBe('GET')
    expect(request.url).toBe('https://api.example.com/users/42')
    expect(request.headers.get('accept')).toBe('application/json')
    expect(request.headers.get('x-roundtrip-run')).toBe('run-9')
    expect(request.body).toBeNull()
  })
})

describe('startTransport without a service worker (jsdom has none)', () => {
  it('falls back to the in-process handler and says why', async () => {
    const transport = await startTransport()
    expect(transport.mode).toBe('in-process')
    expect(transport.notice).toMatch(/Simulated in the page/)
  })

  it('answers through the same msw handler with the same trace simulate() gives', async () => {
    const transport = await startTransport()
    const input = { scenario: getUser.scenario, request: getUser.request, seed: 3 }
    expect(await transport.send(input)).toEqual(simulate(input))
  })

  it('resolves a simulated network failure to its trace instead of rejecting', async () => {
    const transport = await startTransport()
    const trace = await transport.send({
      scenario: getUser.scenario,
      request: { method: 'GET', url: 'https://nowhere.example.org/' },
    })
    expect(trace.error?.code).toBe('ERR_NAME_NOT_RESOLVED')
  })
})

describe('the msw wrapper around the shared handler', () => {
  it('answers a tagged request from simulate() and passes anything else through', async () => {
    const { getResponse } = await import('msw')
    const { createHandlers } = await import('../../src/transport/worker')
    const { createRegistry } = await import('../../src/transport/handlers')
    const registry = createRegistry()
    const handlers = createHandlers(registry)
    const input = { scenario: getUser.scenario, request: getUser.request }
    registry.inputs.set('run-1', input)

    const tagged = await getResponse(handlers, toRequest(input, 'run-1'))
    expect(tagged?.status).toBe(200)
    expect(registry.traces.get('run-1')).toEqual(simulate(input))

    const asset = await getResponse(handlers, new Request('http://localhost/assets/app.js'))
    expect(asset?.status ?? 'passthrough').not.toBe(200)
    expect(registry.traces.size).toBe(1)
  })
})

describe('repairMswCookieStore: the key msw iterates as it loads', () => {
  const storageWith = (value: string | null) => {
    const items = new Map<string, string>()
    if (value !== null) items.set(MSW_COOKIE_STORE_KEY, value)
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      removeItem: (key: string) => void items.delete(key),
    } as unknown as Storage
    return { items, win: { localStorage: storage } }
  }

  it.each(['{}', '42', 'null', '"cookies"', 'not json', '{"0":1}'])(
    'removes %s, which is not a JSON array',
    (value) => {
      const { items, win } = storageWith(value)
      expect(repairMswCookieStore(win)).toBe(true)
      expect(items.has(MSW_COOKIE_STORE_KEY)).toBe(false)
    },
  )

  it.each(['[]', '[{"key":"sid","value":"1","domain":"api.example.com","path":"/"}]'])(
    'keeps %s',
    (value) => {
      const { items, win } = storageWith(value)
      expect(repairMswCookieStore(win)).toBe(false)
      expect(items.get(MSW_COOKIE_STORE_KEY)).toBe(value)
    },
  )

  it('does nothing without the key, and never throws where storage does', () => {
    expect(repairMswCookieStore(storageWith(null).win)).toBe(false)
    const denied = Object.defineProperty({}, 'localStorage', {
      get: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError')
      },
    }) as Pick<Window, 'localStorage'>
    expect(repairMswCookieStore(denied)).toBe(false)
    const throwing = {
      localStorage: {
        getItem: () => {
          throw new Error('quota')
        },
      } as unknown as Storage,
    }
    expect(repairMswCookieStore(throwing)).toBe(false)
  })
})

describe('serviceWorkerBlocker: why no worker can run here', () => {
  const env = (over: Partial<Record<keyof WorkerEnvironment, unknown>> = {}) => {
    const base = {
      location: { protocol: 'https:' },
      isSecureContext: true,
      origin: 'https://widget.example',
      navigator: { serviceWorker: { controller: null } },
      localStorage: {},
    }
    return Object.assign(base, over) as unknown as WorkerEnvironment
  }
  const deniedStorage = (origin: string) =>
    Object.defineProperty(env({ origin }), 'localStorage', {
      get: () => {
        throw new DOMException('Access is denied for this document.', 'SecurityError')
      },
    }) as WorkerEnvironment

  it('lets a worker run on an ordinary secure page', () => {
    expect(serviceWorkerBlocker(env())).toBeNull()
  })

  it('names a file, an insecure page and a browser without workers', () => {
    expect(serviceWorkerBlocker(env({ location: { protocol: 'file:' } }))).toMatch(/from a file/)
    expect(serviceWorkerBlocker(env({ isSecureContext: false }))).toMatch(/not served over HTTPS/)
    expect(serviceWorkerBlocker(env({ navigator: {} }))).toMatch(/no service worker/)
    expect(serviceWorkerBlocker({} as WorkerEnvironment)).toMatch(/no service worker/)
  })

  it('tells a sandboxed frame (opaque origin) from blocked third-party storage', () => {
    expect(serviceWorkerBlocker(deniedStorage('null'))).toBe(
      'this frame is sandboxed, so it cannot register a service worker',
    )
    const thirdParty = serviceWorkerBlocker(deniedStorage('https://widget.example'))
    expect(thirdParty).toMatch(/^this browser blocks storage for embedded pages from another site/)
    expect(thirdParty).not.toMatch(/sandboxed/)
  })
})

describe('a Content-Security-Policy that refuses the simulated origin', () => {
  const input = { scenario: getUser.scenario, request: getUser.request }

  it('maps a request onto the app’s own origin, readable and under its base', () => {
    expect(
      sameOriginUrl(
        'https://api.example.com/users/42?x=1',
        'https://host.edu/course/rt/embed.html',
      ),
    ).toBe('https://host.edu/course/rt/__roundtrip/https/api.example.com/users/42?x=1')
    expect(sameOriginUrl('http://localhost:8000/', 'http://127.0.0.1:5173/')).toBe(
      'http://127.0.0.1:5173/__roundtrip/http/localhost:8000/',
    )
  })

  /** A page whose CSP refuses the URLs `refuses` matches, the way Chromium reports it. */
  const page = (refuses: (url: string) => boolean) => {
    const document = new EventTarget()
    const violations = watchConnectViolations(document)
    const registry = createRegistry()
    const fetched: string[] = []
    let stopped = 0
    const send = async (request: Request) => {
      fetched.push(request.url)
      if (refuses(request.url)) {
        // The event is its own task: it arrives after the fetch has already rejected.
        setTimeout(() => {
          const event = Object.assign(new Event('securitypolicyviolation'), {
            effectiveDirective: 'connect-src',
            violatedDirective: 'connect-src',
          })
          document.dispatchEvent(event)
        }, 5)
        throw new TypeError('Failed to fetch')
      }
      // The worker: the shared handler answers.
      const response = answerRequest(registry, request)
      if (!response || response.type === 'error') throw new TypeError('Failed to fetch')
      return response
    }
    const transport = workerTransport({
      registry,
      violations,
      base: 'https://host.edu/rt/',
      stop: () => stopped++,
      send,
    })
    const changes: string[] = []
    transport.subscribe?.(() => changes.push(`${transport.mode}: ${transport.notice}`))
    return { transport, fetched, changes, stopped: () => stopped }
  }

  it('sends to the own origin from then on when only other origins are refused', async () => {
    const p = page((url) => !url.startsWith('https://host.edu/'))
    expect(await p.transport.send(input)).toEqual(simulate(input))
    expect(p.transport.mode).toBe('service-worker')
    expect(p.transport.notice).toBe(CSP_NOTICES.sameOrigin)
    expect(await p.transport.send(input)).toEqual(simulate(input))
    expect(p.fetched).toEqual([
      'https://api.example.com/users/42',
      'https://host.edu/rt/__roundtrip/https/api.example.com/users/42',
      'https://host.edu/rt/__roundtrip/https/api.example.com/users/42',
    ])
    expect(p.changes).toHaveLength(1)
    expect(p.stopped()).toBe(0)
  })

  it('simulates in the page, stops the worker and tries no fetch again when all are refused', async () => {
    const p = page(() => true)
    expect(await p.transport.send(input)).toEqual(simulate(input))
    expect(p.transport.mode).toBe('in-process')
    expect(p.transport.notice).toBe(CSP_NOTICES.inPage)
    expect(p.transport.notice).toMatch(/so Roundtrip simulates it in the page/)
    expect(p.stopped()).toBe(1)
    expect(await p.transport.send(input)).toEqual(simulate(input))
    expect(p.fetched).toHaveLength(2)
    expect(p.changes).toEqual([
      `service-worker: ${CSP_NOTICES.sameOrigin}`,
      `in-process: ${CSP_NOTICES.inPage}`,
    ])
  })

  it('keeps a simulated network failure a failure, and rethrows a failed fetch CSP did not cause', async () => {
    const p = page(() => false)
    const failed = await p.transport.send({
      scenario: getUser.scenario,
      request: { method: 'GET', url: 'https://nowhere.example.org/' },
    })
    expect(failed.error?.code).toBe('ERR_NAME_NOT_RESOLVED')
    expect(p.transport.notice).toBeUndefined()

    const offline = workerTransport({
      registry: createRegistry(),
      violations: watchConnectViolations(new EventTarget()),
      base: 'https://host.edu/',
      stop: () => undefined,
      send: () => Promise.reject(new TypeError('Failed to fetch')),
    })
    await expect(offline.send(input)).rejects.toThrow('Failed to fetch')
    expect(offline.mode).toBe('service-worker')
  })
})
