// The recordings made by real Chromium against the real servers (tests/fixtures/har/record.mjs):
// every timing phase where the file says it is and nothing invented, totals equal to the file's
// `time` (or, in Playwright's files, to what is left once its double-counted SSL is taken out,
// and said so), and each Server-Timing opened inside the wait as the server reported it.
import Ajv from 'ajv'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { MeasuredEntry, MeasuredPage } from '../../../src/har'
import { MASK, importHar, maskEntry } from '../../../src/har'
import { measuredSegments, reportedSpans } from '../../../src/ui/har/model'

const RECORDED = [
  'nginx-gunicorn-h2.recorded',
  'nginx-uvicorn-h1-cdp.recorded',
  'playwright-recorded',
] as const

interface RawEntry {
  time: number
  timings: Record<string, number | undefined>
  response: { status: number; headers: { name: string; value: string }[] }
}
interface Raw {
  log: { creator: { name: string }; comment?: string; entries: RawEntry[] }
}

const text = (name: string) =>
  readFileSync(
    fileURLToPath(
      new URL(
        `../../fixtures/har/${name}${name.endsWith('schema') ? '.json' : '.har'}`,
        import.meta.url,
      ),
    ),
    'utf8',
  )

const load = (name: string): { raw: Raw; page: MeasuredPage } => {
  const result = importHar(text(name))
  if (!result.ok) throw new Error(result.error.message)
  return { raw: JSON.parse(text(name)) as Raw, page: result.value }
}

const given = (x: number | undefined) => (x === undefined || x < 0 ? null : x)
const phaseSum = (e: MeasuredEntry) =>
  Object.values(e.phases).reduce<number>((a, x) => a + (x ?? 0), 0)

/** The header's metrics that have a duration, read here with a plain pattern, not the parser. */
const reported = (raw: RawEntry) =>
  raw.response.headers
    .filter((h) => h.name.toLowerCase() === 'server-timing')
    .flatMap((h) => [...h.value.matchAll(/([\w-]+);dur=([\d.]+)/g)])
    .map((m) => ({ name: m[1]!, dur: Number(m[2]) }))

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(text('har-1.2.schema')) as object)

describe.each(RECORDED)('the real recording %s', (name) => {
  const { raw, page } = load(name)

  it('is valid HAR 1.2 (the CDP one is written by record.mjs, so this checks it too)', () => {
    const ok = validate(raw)
    expect(ok ? [] : validate.errors!.map((e) => `${e.dataPath} ${e.message}`)).toEqual([])
  })

  it('is a measured page of every entry in the file', () => {
    expect(page.source).toBe('measured')
    expect(page.entries).toHaveLength(raw.log.entries.length)
    expect(page.entries.length).toBeGreaterThan(1)
  })

  it('has every phase where the file says it is, and none invented', () => {
    page.entries.forEach((e, i) => {
      const t = raw.log.entries[i]!.timings
      for (const phase of ['blocked', 'dns', 'send', 'wait', 'receive'] as const)
        expect(e.phases[phase], `e${i} ${phase}`).toBe(given(t[phase]))
      expect(e.phases.ssl, `e${i} ssl`).toBe(given(t.ssl))
      if (given(t.connect) === null) expect(e.phases.connect, `e${i} connect`).toBeNull()
      // HAR counts TLS inside connect: Roundtrip shows TCP alone, and the two add up to the file's.
      else expect(e.phases.connect! + (e.phases.ssl ?? 0)).toBeCloseTo(t.connect!, 6)
      expect(e.sslInsideConnect).toBe(true)
    })
  })

  it("totals equal the file's time (Playwright's double-counted SSL taken out, and said)", () => {
    const playwright = raw.log.creator.name === 'Playwright'
    page.entries.forEach((e, i) => {
      const time = raw.log.entries[i]!.time
      expect(e.time).toBe(time)
      const doubled = playwright && (e.phases.ssl ?? 0) > 1
      expect(phaseSum(e) + (doubled ? e.phases.ssl! : 0), `e${i}`).toBeCloseTo(time, 6)
      expect(e.notes, `e${i}`).toEqual(
        doubled ? [expect.stringMatching(/^Playwright counts SSL twice/)] : [],
      )
      // The waterfall's bar is the phases, end to end, from the entry's own start.
      const segments = measuredSegments(e)
      if (segments.length > 0) expect(segments.at(-1)!.to - e.start).toBeCloseTo(phaseSum(e), 6)
    })
  })

  it('opens the wait into the spans the server reported, inside the wait', () => {
    const withTiming = page.entries.filter((_, i) => reported(raw.log.entries[i]!).length > 0)
    if (name === 'playwright-recorded') expect(withTiming).toEqual([])
    else expect(withTiming.length).toBeGreaterThanOrEqual(5)
    for (const e of withTiming) {
      const expected = reported(raw.log.entries[e.index]!)
      const spans = reportedSpans(e)
      expect(spans.map((s) => [s.name, s.dur])).toEqual(expected.map((m) => [m.name, m.dur]))
      const wait = measuredSegments(e).find((s) => s.phase === 'wait')!
      for (const s of spans) {
        expect(s.from).toBe(wait.from)
        expect(s.to).toBeLessThanOrEqual(wait.to + 1e-9)
        expect(s.to - s.from).toBeCloseTo(Math.min(s.dur!, wait.to - wait.from), 9)
      }
    }
  })
})

