import { describe, expect, it } from 'vitest'
import type { MeasuredPage } from '../../../src/har'
import { MEASURED_PHASES, importHar, parseHarText } from '../../../src/har'
import { FIXTURES, fixture } from './fixtures'

const load = (name: (typeof FIXTURES)[number]): MeasuredPage => {
  const result = importHar(fixture(name))
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const phaseSum = (p: MeasuredPage['entries'][number]['phases']) =>
  Object.values(p).reduce<number>((a, x) => a + (x ?? 0), 0)

describe('importing the fixture HARs', () => {
  for (const name of FIXTURES)
    it(`${name}: every phase where the file says, nothing invented, totals equal time`, () => {
      const raw = JSON.parse(fixture(name)) as {
        log: { entries: { time: number; timings: Record<string, number> }[] }
      }
      const page = load(name)
      expect(page.source).toBe('measured')
      expect(page.entries).toHaveLength(raw.log.entries.length)
      page.entries.forEach((e, i) => {
        const t = raw.log.entries[i]!.timings
        // -1 is "not applicable": absent, never 0.
        for (const phase of ['blocked', 'dns', 'send', 'wait', 'receive'] as const)
          expect(e.phases[phase], `${name} e${i} ${phase}`).toBe(
            t[phase] === undefined || t[phase] < 0 ? null : t[phase],
          )
        expect(e.phases.ssl).toBe(t.ssl === undefined || t.ssl < 0 ? null : t.ssl)
        if (t.connect === undefined || t.connect < 0) expect(e.phases.connect).toBeNull()
        else
          expect(e.phases.connect! + (e.sslInsideConnect ? (e.phases.ssl ?? 0) : 0)).toBeCloseTo(
            t.connect!,
            6,
          )
        expect(phaseSum(e.phases)).toBeCloseTo(raw.log.entries[i]!.time, 6)
        expect(e.notes).toEqual([])
      })
    })

  it('reads Chrome: connection reuse, h2, redirects, cache, initiators, WebSocket, failures', () => {
    const page = load('chrome')
    const [redirect, doc, css, js, logo, font, api, ws, pixel] = page.entries
    expect(page.creator.name).toBe('WebInspector')
    expect(redirect!.status).toBe(301)
    expect(redirect!.redirectsTo).toBe(doc!.id)
    expect(doc!.redirectedFrom).toBe(redirect!.id)
    expect(doc!.protocol).toBe('HTTP/2')
    expect(redirect!.protocol).toBe('HTTP/1.1')
    // HAR counts ssl inside connect: 58.4 ms in the file is 23.2 ms of TCP and 35.2 of TLS.
    expect(doc!.phases.connect).toBeCloseTo(23.2, 6)
    expect(doc!.phases.ssl).toBe(35.2)
    expect(doc!.reusedConnection).toBe(false)
    expect(css!.reusedConnection).toBe(true)
    expect(css!.connection).toBe(doc!.connection)
    expect(css!.initiator).toEqual({ type: 'parser', url: doc!.url, entry: doc!.id })
    expect(api!.initiator).toEqual({ type: 'script', url: js!.url, entry: js!.id })
    expect(ws!.initiator?.entry).toBe(js!.id)
    expect(logo!.cache).toBe('revalidated')
    expect(font!.cache).toBe('memory')
    expect(font!.protocol).toBeNull()
    expect(font!.connection).toBeUndefined()
    expect(ws!.kind).toBe('websocket')
    expect(ws!.webSocketMessages).toHaveLength(2)
    expect(ws!.phases.receive).toBeNull()
    expect(pixel!.status).toBeNull()
    expect(pixel!.error).toBe('net::ERR_NAME_NOT_RESOLVED')
    expect(doc!.priority).toBe('VeryHigh')
    expect(page.marks.map((m) => [m.id, m.at])).toEqual([
      ['dom-content-loaded', 251.4],
      ['load', 318.9],
    ])
    // Starts are on the file's own clock, from its first entry.
    expect(page.entries.map((e) => e.start)).toEqual([0, 48, 210, 211, 212, 213, 260, 262, 300])
  })

  it('opens the wait into what the server reported, and nothing when it reported nothing', () => {
    const page = load('chrome')
    const doc = page.entries[1]!
    expect(doc.serverTiming).toEqual([
      { name: 'proxy', dur: 91.2, desc: 'nginx' },
      { name: 'app', dur: 84, desc: 'Flask view' },
      { name: 'db', dur: 52.7, desc: 'SELECT products' },
    ])
    expect(page.entries[2]!.serverTiming).toEqual([])
    expect(load('safari').entries[0]!.serverTiming).toEqual([
      { name: 'cdn-cache', desc: 'MISS' },
      { name: 'edge', dur: 3 },
      { name: 'origin', dur: 55 },
    ])
  })

  it('reads Firefox, Playwright, Safari and a sanitized Chrome export', () => {
    const ff = load('firefox')
    expect(ff.browser?.name).toBe('Firefox')
    expect(ff.entries[0]!.protocol).toBe('HTTP/2')
    expect(ff.entries[1]!.reusedConnection).toBe(true)
    expect(ff.entries[2]!.request.postData?.params).toHaveLength(2)
    const pw = load('playwright')
    expect(pw.entries[0]!.phases.blocked).toBeNull()
    expect(pw.entries[0]!.phases.dns).toBeNull()
    expect(pw.entries[0]!.phases.connect).toBeCloseTo(2.812, 6)
    expect(pw.entries[0]!.redirectsTo).toBe('e1')
    expect(pw.entries[2]!.status).toBe(404)
    expect(pw.marks).toEqual([])
    const safari = load('safari')
    expect(safari.entries[1]!.phases.send).toBeNull()
    expect(safari.marks).toEqual([{ id: 'load', at: 150.5, label: 'Load' }])
    const sanitized = load('chrome-sanitized')
    expect(
      sanitized.entries.flatMap((e) => e.request.headers.map((h) => h.name.toLowerCase())),
    ).not.toContain('cookie')
  })

  it('reads an exporter that counts ssl apart from connect, and says so', () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'x', version: '1' },
        entries: [
          {
            startedDateTime: '2024-01-01T00:00:00.000Z',
            time: 100,
            request: { method: 'GET', url: 'https://a.test/', headers: [] },
            response: { status: 200, headers: [] },
            timings: { dns: 10, connect: 20, ssl: 30, send: 0, wait: 35, receive: 5 },
          },
        ],
      },
    }
    const result = importHar(JSON.stringify(har))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const e = result.value.entries[0]!
    expect(e.sslInsideConnect).toBe(false)
    expect(e.phases.connect).toBe(20)
    expect(e.phases.ssl).toBe(30)
    expect(e.notes[0]).toMatch(/SSL apart/)
  })

  it('names the phases as DevTools does', () => {
    expect(MEASURED_PHASES.map(([, l]) => l)).toContain('Waiting (TTFB)')
  })
})

