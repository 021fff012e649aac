import { describe, expect, it } from 'vitest'
import type { EventType } from '../../../../src/engine'
import { findScenario, parseScenario, simulate } from '../../../../src/engine'
import { networkScenarios } from '../../../../src/engine/scenarios/network'
import { expectedReturn, roundTrips, stagePath, types } from './helpers'

/** What each curated network scenario must show besides its final status. */
const CHARACTERISTIC: Record<string, { has: EventType[]; lacks?: EventType[]; error?: string }> = {
  redirect: { has: ['proxy:redirect', 'client:redirect', 'tls:client-hello', 'handler:call'] },
  'redirect-same-origin': { has: ['proxy:redirect', 'client:redirect', 'tcp:reuse', 'tls:reuse'] },
  'not-modified': {
    has: ['client:cache-revalidate', 'proxy:static', 'client:cache-use'],
    lacks: ['server:parse'],
  },
  'cache-fresh': {
    has: ['client:cache-hit'],
    lacks: ['dns:cache-miss', 'tcp:syn', 'proxy:receive'],
  },
  'static-file': {
    has: ['proxy:static', 'client:cache-store'],
    lacks: ['proxy:forward', 'server:parse'],
  },
  'cookie-jar': { has: ['client:attach-cookies', 'handler:call'] },
  'rate-limited': { has: ['proxy:rate-limit'], lacks: ['proxy:forward', 'server:parse'] },
  'payload-too-large': {
    has: ['proxy:body-too-large', 'tcp:close'],
    lacks: ['proxy:forward', 'server:parse'],
  },
  'bad-gateway': { has: ['proxy:forward', 'proxy:upstream-error'], lacks: ['server:parse'] },
  'connection-reset': { has: ['handler:call', 'server:write', 'proxy:upstream-error'] },
  'service-unavailable': { has: ['proxy:maintenance'], lacks: ['proxy:forward'] },
  'gateway-timeout': { has: ['handler:db-query', 'proxy:upstream-error'] },
  'overloaded-server': {
    has: ['proxy:forward', 'server:queued', 'handler:call'],
    lacks: ['proxy:upstream-error'],
  },
  'dns-failure': {
    has: ['dns:nxdomain', 'client:network-error'],
    lacks: ['tcp:syn'],
    error: 'ERR_NAME_NOT_RESOLVED',
  },
  'connection-refused': {
    has: ['tcp:syn', 'tcp:refused', 'client:network-error'],
    lacks: ['tcp:syn-ack', 'tls:client-hello'],
    error: 'ERR_CONNECTION_REFUSED',
  },
  'tls-certificate-error': {
    has: ['tls:certificate', 'tls:alert', 'tcp:close'],
    lacks: ['tls:finished', 'proxy:receive'],
    error: 'ERR_CERT_DATE_INVALID',
  },
  'tls-wrong-host': {
    has: ['tls:certificate', 'tls:alert'],
    lacks: ['proxy:receive'],
    error: 'ERR_CERT_COMMON_NAME_INVALID',
  },
  'tls12-handshake': { has: ['tls:finished', 'handler:call'] },
  'tls-resumption': {
    has: ['tls:client-hello', 'tls:finished', 'handler:call'],
    lacks: ['tls:server-hello', 'tls:certificate'],
  },
  'http2-alpn': { has: ['tls:server-hello', 'handler:call'] },
  'slow-network': { has: ['handler:call'] },
}

