import { describe, expect, it } from 'vitest'
import { BROWSER_DNS_CACHE_MS, DNS_TTL_SECONDS } from '../../../../src/engine/stages/dns'
import { KEEPALIVE_TIMEOUT_MS } from '../../../../src/engine/stages/tcp'
import { API, all, app, first, get, later, send, types, withProxy } from './helpers'

const dnsTypes = (trace: ReturnType<typeof send>) =>
  trace.events.filter((e) => e.layer === 'dns').map((e) => e.type)

describe('dns: browser cache → OS cache → resolver → root → TLD → authoritative', () => {
  const cold = send(app())

  it('resolves a cold name through every server, in order, and gives the TTL', () => {
    expect(dnsTypes(cold)).toEqual([
      'dns:cache-miss',
      'dns:query',
      'dns:query',
      'dns:query',
      'dns:query',
      'dns:answer',
    ])
    expect(all(cold, 'dns:query').map((e) => e.data.server)).toEqual([
      'resolver',
      'root',
      'tld',
      'authoritative',
    ])
    expect(first(cold, 'dns:answer').data).toEqual({
      host: 'api.example.com',
      address: '93.184.216.34',
      ttl: DNS_TTL_SECONDS,
    })
  })

  it('takes 10–50 ms uncached on fibre', () => {
    const dnsMs = cold.events.filter((e) => e.layer === 'dns').reduce((s, e) => s + e.duration, 0)
    expect(dnsMs).toBeGreaterThan(10)
    expect(dnsMs).toBeLessThan(50)
  })

  it('answers a warm name with a single browser-cache hit', () => {
    const warm = send(app(), get(`${API}/health`), cold.connection)
    expect(dnsTypes(warm)).toEqual(['dns:cache-hit'])
    expect(first(warm, 'dns:cache-hit').data).toMatchObject({
      cache: 'browser',
      address: '93.184.216.34',
    })
  })

  it('falls back to the OS cache once the browser has dropped the name, within the TTL', () => {
    const minutes = send(
      app(),
      get(`${API}/health`),
      later(cold, (BROWSER_DNS_CACHE_MS + 60_000) / 1000),
    )
    expect(dnsTypes(minutes)).toEqual(['dns:cache-hit'])
    expect(first(minutes, 'dns:cache-hit').data).toMatchObject({ cache: 'os' })
    expect(first(minutes, 'dns:cache-hit').data.ttlLeft).toBeLessThan(DNS_TTL_SECONDS - 60)
  })

  it('asks the resolver again once the TTL has run out', () => {
    const expired = send(app(), get(`${API}/health`), later(cold, DNS_TTL_SECONDS + 1))
    expect(dnsTypes(expired)[0]).toBe('dns:cache-miss')
  })

  it('ends in ERR_NAME_NOT_RESOLVED for a name with no record, before any connection', () => {
    const trace = send(app(), get('https://nope.example.com/'))
    expect(trace.error).toEqual({
      code: 'ERR_NAME_NOT_RESOLVED',
      message: 'DNS has no address for nope.example.com',
    })
    expect(first(trace, 'dns:query' as const).data).toBeTruthy()
    expect(types(trace).filter((t) => t.startsWith('tcp:'))).toEqual([])
    expect(trace.connection.dnsCache).not.toHaveProperty('nope.example.com')
  })
})

describe('tcp: handshake, keep-alive, idle close, refused', () => {
  it('shakes hands in one round trip to port 443 (or 80 for http)', () => {
    const trace = send(app({ network: { preset: '4g' } }))
    expect(types(trace).filter((t) => t.startsWith('tcp:') && t !== 'tcp:keep-alive')).toEqual([
      'tcp:syn',
      'tcp:syn-ack',
      'tcp:ack',
    ])
    const syn = first(trace, 'tcp:syn')
    const synAck = first(trace, 'tcp:syn-ack')
    expect(syn.data.port).toBe(443)
    expect(syn.duration + synAck.duration).toBeGreaterThan(60 * 0.9)
    expect(syn.duration + synAck.duration).toBeLessThan(60 * 1.1)
    expect(first(send(app(), get('http://api.example.com/users/42')), 'tcp:syn').data.port).toBe(80)
  })

  it('reuses a kept-alive connection, counting the requests on it', () => {
    const one = send(app())
    const two = send(app(), get(`${API}/health`), one.connection)
    expect(first(two, 'tcp:reuse').data).toEqual({
      address: '93.184.216.34',
      requestsOnConnection: 2,
    })
    expect(two.connection.connections[API]?.requests).toBe(2)
  })

  it('opens a new connection when the server closed the idle one (nginx keepalive_timeout 75 s)', () => {
    const one = send(app())
    const idle = send(
      app(),
      get(`${API}/health`),
      later(one, KEEPALIVE_TIMEOUT_MS.nginx / 1000 + 1),
    )
    expect(types(idle)).toContain('tcp:idle-closed')
    expect(types(idle)).toContain('tcp:syn')
    expect(types(idle)).not.toContain('tcp:reuse')
    const justBefore = send(
      app(),
      get(`${API}/health`),
      later(one, KEEPALIVE_TIMEOUT_MS.nginx / 1000 - 1),
    )
    expect(types(justBefore)).toContain('tcp:reuse')
  })

  it('is refused when the proxy is stopped: RST, ERR_CONNECTION_REFUSED, nothing kept', () => {
    const trace = send(withProxy({ status: 'stopped' }))
    expect(trace.error?.code).toBe('ERR_CONNECTION_REFUSED')
    expect(trace.error?.message).toContain('93.184.216.34:443')
    expect(first(trace, 'tcp:refused').direction).toBe('response')
    expect(trace.connection.connections).toEqual({})
  })

  it('closes the connection when TLS fails on it, so nothing is kept alive', () => {
    const trace = send(app({ tls: { version: '1.3', certificate: 'expired' } }))
    expect(first(trace, 'tcp:close').data).toEqual({
      address: '93.184.216.34',
      code: 'ERR_CERT_DATE_INVALID',
    })
    expect(trace.connection.connections).toEqual({})
  })
})
