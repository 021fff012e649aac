import { describe, expect, it } from 'vitest'
import { SESSION_TICKET_MS } from '../../../../src/engine/stages/tls'
import { KEEPALIVE_TIMEOUT_MS } from '../../../../src/engine/stages/tcp'
import type { Trace } from '../../../../src/engine'
import { API, all, app, first, get, later, send, totalOf, types, withTls } from './helpers'

/** Long enough for nginx to close the idle connection, short enough for the ticket to live. */
const AFTER_IDLE_CLOSE = KEEPALIVE_TIMEOUT_MS.nginx / 1000 + 5
const tlsTypes = (trace: Trace) => trace.events.filter((e) => e.layer === 'tls').map((e) => e.type)

describe('tls: versions and round trips', () => {
  const satellite = { network: { preset: 'satellite' as const } }
  const v13 = send(withTls({ version: '1.3' }, satellite))
  const v12 = send(withTls({ version: '1.2' }, satellite))

  it('counts 1 round trip for TLS 1.3 and 2 for TLS 1.2', () => {
    expect(first(v13, 'tls:finished').data).toMatchObject({ version: '1.3', roundTrips: 1 })
    expect(first(v12, 'tls:finished').data).toMatchObject({ version: '1.2', roundTrips: 2 })
  })

  it('makes TLS 1.2 cost about one more round trip of time', () => {
    const extra = totalOf(v12, 'tls') - totalOf(v13, 'tls')
    expect(extra).toBeGreaterThan(600 * 0.85)
    expect(extra).toBeLessThan(600 * 1.15)
  })

  it('takes 50–100 ms for a TLS 1.3 handshake on a 4G link', () => {
    const ms = totalOf(send(withTls({ version: '1.3' }, { network: { preset: '4g' } })), 'tls')
    expect(ms).toBeGreaterThan(50)
    expect(ms).toBeLessThan(100)
  })

  it('has no TLS layer at all for http://', () => {
    expect(
      send(app(), get('http://api.example.com/users/42')).events.some((e) => e.layer === 'tls'),
    ).toBe(false)
  })

  it('skips the handshake on a kept-alive connection', () => {
    const again = send(app(), get(`${API}/health`), v13.connection)
    expect(tlsTypes(send(app(), get(`${API}/health`), send(app()).connection))).toEqual([
      'tls:reuse',
      'tls:decrypt',
    ])
    expect(types(again)).not.toContain('tls:client-hello')
  })
})

describe('tls: session resumption', () => {
  it('resumes TLS 1.2 in one round trip instead of two, without a certificate', () => {
    const scenario = withTls({ version: '1.2' })
    const one = send(scenario)
    const two = send(scenario, get(`${API}/health`), later(one, AFTER_IDLE_CLOSE))
    expect(first(two, 'tls:client-hello').data.resumption).toBe(true)
    expect(first(two, 'tls:server-hello').data.resumed).toBe(true)
    expect(first(two, 'tls:finished').data).toMatchObject({ roundTrips: 1, resumed: true })
    expect(types(two)).not.toContain('tls:certificate')
    expect(totalOf(two, 'tls')).toBeLessThan(totalOf(one, 'tls'))
  })

  it('resumes TLS 1.3 without the certificate, and with early data in 0 round trips', () => {
    const plain = withTls({ version: '1.3' })
    const one = send(plain)
    const resumed = send(plain, get(`${API}/health`), later(one, AFTER_IDLE_CLOSE))
    expect(first(resumed, 'tls:finished').data).toMatchObject({
      roundTrips: 1,
      resumed: true,
      earlyData: false,
    })
    expect(types(resumed)).not.toContain('tls:certificate')

    const zeroRtt = withTls({ version: '1.3', earlyData: true })
    const early = send(zeroRtt, get(`${API}/health`), later(send(zeroRtt), AFTER_IDLE_CLOSE))
    expect(first(early, 'tls:finished').data).toMatchObject({ roundTrips: 0, earlyData: true })
    expect(types(early)).not.toContain('tls:server-hello')
    // Early data is only for requests safe to replay.
    const post = send(
      zeroRtt,
      { method: 'POST', url: `${API}/health`, body: '{}' },
      later(send(zeroRtt), AFTER_IDLE_CLOSE),
    )
    expect(first(post, 'tls:finished').data).toMatchObject({ roundTrips: 1, earlyData: false })
  })

  it('resumes from a ticket the scenario seeds in the browser, while it is younger than ssl_session_timeout', () => {
    const seeded = (ageSeconds: number, earlyData: boolean) =>
      withTls(
        { version: '1.3', earlyData },
        { browser: { tlsSessions: [{ host: 'api.example.com', ageSeconds }] } },
      )
    const fresh = send(seeded(90, true))
    expect(first(fresh, 'tls:client-hello').data.resumption).toBe(true)
    expect(first(fresh, 'tls:finished').data).toMatchObject({ roundTrips: 0, earlyData: true })
    // Resumption without early data still skips the certificate, in one round trip.
    const resumed = send(seeded(90, false))
    expect(first(resumed, 'tls:finished').data).toMatchObject({ roundTrips: 1, resumed: true })
    expect(types(resumed)).not.toContain('tls:certificate')
    // A ticket for another host, or one older than the timeout, buys nothing.
    const stale = send(seeded(SESSION_TICKET_MS / 1000 + 1, true))
    expect(first(stale, 'tls:client-hello').data.resumption).toBe(false)
    expect(types(stale)).toContain('tls:certificate')
    const elsewhere = send(
      withTls(
        { version: '1.3', earlyData: true },
        { browser: { tlsSessions: [{ host: 'cdn.example.com', ageSeconds: 10 }] } },
      ),
    )
    expect(first(elsewhere, 'tls:client-hello').data.resumption).toBe(false)
    // 0-RTT saves the handshake's round trip: the whole TLS layer is shorter than one RTT.
    expect(totalOf(fresh, 'tls')).toBeLessThan(totalOf(resumed, 'tls'))
  })

  it('does a full handshake when tickets are off or the ticket has expired', () => {
    const noTickets = withTls({ version: '1.2', sessionTickets: false })
    const one = send(noTickets)
    expect(
      first(send(noTickets, get(`${API}/health`), later(one, AFTER_IDLE_CLOSE)), 'tls:finished')
        .data.roundTrips,
    ).toBe(2)

    const tickets = withTls({ version: '1.2' })
    const old = send(
      tickets,
      get(`${API}/health`),
      later(send(tickets), SESSION_TICKET_MS / 1000 + 1),
    )
    expect(first(old, 'tls:client-hello').data.resumption).toBe(false)
    expect(first(old, 'tls:finished').data.roundTrips).toBe(2)
  })
})

