import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PageSpec, PageTrace, SimulatePageInput } from '../../../../src/engine'
import {
  DEFAULT_PAGE,
  MAX_H1_CONNECTIONS,
  PAGE_PROTOCOLS,
  altSvcKnown,
  pageApp,
  simulatePage,
} from '../../../../src/engine'

const REQUEST_ONLY = new Set(['dns', 'router', 'validation'])
const fold = (stages: string[]) => stages.filter((stage, i) => stage !== stages[i - 1])

/** A random page: some of the default page's resources, some extra images, CDN hit or miss. */
const pageArb: fc.Arbitrary<PageSpec> = fc
  .record({
    keep: fc.array(fc.boolean(), {
      minLength: DEFAULT_PAGE.resources.length,
      maxLength: DEFAULT_PAGE.resources.length,
    }),
    extra: fc.array(fc.integer({ min: 200, max: 200_000 }), { maxLength: 30 }),
    cache: fc.constantFrom('hit' as const, 'miss' as const),
  })
  .map(({ keep, extra, cache }) => ({
    document: DEFAULT_PAGE.document,
    cdn: { hosts: ['cdn.example.net'], cache },
    resources: [
      ...DEFAULT_PAGE.resources.filter((_, i) => keep[i]),
      ...extra.map((bytes, i) => ({
        url: `https://${i % 2 ? 'cdn.example.net/img' : 'www.example.com/static'}/extra-${i}.jpg`,
        kind: 'image' as const,
        bytes,
        discoveredBy: 'parser',
      })),
    ],
  }))

const inputArb: fc.Arbitrary<SimulatePageInput> = fc
  .record({
    page: pageArb,
    protocol: fc.constantFrom(...PAGE_PROTOCOLS),
    network: fc.constantFrom('good' as const, 'lossy' as const),
    seed: fc.integer(),
    returning: fc.boolean(),
    preset: fc.constantFrom('fibre' as const, 'cable' as const, '4g' as const, '3g' as const),
  })
  .map(({ returning, preset, ...rest }) => ({
    scenario: { ...pageApp, network: { preset } },
    ...rest,
    ...(returning ? { connection: altSvcKnown(rest.page) } : {}),
  }))

const runs = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 30),
  seed: process.env.CI ? 20261205 : undefined,
}

/** How many of `intervals` overlap at the busiest moment. */
const peak = (intervals: readonly (readonly [number, number])[]): number => {
  const edges = intervals.flatMap(([a, b]) => [
    [a, 1],
    [b, -1],
  ])
  edges.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!)
  let now = 0
  let most = 0
  for (const [, step] of edges) most = Math.max(most, (now += step!))
  return most
}

const check = (page: PageTrace, input: SimulatePageInput) => {
  for (const r of page.requests) {
    const { trace } = r
    // Every request's trace is a normal single-request trace.
    expect((trace.response === undefined) !== (trace.error === undefined)).toBe(true)
    trace.events.forEach((event, i) => {
      expect(event.seq).toBe(i)
      expect(event.duration).toBeGreaterThanOrEqual(0)
      if (i > 0) {
        const previous = trace.events[i - 1]!
        expect(event.at).toBeCloseTo(previous.at + previous.duration, 3)
      }
    })
    const inbound = fold(trace.events.filter((e) => e.direction === 'request').map((e) => e.stage))
    const outbound = fold(
      trace.events.filter((e) => e.direction === 'response').map((e) => e.stage),
    )
    const positions = outbound.slice(1).map((stage) => inbound.lastIndexOf(stage))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => b - a))
    for (const stage of inbound.slice(0, inbound.indexOf(outbound[0]!)))
      if (!REQUEST_ONLY.has(stage)) expect(outbound).toContain(stage)
    // Page timing holds together.
    expect(r.start).toBeLessThanOrEqual(r.sentAt + 1e-9)
    expect(r.end).toBeLessThanOrEqual(page.end + 1e-9)
    const traceEnd = trace.events.at(-1)!
    expect(r.sentAt + traceEnd.at + traceEnd.duration).toBeLessThanOrEqual(r.end + 0.01)
    const phases = Object.values(r.phases)
    expect(phases.every((p) => p >= 0 && Number.isFinite(p))).toBe(true)
    // Protocol rules.
    if (r.protocol === 'h3')
      expect(trace.events.some((e) => e.layer === 'tcp' || e.type.startsWith('tcp:'))).toBe(false)
    if (r.protocol === 'h2' && r.connection !== 'cache') expect(r.stream! % 2).toBe(1)
    if (r.protocol === 'http/1.1') expect(r.stream).toBeUndefined()
  }
  const origins = new Set(page.connections.map((c) => c.origin))
  for (const origin of origins) {
    const mine = page.connections.filter((c) => c.origin === origin)
    const h1 = mine.filter((c) => c.protocol === 'http/1.1')
    expect(h1.length).toBeLessThanOrEqual(MAX_H1_CONNECTIONS)
    const onH1 = page.requests.filter((r) => h1.some((c) => c.id === r.connection))
    expect(peak(onH1.map((r) => [r.sentAt, r.end]))).toBeLessThanOrEqual(MAX_H1_CONNECTIONS)
    for (const proto of ['h2', 'h3'] as const)
      expect(mine.filter((c) => c.protocol === proto).length).toBeLessThanOrEqual(1)
  }
  for (const c of page.connections) {
    const on = page.requests.filter((r) => r.connection === c.id)
    expect(on.every((r) => r.protocol === c.protocol)).toBe(true)
    if (c.protocol !== 'http/1.1') {
      const streams = on.map((r) => r.stream!)
      expect(new Set(streams).size).toBe(streams.length)
      // Stream ids rise in the order requests were sent.
      const bySent = [...on].sort((a, b) => a.sentAt - b.sentAt || a.stream! - b.stream!)
      expect(bySent.map((r) => r.stream)).toEqual([...streams].sort((a, b) => a - b))
    } else {
      const sorted = [...on].sort((a, b) => a.sentAt - b.sentAt)
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]!.sentAt).toBeGreaterThanOrEqual(sorted[i - 1]!.end - 1e-9)
    }
  }
  if (input.protocol === 'h2') expect(page.connections.every((c) => c.protocol === 'h2')).toBe(true)
  if (input.protocol === 'h3' && input.connection)
    expect(page.requests.every((r) => r.protocol === 'h3' || r.connection === 'cache')).toBe(true)
}

describe('simulatePage: properties over random pages', () => {
  it('every request is a normal trace, and the pool rules hold', () => {
    fc.assert(
      fc.property(inputArb, (input) => check(simulatePage(input), input)),
      runs,
    )
  }, 60_000)

  it('reproduces the page exactly from the same seed', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(simulatePage(input)).toEqual(simulatePage(input))
      }),
      { ...runs, numRuns: Math.ceil(runs.numRuns / 3) },
    )
  }, 60_000)
})
