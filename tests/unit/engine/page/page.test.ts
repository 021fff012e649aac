import { describe, expect, it } from 'vitest'
import type { PageRequest, PageTrace, Scenario } from '../../../../src/engine'
import {
  DEFAULT_PAGE,
  MAX_H1_CONNECTIONS,
  PAGE_SCENARIOS,
  altSvcKnown,
  findPageScenario,
  pageInputOf,
  pageApp,
  simulatePage,
} from '../../../../src/engine'

const byName = (page: PageTrace, name: string): PageRequest => {
  const found = page.requests.find((r) => r.name === name)
  if (!found) throw new Error(`no request ${name}`)
  return found
}
const types = (r: PageRequest) => r.trace.events.map((e) => e.type)

describe('simulatePage: discovery', () => {
  const page = simulatePage({ scenario: pageApp })

  it('loads the document first and then 20+ sub-resources, each with a normal trace', () => {
    expect(page.requests[0]!.kind).toBe('document')
    expect(page.requests[0]!.initiator).toBeNull()
    expect(page.requests.length - 1).toBe(DEFAULT_PAGE.resources.length)
    expect(page.requests.length - 1).toBeGreaterThanOrEqual(20)
    for (const r of page.requests) {
      expect(r.status).toBe(200)
      expect(r.trace.response?.status).toBe(200)
      expect(types(r)[0]).toBe('client:parse-url')
      expect(r.start).toBeLessThanOrEqual(r.sentAt)
      expect(r.sentAt).toBeLessThan(r.end)
    }
  })

  it('finds parser resources while the HTML arrives, the font from its stylesheet, the JSON from the script', () => {
    const doc = page.requests[0]!
    const css = byName(page, 'theme.css')
    const font = byName(page, 'inter.woff2')
    const script = byName(page, 'app.js')
    const data = byName(page, 'products')
    expect(css.initiator).toBe(doc.id)
    expect(css.start).toBeGreaterThanOrEqual(doc.sentAt + doc.phases.dns)
    expect(css.start).toBeLessThanOrEqual(doc.end)
    expect(font.initiator).toBe(css.id)
    expect(font.start).toBeGreaterThan(css.end)
    expect(data.initiator).toBe(script.id)
    expect(data.start).toBeGreaterThan(script.end)
    expect(data.kind).toBe('fetch')
    expect(data.trace.response?.headers['content-type']).toContain('application/json')
  })

  it('marks first paint after every render-blocking stylesheet, LCP after the hero image', () => {
    const at = (id: string) => page.marks.find((m) => m.id === id)!.at
    const blocking = page.requests.filter((r) => r.renderBlocking)
    expect(blocking.map((r) => r.name).sort()).toEqual(['site.css', 'theme.css'])
    for (const r of blocking) expect(at('first-paint')).toBeGreaterThan(r.end)
    expect(at('lcp')).toBeGreaterThan(byName(page, 'hero.jpg').end)
    expect(at('lcp')).toBeGreaterThanOrEqual(at('first-paint'))
    expect(at('data')).toBeGreaterThan(byName(page, 'products').end)
    expect(page.data).toEqual({ request: byName(page, 'products').id, state: 'success' })
  })

  it('shows the error state when the fetch fails', () => {
    const broken: Scenario = {
      ...pageApp,
      routes: pageApp.routes.map((r) =>
        r.pattern === '/api/products'
          ? {
              ...r,
              handler: { ...r.handler, fault: { kind: 'exception', exception: 'KeyError' } },
            }
          : r,
      ),
    } as Scenario
    const failed = simulatePage({ scenario: broken })
    expect(byName(failed, 'products').status).toBe(500)
    expect(failed.data.state).toBe('error')
  })
})

describe('simulatePage: HTTP/1.1', () => {
  const page = simulatePage({ scenario: pageApp, protocol: 'http/1.1' })

  it('opens at most six connections per origin, one request at a time on each', () => {
    const origins = new Set(page.connections.map((c) => c.origin))
    for (const origin of origins) {
      const conns = page.connections.filter((c) => c.origin === origin)
      expect(conns.length).toBeLessThanOrEqual(MAX_H1_CONNECTIONS)
    }
    expect(page.connections.filter((c) => c.origin === 'https://cdn.example.net')).toHaveLength(6)
    for (const c of page.connections) {
      const on = page.requests
        .filter((r) => r.connection === c.id)
        .sort((a, b) => a.sentAt - b.sentAt)
      for (let i = 1; i < on.length; i++)
        expect(on[i]!.sentAt).toBeGreaterThanOrEqual(on[i - 1]!.end)
    }
  })

  it('queues the rest (Queueing) and reuses kept-alive connections', () => {
    const queued = page.requests.filter((r) => r.phases.queueing > 0)
    expect(queued.length).toBeGreaterThan(5)
    const reused = page.requests.filter((r) => types(r).includes('tcp:reuse'))
    expect(reused.length).toBeGreaterThan(5)
    expect(page.requests.every((r) => r.stream === undefined)).toBe(true)
    expect(page.requests.every((r) => r.headerBytes === r.rawHeaderBytes)).toBe(true)
  })
})