describe('curated network scenarios', () => {
  it('has an entry in this table for every network scenario, and ids are unique', () => {
    expect(networkScenarios.map((s) => s.id).sort()).toEqual(Object.keys(CHARACTERISTIC).sort())
    for (const { id } of networkScenarios) expect(findScenario(id)?.id).toBe(id)
  })

  it.each(networkScenarios.map((s) => [s.id, s] as const))(
    '%s ends as declared, with its characteristic events',
    (id, curated) => {
      const trace = simulate({ scenario: curated.scenario, request: curated.request })
      const expected = CHARACTERISTIC[id]!
      if (curated.expectedStatus === null) {
        expect(trace.response).toBeUndefined()
        expect(trace.error?.code).toBe(expected.error)
      } else {
        expect(trace.error).toBeUndefined()
        expect(trace.response?.status).toBe(curated.expectedStatus)
      }
      const seen = types(trace)
      for (const type of expected.has) expect(seen).toContain(type)
      for (const type of expected.lacks ?? []) expect(seen).not.toContain(type)
    },
  )

  it.each(networkScenarios.map((s) => [s.id, s] as const))(
    '%s goes back out through exactly the stages it came in by, per round trip',
    (_id, curated) => {
      const trace = simulate({ scenario: curated.scenario, request: curated.request })
      for (const trip of roundTrips(trace))
        expect(stagePath(trip, 'response')).toEqual(expectedReturn(trip))
    },
  )

  it.each(networkScenarios.map((s) => [s.id, s] as const))(
    '%s keeps time monotonic and survives a JSON round trip through parseScenario',
    (_id, curated) => {
      const trace = simulate({ scenario: curated.scenario, request: curated.request })
      for (let i = 1; i < trace.events.length; i++) {
        const previous = trace.events[i - 1]!
        expect(trace.events[i]!.at).toBeCloseTo(previous.at + previous.duration, 3)
      }
      // The network half must survive unchanged: optional fields stay absent, nothing is added.
      const { network, dns, tls, proxy, browser } = parseScenario(
        JSON.parse(JSON.stringify(curated.scenario)),
      )
      const original = curated.scenario
      expect({ network, dns, tls, proxy, browser }).toEqual({
        network: original.network,
        dns: original.dns,
        tls: original.tls,
        proxy: original.proxy,
        browser: original.browser,
      })
    },
  )

  it.each([
    ['redirect', 'handler'],
    ['not-modified', 'proxy'],
    ['cache-fresh', 'client'],
    ['static-file', 'proxy'],
    ['rate-limited', 'proxy'],
    ['payload-too-large', 'proxy'],
    ['bad-gateway', 'proxy'],
    ['service-unavailable', 'proxy'],
    ['dns-failure', 'client'],
    ['connection-refused', 'tcp'],
    ['tls-certificate-error', 'tls'],
  ])('%s: the last round trip turns back at %s', (id, stage) => {
    const curated = findScenario(id)!
    const trip = roundTrips(simulate({ scenario: curated.scenario, request: curated.request })).at(
      -1,
    )!
    expect(stagePath(trip, 'response')[0]).toBe(stage)
  })

  it('reproduces each scenario exactly from the same seed', () => {
    for (const curated of networkScenarios) {
      const input = { scenario: curated.scenario, request: curated.request, seed: 9 }
      expect(simulate(input)).toEqual(simulate(input))
    }
  })
})

describe('what the curated network scenarios teach', () => {
  const run = (id: string) => {
    const curated = findScenario(id)!
    return simulate({ scenario: curated.scenario, request: curated.request })
  }

  it('redirect: two round trips in one trace, the first answered 301 by nginx', () => {
    const trace = run('redirect')
    const [plain, secure] = roundTrips(trace)
    expect(roundTrips(trace)).toHaveLength(2)
    expect(plain!.find((e) => e.type === 'client:redirect')?.response?.status).toBe(301)
    expect(plain!.some((e) => e.layer === 'tls')).toBe(false)
    expect(secure!.some((e) => e.type === 'tls:client-hello')).toBe(true)
    expect(trace.response?.status).toBe(200)
  })

  it('not-modified: the final response is the bodiless 304; the cached body is in the event', () => {
    const trace = run('not-modified')
    expect(trace.response?.status).toBe(304)
    expect(trace.response?.body).toBe('')
    const use = types(trace).indexOf('client:cache-use')
    const event = trace.events[use]!
    expect(event.type === 'client:cache-use' && event.data.body).toContain('.user-card')
  })

  it('cache-fresh: only client events, and only a millisecond or two', () => {
    const trace = run('cache-fresh')
    expect(new Set(trace.events.map((e) => e.layer))).toEqual(new Set(['client']))
    expect(trace.response?.body).toContain('.user-card')
  })

  it('gateway-timeout: the view ran to completion, and nginx still answered 504', () => {
    const trace = run('gateway-timeout')
    const error = trace.events.find((e) => e.type === 'proxy:upstream-error')!
    expect(error.type === 'proxy:upstream-error' && error.data).toMatchObject({
      error: 'timeout',
      status: 504,
      timeoutMs: 3000,
    })
    expect(types(trace).indexOf('handler:return')).toBeLessThan(
      types(trace).indexOf('proxy:upstream-error'),
    )
  })

  it('slow-network: on 3G the network takes far longer than the view', () => {
    const trace = run('slow-network')
    const handler = trace.events
      .filter((e) => e.layer === 'handler')
      .reduce((s, e) => s + e.duration, 0)
    const last = trace.events.at(-1)!
    expect(last.at + last.duration).toBeGreaterThan(20 * handler)
  })
})
