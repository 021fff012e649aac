import { describe, expect, it } from 'vitest'
import type { ConnectionState, Trace } from '../../engine'
import { findScenario, scenarios, simulate } from '../../engine'
import { networkView } from './model'

const run = (id: string, connection?: ConnectionState, tls?: { earlyData: boolean }): Trace => {
  const curated = findScenario(id)!
  const scenario = tls
    ? { ...curated.scenario, tls: { ...curated.scenario.tls, ...tls } }
    : curated.scenario
  return simulate({
    scenario,
    request: curated.request,
    seed: 1,
    ...(connection ? { connection } : {}),
  })
}

/** The same request again after `ms` of idle time: the connection has closed, the TLS ticket has not. */
const later = (trace: Trace, ms: number): ConnectionState => ({
  ...trace.connection,
  now: trace.connection.now + ms,
})

describe('network close-up model', () => {
  it('turns every DNS, TCP and TLS event of every curated scenario into a message (decryption aside)', () => {
    for (const { id } of scenarios) {
      const trace = run(id)
      const view = networkView(trace)
      const shown = new Set(
        view.hops.flatMap((hop) =>
          Object.values(hop.sections).flatMap((section) => section.messages.map((m) => m.index)),
        ),
      )
      trace.events.forEach((event, index) => {
        if (['dns', 'tcp', 'tls'].includes(event.layer) && event.type !== 'tls:decrypt')
          expect(shown.has(index), `${id}: ${event.type} at ${index}`).toBe(true)
      })
    }
  })

  it('names the hops of a followed redirect, with the plain-http one marked as having no TLS', () => {
    const view = networkView(run('redirect'))
    expect(view.hops.map((hop) => `${hop.scheme}:${hop.port}`)).toEqual(['http:80', 'https:443'])
    expect(view.hops[0]!.sections.tls.absent).toMatch(/^No TLS: plain HTTP/)
    expect(view.hops[1]!.via).toEqual({ status: 301, from: 'http://api.example.com/users/42' })
    expect(view.hops[1]!.sections.dns.messages.map((m) => m.name)).toEqual([
      'DNS answered from cache',
    ])
  })

  it('counts a resumed TLS session as one round trip without a certificate, and 0-RTT as none', () => {
    const first = run('get-user')
    const resumed = networkView(run('get-user', later(first, 100_000))).hops[0]!
    expect(resumed.sections.tcp.messages[0]!.name).toBe('Old connection closed while idle')
    expect(resumed.sections.tls.summary).toBe('TLS 1.3, resumed: 1 round trip')
    expect(resumed.sections.tls.messages.map((m) => m.name)).toEqual([
      'ClientHello',
      'ServerHello + Finished (resumed)',
      'Finished',
    ])
    const early = networkView(run('get-user', later(first, 100_000), { earlyData: true })).hops[0]!
    expect(early.sections.tls.summary).toBe('TLS 1.3, 0-RTT: the request did not wait')
    expect(early.sections.tls.messages.map((m) => m.name)).toEqual([
      'ClientHello + early data',
      '0-RTT: no wait for the handshake',
    ])
  })

  it('splits a there-and-back exchange over two arrows that share its time', () => {
    const trace = run('get-user')
    const root = networkView(trace).hops[0]!.sections.dns.messages.find((m) =>
      m.name.startsWith('Root'),
    )!
    expect(root.arrows.map((a) => `${a.from}→${a.to}`)).toEqual(['resolver→root', 'root→resolver'])
    expect(root.arrows[0]!.ms + root.arrows[1]!.ms).toBeCloseTo(trace.events[root.index]!.duration)
  })

  it('records where a trace failed below HTTP', () => {
    expect(networkView(run('dns-failure')).failure?.section).toBe('dns')
    expect(networkView(run('connection-refused')).failure?.code).toBe('ERR_CONNECTION_REFUSED')
    expect(networkView(run('tls-wrong-host')).failure?.section).toBe('tls')
    expect(networkView(run('get-user')).failure).toBeNull()
  })
})