describe('simulatePage: HTTP/2', () => {
  const page = simulatePage({ scenario: pageApp, protocol: 'h2' })

  it('uses one connection per origin, streams 1, 3, 5… in order', () => {
    expect(page.connections).toHaveLength(2)
    for (const c of page.connections) {
      const streams = page.requests
        .filter((r) => r.connection === c.id)
        .map((r) => r.stream!)
        .sort((a, b) => a - b)
      expect(streams).toEqual(streams.map((_, i) => 1 + 2 * i))
    }
    expect(
      page.requests.every((r) => r.trace.events.some((e) => e.request.httpVersion === 'HTTP/2')),
    ).toBe(true)
  })

  it('shrinks repeated headers with HPACK', () => {
    const onCdn = page.requests
      .filter((r) => r.connection === page.connections[1]!.id)
      .sort((a, b) => a.stream! - b.stream!)
    const [first, ...rest] = onCdn
    expect(first!.headerBytes).toBeLessThan(first!.rawHeaderBytes)
    for (const r of rest) {
      expect(r.headerBytes).toBeLessThan(first!.headerBytes / 2)
      expect(r.headerBytes).toBeLessThan(r.rawHeaderBytes / 4)
    }
  })

  it('interleaves frames of different streams on the one connection', () => {
    const cdn = page.connections[1]!.id
    const order = page.frames.filter((f) => f.connection === cdn).map((f) => f.stream)
    const switches = order.filter((s, i) => i > 0 && s !== order[i - 1]).length
    const distinct = new Set(order).size
    expect(switches).toBeGreaterThan(distinct)
  })

  it('finishes a 20+ resource page before HTTP/1.1 does', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const h1 = simulatePage({ scenario: pageApp, protocol: 'http/1.1', seed })
      const h2 = simulatePage({ scenario: pageApp, protocol: 'h2', seed })
      expect(h2.end).toBeLessThan(h1.end)
    }
  })

  it('stalls every stream on the connection when one TCP packet is lost', () => {
    const lossy = simulatePage({ scenario: pageApp, protocol: 'h2', network: 'lossy', seed: 3 })
    expect(lossy.losses.length).toBeGreaterThan(0)
    expect(lossy.losses.some((l) => l.blocked.length > 1)).toBe(true)
    for (const loss of lossy.losses) expect(loss.blocked).toContain(loss.request)
  })
})

describe('simulatePage: HTTP/3', () => {
  it('runs QUIC over UDP: no TCP event, one round trip, a lost packet stalls only its stream', () => {
    const page = simulatePage({
      scenario: pageApp,
      protocol: 'h3',
      network: 'lossy',
      connection: altSvcKnown(),
      seed: 3,
    })
    expect(page.connections.every((c) => c.transport === 'quic' && c.protocol === 'h3')).toBe(true)
    for (const r of page.requests) {
      expect(r.trace.events.some((e) => e.layer === 'tcp' || e.type.startsWith('tcp:'))).toBe(false)
      expect(r.phases.connect).toBe(0)
      expect(r.stream! % 4).toBe(0)
    }
    const finished = page.requests[0]!.trace.events.find((e) => e.type === 'tls:finished')
    expect(finished?.type === 'tls:finished' && finished.data.roundTrips).toBe(1)
    expect(page.losses.length).toBeGreaterThan(0)
    for (const loss of page.losses) expect(loss.blocked).toEqual([loss.request])
  })

  it('finishes before HTTP/2 on a lossy network', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const h2 = simulatePage({ scenario: pageApp, protocol: 'h2', network: 'lossy', seed })
      const h3 = simulatePage({
        scenario: pageApp,
        protocol: 'h3',
        network: 'lossy',
        seed,
        connection: altSvcKnown(),
      })
      expect(h3.end).toBeLessThan(h2.end)
    }
  })

  it('discovers HTTP/3 through Alt-Svc on a first visit, then resumes with 0-RTT', () => {
    const first = simulatePage({ scenario: pageApp, protocol: 'h3' })
    const doc = first.requests[0]!
    expect(doc.protocol).toBe('h2')
    expect(doc.trace.response?.headers['alt-svc']).toContain('h3=')
    expect(first.requests.some((r) => r.protocol === 'h3')).toBe(true)
    expect(first.connection.altSvc?.['https://www.example.com']?.protocol).toBe('h3')

    const again = simulatePage({
      scenario: pageApp,
      protocol: 'h3',
      connection: { ...first.connection, now: first.connection.now + 120_000 },
    })
    expect(again.requests[0]!.protocol).toBe('h3')
    const hello = again.requests[0]!.trace.events.find((e) => e.type === 'tls:client-hello')
    expect(hello?.type === 'tls:client-hello' && hello.data.earlyData).toBe(true)
    expect(again.requests[0]!.phases.ssl).toBeLessThan(doc.phases.ssl)
  })
})