describe('errors name what is wrong and where', () => {
  const base = () =>
    JSON.parse(fixture('chrome')) as {
      log: Record<string, unknown> & {
        entries: {
          startedDateTime: unknown
          timings: Record<string, unknown>
          response: Record<string, unknown>
        }[]
      }
    }
  const errorOf = (text: string) => {
    const result = parseHarText(text)
    if (result.ok) throw new Error('expected an error')
    return result.error
  }

  it('not JSON, with line and column', () => {
    const error = errorOf('{"log": {\n  "version": 1.2,,\n}}')
    expect(error.kind).toBe('json')
    expect(error.message).toMatch(/^This is not JSON \(line 2, column \d+\)/)
  })

  it('HTML instead of a HAR', () => {
    expect(errorOf('<!doctype html><p>hi').message).toMatch(/not JSON.*looks like HTML/)
  })

  it('empty', () => expect(errorOf('  \n').kind).toBe('empty'))

  it('JSON but not a HAR', () => {
    expect(errorOf('[1,2]').message).toMatch(/not a HAR file: it is an array/)
    expect(errorOf('{"entries": []}').message).toMatch(/no "log" object/)
  })

  it('version', () => {
    const har = base()
    har.log.version = '2.0'
    const error = errorOf(JSON.stringify(har))
    expect(error).toEqual({
      kind: 'version',
      path: 'log.version',
      message: 'log.version is the text "2.0"; Roundtrip reads HAR 1.1 and 1.2.',
    })
    delete har.log.version
    expect(errorOf(JSON.stringify(har)).message).toMatch(/^log.version is missing/)
  })

  it("an entry's missing field, by JSON path", () => {
    const har = base()
    delete har.log.entries[3]!.timings.wait
    const error = errorOf(JSON.stringify(har))
    expect(error.path).toBe('log.entries[3].timings.wait')
    expect(error.message).toBe(
      'log.entries[3].timings.wait is missing: HAR needs a number of ms (-1 means not applicable)',
    )
  })

  it('a wrong type, by JSON path', () => {
    const har = base()
    har.log.entries[5]!.response.status = '200'
    expect(errorOf(JSON.stringify(har)).message).toBe(
      'log.entries[5].response.status is the text "200"; HAR needs a number',
    )
    const again = base()
    again.log.entries[0]!.startedDateTime = 'yesterday'
    expect(errorOf(JSON.stringify(again)).message).toBe(
      'log.entries[0].startedDateTime is the text "yesterday": not a date and time (ISO 8601)',
    )
  })

  it('no entries', () => {
    const har = base()
    har.log.entries = []
    expect(errorOf(JSON.stringify(har)).kind).toBe('no-entries')
  })
})