describe('what the real servers did, as the recordings show it', () => {
  const pages = {
    h2: load('nginx-gunicorn-h2.recorded').page,
    h1: load('nginx-uvicorn-h1-cdp.recorded').page,
  }
  const find = (p: MeasuredPage, method: string, path: string, status: number) =>
    p.entries.find(
      (e) => e.method === method && new URL(e.url).pathname === path && e.status === status,
    )!

  it.each(Object.entries(pages))('%s: a 301, a 302 chain, a 304, gzip, a 404, a POST', (_, p) => {
    const start = find(p, 'GET', '/start', 301)
    const doc = find(p, 'GET', '/', 200)
    expect(start.redirectsTo).toBe(doc.id)
    expect(doc.redirectedFrom).toBe(start.id)
    const me = find(p, 'GET', '/api/me', 302)
    expect(p.entries.find((e) => e.id === me.redirectsTo)?.url).toMatch(/\/api\/users\/1$/)
    expect(find(p, 'GET', '/api/users/1', 304).cache).toBe('revalidated')
    const gzipped = p.entries.filter((e) =>
      e.response.headers.some(
        (h) => h.name.toLowerCase() === 'content-encoding' && h.value === 'gzip',
      ),
    )
    expect(gzipped.map((e) => e.name)).toEqual(expect.arrayContaining(['app.css', 'app.js']))
    expect(find(p, 'GET', '/api/users/404', 404).response.content.text).toMatch(/Not found/)
    const post = find(p, 'POST', '/api/users', 201)
    expect(JSON.parse(post.request.postData!.text!)).toEqual({ name: 'Grace Hopper' })
    // Only the first request opened a connection (DNS, TCP, TLS); the rest reused it.
    expect(p.entries[0]!.phases.connect).not.toBeNull()
    expect(p.entries[0]!.phases.ssl).toBeGreaterThan(0)
    for (const e of p.entries.slice(1))
      expect([e.phases.dns, e.phases.connect]).toEqual([null, null])
    // nginx and the app each reported their part of the document's wait.
    expect(doc.serverTiming.map((m) => m.name).sort()).toEqual(['app', 'db', 'proxy'])
  })

  it('tells HTTP/2 (Playwright) from HTTP/1.1 on one kept-alive connection (CDP)', () => {
    // Playwright sometimes writes HTTP/1.1 for the 304, though it came on the same h2 connection
    // (a race in the recorder; the importer shows what the file says).
    const h2 = pages.h2.entries.filter((e) => e.status !== 304)
    expect(new Set(h2.map((e) => e.protocol))).toEqual(new Set(['HTTP/2']))
    expect(new Set(pages.h1.entries.map((e) => e.protocol))).toEqual(new Set(['HTTP/1.1']))
    const ids = new Set(pages.h1.entries.map((e) => e.connection))
    expect(ids.size).toBe(1)
    expect(pages.h1.entries.slice(1).every((e) => e.reusedConnection)).toBe(true)
    // DevTools' fields, as the CDP recording writes them: priority and initiator.
    expect(pages.h1.entries.every((e) => e.priority)).toBe(true)
    const doc = pages.h1.entries.find((e) => e.kind === 'document' && e.status === 200)!
    expect(pages.h1.entries.find((e) => e.name === 'app.css')?.initiator?.entry).toBe(doc.id)
    const script = pages.h1.entries.find((e) => e.name === 'app.js')!
    expect(pages.h1.entries.find((e) => e.name === 'users')?.initiator?.entry).toBe(script.id)
  })

  it('keeps its secrets masked on import, though the recording already replaced them', () => {
    for (const p of Object.values(pages)) {
      const users = p.entries.find((e) => e.name === 'users' && e.method === 'GET')!
      const auth = (e: MeasuredEntry) =>
        e.request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value
      expect(auth(users)).toBe('Bearer redacted')
      expect(auth(maskEntry(users))).toBe(`Bearer ${MASK}`)
    }
  })
})
