import { describe, expect, it } from 'vitest'
import type { Trace } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { serverTimingHeader, toResponse } from '../../src/transport/handlers'
import { startTransport, toRequest } from '../../src/transport'

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
