import Ajv from 'ajv'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { PageRequest, PageTrace } from '../../../src/engine'
import { findScenario, pageApp, simulate, simulatePage } from '../../../src/engine'
import type { ExportedHar, MeasuredEntry } from '../../../src/har'
import { MASK, importHar, isoDate, pageToHar, phasesOfTrace, traceToHar } from '../../../src/har'

const schema: unknown = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/har/har-1.2.schema.json', import.meta.url)),
    'utf8',
  ),
)
const validate = new Ajv({ allErrors: true }).compile(schema as object)
const valid = (har: ExportedHar) => {
  const ok = validate(JSON.parse(JSON.stringify(har)))
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`)
}

const STARTED = Date.UTC(2025, 0, 15, 9, 30, 0, 250)

const reimport = (har: ExportedHar) => {
  const result = importHar(JSON.stringify(har))
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** A page request's bar as the waterfall draws it: blocked (queueing + stalled), then the rest. */
const pageBar = (r: PageRequest) =>
  [
    ['blocked', r.phases.queueing + r.phases.stalled],
    ['dns', r.phases.dns],
    ['connect', r.phases.connect],
    ['ssl', r.phases.ssl],
    ['wait', r.phases.waiting],
    ['receive', r.phases.download],
  ].filter(([, ms]) => (ms as number) > 0.0005) as [string, number][]

const measuredBar = (e: MeasuredEntry) =>
  (['blocked', 'dns', 'connect', 'ssl', 'wait', 'receive'] as const)
    .map((p) => [p, e.phases[p] ?? 0] as [string, number])
    .filter(([, ms]) => ms > 0.0005)

describe('exporting traces as HAR 1.2', () => {
  it('writes dates without Date, as ISO 8601 in UTC', () => {
    for (const ms of [0, STARTED, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 11, 31)])
      expect(isoDate(ms)).toBe(new Date(ms).toISOString())
  })

  for (const protocol of ['http/1.1', 'h2', 'h3'] as const)
    it(`a ${protocol} page load passes the HAR 1.2 schema and re-imports to the same waterfall`, () => {
      const page: PageTrace = simulatePage({ scenario: pageApp, protocol, seed: 1 })
      const har = pageToHar(page, { startedAt: STARTED })
      expect(valid(har)).toEqual([])
      expect(har.log.entries).toHaveLength(page.requests.length)
      const measured = reimport(har)
      // Never passed off as measured: the file says its times are simulated.
      expect(measured.source).toBe('simulated')
      page.requests.forEach((r, i) => {
        const e = measured.entries[i]!
        const entry = har.log.entries[i]!
        expect(entry._roundtrip.source).toBe('simulated')
        // The total is the sum of the timings, and both are the trace's.
        expect(entry.time).toBeCloseTo(r.end - r.start, 2)
        expect(e.time).toBe(entry.time)
        // HAR's dates hold whole milliseconds: the start moves by at most half of one.
        expect(Math.abs(e.start - r.start)).toBeLessThanOrEqual(0.5 + 1e-9)
        const want = pageBar(r)
        const got = measuredBar(e)
        expect(got.map(([p]) => p)).toEqual(want.map(([p]) => p))
        got.forEach(([, ms], j) => expect(ms).toBeCloseTo(want[j]![1], 2))
        expect(e.connection).toBe(r.connection)
        expect(e.status).toBe(r.status)
        expect(e.protocol).toBe({ 'http/1.1': 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' }[r.protocol])
      })
      const load = page.marks.find((m) => m.id === 'load')!
      expect(measured.marks.find((m) => m.id === 'load')?.at).toBeCloseTo(load.at, 2)
    })

  it('a single request: timings add up to the trace, Server-Timing and layers included', () => {
    const curated = findScenario('get-user')!
    const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
    const har = traceToHar(trace, { startedAt: STARTED })
    expect(valid(har)).toEqual([])
    const [entry] = har.log.entries
    const first = trace.events[0]!.at
    const last = Math.max(...trace.events.map((e) => e.at + e.duration))
    expect(entry!.time).toBeCloseTo(last - first, 2)
    const p = phasesOfTrace(trace)
    expect(p.dns).toBeGreaterThan(0)
    expect(p.wait).toBeGreaterThan(0)
    // HAR counts TLS inside connect.
    expect(entry!.timings.connect).toBeCloseTo(p.connect + p.ssl, 2)
    const st = entry!.response.headers.find((h) => h.name === 'server-timing')?.value ?? ''
    expect(st).toMatch(/handler;dur=[\d.]+;desc="Handler"/)
    expect(entry!._roundtrip.layers.map((l) => l.layer)).toContain('handler')
    expect(entry!.response.status).toBe(trace.response!.status)
    // Re-imported, the wait opens into the layers the model reported.
    const measured = reimport(har).entries[0]!
    expect(measured.serverTiming.map((m) => m.name)).toContain('handler')
    expect(measured.time).toBe(entry!.time)
  })

  it('masks secrets by default, and keeps them only when asked', () => {
    const curated = findScenario('forbidden')!
    const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
    const auth = (har: ExportedHar) =>
      har.log.entries[0]!.request.headers.find((h) => h.name === 'authorization')?.value
    expect(auth(traceToHar(trace, { startedAt: STARTED }))).toBe(`Bearer ${MASK}`)
    expect(auth(traceToHar(trace, { startedAt: STARTED, sanitize: false }))).toBe(
      'Bearer grace-staff-token',
    )
    expect(JSON.stringify(traceToHar(trace, { startedAt: STARTED }))).not.toContain(
      'grace-staff-token',
    )
  })

  it('the schema refuses a HAR missing what the spec requires (so the checks above can fail)', () => {
    const page = simulatePage({ scenario: pageApp, protocol: 'h2', seed: 1 })
    const har = pageToHar(page, { startedAt: STARTED }) as unknown as {
      log: { entries: { timings: Record<string, unknown> }[] }
    }
    delete har.log.entries[0]!.timings.wait
    expect(validate(har)).toBe(false)
  })
})
