import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RequestSpec, Scenario, Trace } from '../../../src/engine'
import {
  HTTP_METHODS,
  NETWORK_PRESETS,
  parseScenario,
  scenarios,
  simulate,
} from '../../../src/engine'

/** Stages that set things up or only look at the request: they emit nothing on the way back. */
const REQUEST_ONLY = new Set(['dns', 'router', 'validation'])

const curated = fc.constantFrom(...scenarios)

/** A random valid variation of a curated scenario: other network, TLS, workers, middleware order. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    base: curated,
    preset: fc.constantFrom(...(Object.keys(NETWORK_PRESETS) as (keyof typeof NETWORK_PRESETS)[])),
    tls: fc.constantFrom('1.2', '1.3'),
    workers: fc.integer({ min: 1, max: 8 }),
    order: fc.array(fc.nat(), { maxLength: 12 }),
    drop: fc.array(fc.boolean(), { maxLength: 12 }),
  })
  .map(({ base, preset, tls, workers, order, drop }) => {
    const json = JSON.parse(JSON.stringify(base.scenario)) as Record<string, unknown> & {
      network: Record<string, unknown>
      tls: Record<string, unknown>
      proxy: Record<string, unknown>
      middleware: unknown[]
    }
    json.network = { ...json.network, preset }
    json.tls = { ...json.tls, version: tls }
    json.proxy = { ...json.proxy, workers }
    // Shuffle by sort keys, then drop some: every order must still simulate.
    json.middleware = json.middleware
      .map((m, i) => ({ m, key: order[i] ?? i }))
      .sort((a, b) => a.key - b.key)
      .filter((_, i) => !drop[i])
      .map(({ m }) => m)
    return parseScenario(json)
  })

const pathArb = fc.oneof(
  curated.map((c) => new URL(c.request.url).pathname),
  fc.constantFrom('/', '/users/1', '/users/abc', '/static/app.css', '/nope', '/users/42/posts'),
  fc.webPath(),
)

const requestArb: fc.Arbitrary<RequestSpec> = fc
  .record({
    base: curated,
    method: fc.constantFrom(...HTTP_METHODS),
    path: pathArb,
    keepBody: fc.boolean(),
  })
  .map(({ base, method, path, keepBody }) => {
    const url = new URL(base.request.url)
    return {
      ...base.request,
      method,
      url: `${url.protocol}//${url.host}${path.startsWith('/') ? path : `/${path}`}`,
      body: keepBody ? base.request.body : undefined,
    }
  })

const inputArb = fc.record({ scenario: scenarioArb, request: requestArb, seed: fc.integer() })

// CI runs a fixed seed so a red build is reproducible; locally each run explores new inputs.
const runs = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 300),
  seed: process.env.CI ? 20261125 : undefined,
}

/** Splits a trace into round trips: each starts where the browser parses a URL (a redirect starts another). */
const roundTrips = (trace: Trace) => {
  const trips: Trace['events'][number][][] = [[]]
  for (const event of trace.events) {
    if (event.type === 'client:parse-url' && trips.at(-1)!.length > 0) trips.push([])
    trips.at(-1)!.push(event)
  }
  return trips
}

const fold = (stages: string[]) => stages.filter((stage, i) => stage !== stages[i - 1])

describe('simulate: properties over random scenarios and requests', () => {
  it('never throws on a valid scenario', () => {
    fc.assert(
      fc.property(inputArb, (input) => void simulate(input)),
      runs,
    )
  })

  it('ends in exactly one final response or one network error', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const trace = simulate(input)
        expect((trace.response === undefined) !== (trace.error === undefined)).toBe(true)
        if (trace.response) expect(trace.response.status).toBeGreaterThanOrEqual(100)
      }),
      runs,
    )
  })

  it('keeps virtual time monotonic and gap-free', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { events } = simulate(input)
        events.forEach((event, i) => {
          expect(event.seq).toBe(i)
          expect(event.duration).toBeGreaterThanOrEqual(0)
          if (i > 0) {
            const previous = events[i - 1]!
            expect(event.at).toBeCloseTo(previous.at + previous.duration, 3)
          }
        })
      }),
      runs,
    )
  })

  it('leaves every layer it entered in reverse order, on each round trip', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const trace = simulate(input)
        for (const trip of roundTrips(trace)) {
          const inbound = fold(trip.filter((e) => e.direction === 'request').map((e) => e.stage))
          const outbound = fold(trip.filter((e) => e.direction === 'response').map((e) => e.stage))
          if (outbound.length === 0) continue
          // The response goes back only through stages it passed, innermost first.
          const positions = outbound.slice(1).map((stage) => inbound.lastIndexOf(stage))
          expect(positions.every((p) => p >= 0)).toBe(true)
          expect(positions).toEqual([...positions].sort((a, b) => b - a))
          // Every stage the request passed that handles responses sees the response again,
          // unless an exception unwound past it or the network failed under it.
          const unwound = trip.some((e) => /exception|unwind|raise/i.test(e.type))
          if (!unwound && !trace.error) {
            const answeredAt = inbound.indexOf(outbound[0]!)
            const outer = answeredAt >= 0 ? inbound.slice(0, answeredAt) : inbound
            for (const stage of outer)
              if (!REQUEST_ONLY.has(stage)) expect(outbound).toContain(stage)
          }
        }
      }),
      runs,
    )
  })

  it('reproduces the trace exactly from the same seed', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(simulate(input)).toEqual(simulate(input))
      }),
      { ...runs, numRuns: Math.ceil(runs.numRuns / 3) },
    )
  })
})