describe('simulatePage: the CDN', () => {
  it('answers with its own DNS, TCP and TLS, Cache-Control: public, X-Cache and Age', () => {
    const page = simulatePage({ scenario: pageApp, protocol: 'http/1.1' })
    const hero = byName(page, 'hero.jpg')
    const headers = hero.trace.response!.headers
    expect(headers['cache-control']).toMatch(/^public, max-age=\d+/)
    expect(headers['x-cache']).toBe('HIT')
    expect(Number(headers.age)).toBeGreaterThan(0)
    expect(hero.cdn).toEqual({ cache: 'HIT', ageSeconds: Number(headers.age) })
    const firstCdn = page.requests.find((r) => r.url.startsWith('https://cdn.example.net'))!
    expect(types(firstCdn)).toContain('dns:answer')
    expect(types(firstCdn)).toContain('tcp:syn')
    expect(types(firstCdn)).toContain('tls:certificate')
  })

  it('is slower on a MISS, which reports Age 0', () => {
    const hit = simulatePage({ scenario: pageApp })
    const miss = simulatePage({
      scenario: pageApp,
      page: { ...DEFAULT_PAGE, cdn: { hosts: ['cdn.example.net'], cache: 'miss' } },
    })
    const hero = byName(miss, 'hero.jpg')
    expect(hero.trace.response!.headers['x-cache']).toBe('MISS')
    expect(hero.trace.response!.headers.age).toBe('0')
    expect(hero.phases.waiting).toBeGreaterThan(byName(hit, 'hero.jpg').phases.waiting)
  })

  it('serves fresh files from the browser cache on a repeat visit: no connection', () => {
    const first = simulatePage({ scenario: pageApp, protocol: 'h2' })
    const again = simulatePage({
      scenario: pageApp,
      protocol: 'h2',
      connection: { ...first.connection, now: first.connection.now + 600_000 },
    })
    const hero = byName(again, 'hero.jpg')
    expect(hero.connection).toBe('cache')
    expect(types(hero)).toContain('client:cache-hit')
    expect(again.end).toBeLessThan(first.end)
  })
})

describe('curated page loads', () => {
  const run = (id: string) => simulatePage(pageInputOf(findPageScenario(id)!))

  it('have unique kebab-case ids and all load', () => {
    const ids = PAGE_SCENARIOS.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const curated of PAGE_SCENARIOS) {
      expect(curated.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      const page = simulatePage(pageInputOf(curated))
      expect(page.requests[0]!.status).toBe(200)
      expect(page.data.state).toBe('success')
    }
  })

  it('show what their goals say', () => {
    expect(run('page-load').requests.some((r) => r.phases.queueing > 0)).toBe(true)
    expect(run('page-load-h2').connections).toHaveLength(2)
    expect(run('page-load-h3').connections.every((c) => c.transport === 'quic')).toBe(true)
    const first = run('page-load-h3-first-visit')
    expect(first.requests[0]!.protocol).toBe('h2')
    expect(first.requests.some((r) => r.protocol === 'h3')).toBe(true)
    expect(run('page-load-lossy').losses.some((l) => l.blocked.length > 1)).toBe(true)
    const h3 = run('page-load-lossy-h3')
    expect(h3.losses.length).toBeGreaterThan(0)
    expect(h3.losses.every((l) => l.blocked.length === 1)).toBe(true)
    const cache = (id: string) => run(id).requests.find((r) => r.cdn)!.cdn!.cache
    expect(cache('cdn-hit')).toBe('HIT')
    expect(cache('cdn-miss')).toBe('MISS')
  })
})
