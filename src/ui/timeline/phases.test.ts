import { describe, expect, it } from 'vitest'
import type { Trace } from '../../engine'
import { findScenario, scenarios, simulate } from '../../engine'
import { formatMs } from '../format'
import {
  axisTicks,
  breakdownOf,
  flatRows,
  phaseOf,
  rowOfEvent,
  shownPart,
  timelineOf,
  wholePercents,
} from './phases'

const traceOf = (id: string): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no curated scenario "${id}"`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6

describe('every curated scenario', () => {
  for (const { id } of scenarios) {
    it(`${id}: phases cover each event once, in time order, and the shares add up to 100`, () => {
      const trace = traceOf(id)
      const timeline = timelineOf(trace)
      const phases = timeline.trips.flatMap((trip) => trip.rows)

      // Every event has a phase, and the time is counted once: SSL is drawn inside Initial
      // connection (as DevTools does), and Request sent and Waiting split the request's crossing.
      const covered = [...new Set(phases.flatMap((row) => row.events))].sort((a, b) => a - b)
      expect(covered).toEqual(trace.events.map((e) => e.seq))
      phases.forEach((row, i) => {
        if (i > 0) expect(row.start).toBeGreaterThanOrEqual(phases[i - 1]!.start - 1e-9)
      })
      const counted = phases.filter((row) => row.kind !== 'ssl')
      expect(
        close(
          counted.reduce((sum, row) => sum + row.duration, 0),
          trace.events.reduce((sum, e) => sum + e.duration, 0),
        ),
      ).toBe(true)

      // Inside Waiting, the layers and the way back split its events exactly; steps repeat the view's.
      for (const waiting of phases.filter((row) => row.kind === 'waiting')) {
        const split = waiting.children
          .filter((row) => row.kind !== 'step')
          .flatMap((row) => row.events)
          .sort((a, b) => a - b)
        expect(split).toEqual(waiting.events)
        const total = waiting.children
          .filter((row) => row.kind !== 'step')
          .reduce((sum, row) => sum + row.duration, 0)
        expect(close(total, waiting.duration)).toBe(true)
      }

      const breakdown = breakdownOf(trace, formatMs)
      expect(breakdown.shares.reduce((sum, s) => sum + s.percent, 0)).toBe(100)
      const ms = breakdown.shares.map((s) => s.ms)
      expect([...ms].sort((a, b) => b - a)).toEqual(ms)
      expect(
        close(
          breakdown.total,
          trace.events.reduce((sum, e) => sum + e.duration, 0),
        ),
      ).toBe(true)
    })
  }
})

describe('phases of GET /users/42', () => {
  const trace = traceOf('get-user')
  const timeline = timelineOf(trace)

  it('come in the order DevTools lists them, then the browser’s own finish', () => {
    expect(timeline.trips).toHaveLength(1)
    expect(timeline.trips[0]!.rows.map((r) => r.label)).toEqual([
      'Queueing',
      'DNS Lookup',
      'Initial connection',
      'SSL',
      'Request sent',
      'Waiting (TTFB)',
      'Content Download',
      'Browser handles the response',
    ])
    expect(timeline.trips[0]!.outcome).toBe('200 OK')
  })

  it('give a layer that wraps others its own time, not the time of the layers inside it', () => {
    const logging = flatRows(timeline).find((r) => r.label === 'Logging middleware')!
    expect(logging.segments).toHaveLength(2)
    const own = trace.events.filter((e) => e.stage === 'middleware:logging')
    expect(close(logging.duration, own[0]!.duration + own[1]!.duration)).toBe(true)
    expect(logging.end - logging.start).toBeGreaterThan(logging.duration * 10)
  })

  it('mark the innermost row holding an event as where the playhead is', () => {
    const query = trace.events.findIndex((e) => e.type === 'handler:db-query')
    expect(rowOfEvent(timeline, query)?.label).toBe('Database query')
    expect(rowOfEvent(timeline, 2)?.label).toBe('DNS Lookup')
  })

  it('show only what the playhead has reached when revealing as it plays', () => {
    const dns = flatRows(timeline).find((r) => r.label === 'DNS Lookup')!
    expect(shownPart(dns, trace.events, 1).reached).toBe(0)
    const part = shownPart(dns, trace.events, 3)
    expect(part.reached).toBe(2)
    expect(close(part.duration, trace.events[2]!.duration + trace.events[3]!.duration)).toBe(true)
    expect(shownPart(dns, trace.events).duration).toBe(dns.duration)
  })
})

describe('the phase of an event', () => {
  it('counts a connection closed on error as the failure, and one closed after an answer as the download', () => {
    const failed = traceOf('tls-certificate-error').events.find((e) => e.type === 'tcp:close')!
    expect(phaseOf(failed)).toBe('failure')
    const closed = traceOf('payload-too-large').events.find((e) => e.type === 'tcp:close')!
    expect(phaseOf(closed)).toBe('download')
  })

  it('puts a reused connection under Stalled: no DNS servers, no handshakes', () => {
    const second = timelineOf(traceOf('redirect-same-origin')).trips[1]!
    expect(second.rows.map((r) => r.label)).toContain('Stalled')
    expect(second.rows.map((r) => r.label)).not.toContain('Initial connection')
  })

  it('marks the phase where a network error struck', () => {
    const refused = timelineOf(traceOf('connection-refused')).trips[0]!.rows
    expect(refused.find((r) => r.label === 'Initial connection')?.failed).toBe(true)
    expect(refused.at(-1)?.label).toBe('(failed) net::ERR_CONNECTION_REFUSED')
  })
})

describe('DevTools’ phases', () => {
  const rowsOf = (id: string) => timelineOf(traceOf(id)).trips[0]!.rows
  const kind = (id: string, k: string) => rowsOf(id).find((row) => row.kind === k)!

  it('draws SSL inside Initial connection, which spans both handshakes', () => {
    const connect = kind('get-user', 'connect')
    const ssl = kind('get-user', 'ssl')
    expect(ssl.start).toBeGreaterThan(connect.start)
    expect(close(ssl.end, connect.end)).toBe(true)
    expect(connect.duration).toBeGreaterThan(ssl.duration)
  })

  it('counts only the writing as Request sent; the trip to the server opens Waiting', () => {
    const trace = traceOf('get-user')
    const receive = trace.events.find((e) => e.type === 'proxy:receive')!
    const request = kind('get-user', 'request')
    const waiting = kind('get-user', 'waiting')
    expect(request.duration).toBeLessThan(receive.duration / 10)
    expect(close(request.end, waiting.start)).toBe(true)
    // Waiting opens into the way out, the server's layers and the way back, in that order.
    const labels = waiting.children.filter((row) => row.kind !== 'step').map((row) => row.label)
    expect(labels[0]).toBe('The request travels to the server')
    expect(labels.at(-1)).toBe('The answer travels back')
    expect(labels).toContain('nginx (reverse proxy)')
  })
})

describe('where the time went', () => {
  it('says the database, not the view, took the time in slow-database', () => {
    const { biggest, finding } = breakdownOf(traceOf('slow-database'), formatMs)
    expect(biggest?.id).toBe('data')
    const match =
      /^Your view’s own code took [\d.]+ ms of [\d.]+ ms \(1\u00a0%\); the database took (\d+)\u00a0%\.$/.exec(
        finding ?? '',
      )
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(70)
  })

  it('names external services when the view waited on one', () => {
    expect(breakdownOf(traceOf('external-service'), formatMs).finding).toMatch(
      /the database and external calls took \d+\u00a0%\.$/,
    )
  })

  it('says when the request never reached the view, or never left the browser', () => {
    expect(breakdownOf(traceOf('unauthorized'), formatMs).finding).toMatch(
      /^The authentication middleware answered 401 before your view ran; the network took \d+\u00a0% of [\d.]+ ms\.$/,
    )
    expect(breakdownOf(traceOf('not-found'), formatMs).finding).toMatch(
      /^The router answered 404 before your view ran;/,
    )
    expect(breakdownOf(traceOf('rate-limited'), formatMs).finding).toMatch(
      /^The reverse proxy answered 429 before your view ran;/,
    )
    expect(breakdownOf(traceOf('cache-fresh'), formatMs).finding).toMatch(
      /^Nothing crossed the network: the browser’s cache answered in [\d.]+ ms\.$/,
    )
    expect(breakdownOf(traceOf('dns-failure'), formatMs).finding).toMatch(
      /^No HTTP was ever sent: .* before the browser reported ERR_NAME_NOT_RESOLVED\.$/,
    )
  })
})

describe('helpers', () => {
  it('wholePercents always adds up to 100', () => {
    expect(wholePercents([1, 1, 1])).toEqual([34, 33, 33])
    expect(wholePercents([72.8, 8, 1.9, 0.65, 0.4, 0.28, 0.11]).reduce((a, b) => a + b)).toBe(100)
    expect(wholePercents([0, 0])).toEqual([0, 0])
  })

  it('axisTicks picks round steps', () => {
    expect(axisTicks(84.2)).toEqual([0, 20, 40, 60, 80])
    expect(axisTicks(353)).toEqual([0, 100, 200, 300])
    expect(axisTicks(1.2)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2])
    expect(axisTicks(4267)).toEqual([0, 1000, 2000, 3000, 4000])
    // A narrow axis gets fewer labels.
    expect(axisTicks(84.2, 4)).toEqual([0, 25, 50, 75])
    expect(axisTicks(353, 3)).toEqual([0, 200])
  })
})