describe('tls: ALPN', () => {
  it('offers h2 and http/1.1; with h2 chosen the browser and nginx speak HTTP/2, nginx and the app HTTP/1.1', () => {
    const trace = send(withTls({ alpn: 'h2' }))
    expect(first(trace, 'tls:client-hello').data.alpn).toEqual(['h2', 'http/1.1'])
    expect(first(trace, 'tls:server-hello').data.alpn).toBe('h2')
    expect(first(trace, 'proxy:receive').request.httpVersion).toBe('HTTP/2')
    expect(first(trace, 'proxy:receive').data.httpVersion).toBe('HTTP/2')
    expect(first(trace, 'proxy:forward').request.httpVersion).toBe('HTTP/1.1')
    const sent = first(trace, 'proxy:send')
    expect(sent.response?.httpVersion).toBe('HTTP/2')
    expect(first(trace, 'tls:decrypt').response?.httpVersion).toBe('HTTP/2')
    expect(trace.connection.connections[API]?.alpn).toBe('h2')
  })

  it('keeps HTTP/1.1 by default, and on a reused h2 connection stays on h2', () => {
    expect(first(send(app()), 'proxy:send').response?.httpVersion).toBe('HTTP/1.1')
    const one = send(withTls({ alpn: 'h2' }))
    const two = send(withTls({ alpn: 'h2' }), get(`${API}/health`), one.connection)
    expect(first(two, 'tls:reuse').data).toEqual({ version: '1.3', alpn: 'h2' })
    expect(first(two, 'proxy:receive').request.httpVersion).toBe('HTTP/2')
  })
})

describe('tls: certificate check', () => {
  it('accepts a valid certificate naming the host', () => {
    expect(first(send(app()), 'tls:certificate').data).toMatchObject({
      subject: 'api.example.com',
      names: ['api.example.com'],
      problem: null,
    })
  })

  it.each([
    ['expired', 'ERR_CERT_DATE_INVALID', 'certificate_expired'],
    ['wrong-host', 'ERR_CERT_COMMON_NAME_INVALID', 'bad_certificate'],
  ] as const)(
    'fails a %s certificate with %s before any HTTP is sent',
    (certificate, code, alert) => {
      const trace = send(withTls({ certificate }))
      expect(trace.response).toBeUndefined()
      expect(trace.error?.code).toBe(code)
      expect(first(trace, 'tls:certificate').data.problem).toBe(certificate)
      expect(first(trace, 'tls:alert').data).toEqual({ alert, code })
      expect(trace.events.some((e) => e.layer === 'proxy' || e.layer === 'server')).toBe(false)
      expect(all(trace, 'tls:finished')).toHaveLength(0)
      expect(trace.connection.tlsSessions).toEqual({})
    },
  )

  it('names what the wrong-host certificate covers', () => {
    const trace = send(withTls({ certificate: 'wrong-host' }))
    expect(first(trace, 'tls:certificate').data.names).toEqual(['example.com', 'www.example.com'])
    expect(trace.error?.message).toContain('example.com, www.example.com')
  })
})
