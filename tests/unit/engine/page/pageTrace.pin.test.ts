import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { PageRequest, PageTrace, TraceEvent } from '../../../../src/engine'
import {
  altSvcKnown,
  pageApp,
  pageWithImages,
  rawRequest,
  simulatePage,
  utf8Length,
} from '../../../../src/engine'
import type { HeaderTable } from '../../../../src/engine/page/hpack'
import { STATIC_NAMES, encodedHeaderBytes } from '../../../../src/engine/page/hpack'
import { SIMULATED_EPOCH_MS } from '../../../../src/engine/model/time'

/**
 * The engine remembers parsed URLs, Cache-Control values, dates and header tables between calls
 * to be fast (issue 14). These tests pin a lossy HTTP/3 page two ways: the page from a freshly
 * loaded engine equals the one from an engine that has already simulated other pages, and what
 * the fast paths compute equals what the plain definitions give (HPACK by `name value` strings,
 * raw header text, `Date#toUTCString`, `Date.parse`, Cache-Control read by hand).
 */

const page = pageWithImages(94)
const lossyH3 = (engine: { simulatePage: typeof simulatePage; altSvcKnown: typeof altSvcKnown }) =>
  engine.simulatePage({
    scenario: pageApp,
    page,
    protocol: 'h3',
    network: 'lossy',
    seed: 7,
    connection: engine.altSvcKnown(page),
  })

/** HPACK as first written: the table holds `name value` strings (the static names are the engine's). */
const STATIC_PAIRS = new Set([':method GET', ':method POST', ':scheme https', ':path /'])
const huffman = (text: string) => Math.ceil(text.length * 0.8) + 1
const referenceHpack = (fields: readonly (readonly [string, string])[], table: Set<string>) => {
  let bytes = 0
  for (const [name, value] of fields) {
    const pair = `${name} ${value}`
    if (STATIC_PAIRS.has(pair) || table.has(pair)) bytes += 1
    else {
      bytes += STATIC_NAMES.has(name) ? 1 + huffman(value) : 1 + huffman(name) + huffman(value)
      table.add(pair)
    }
  }
  return bytes
}

const first = <K extends TraceEvent['type']>(r: PageRequest, type: K) =>
  r.trace.events.find((e): e is Extract<TraceEvent, { type: K }> => e.type === type)

describe('a lossy HTTP/3 page, pinned', () => {
  it('is the same from a fresh engine as from one that has run other pages', async () => {
    // Warm every cache with other pages first (other hosts' dates, tables, parsed URLs).
    for (const protocol of ['http/1.1', 'h2', 'h3'] as const)
      for (const network of ['good', 'lossy'] as const)
        simulatePage({ scenario: pageApp, page: pageWithImages(20), protocol, network, seed: 3 })
    const warm = lossyH3({ simulatePage, altSvcKnown })
    vi.resetModules()
    const fresh = await import('../../../../src/engine')
    expect(fresh.simulatePage).not.toBe(simulatePage)
    const cold: PageTrace = lossyH3(fresh)
    expect(warm).toStrictEqual(cold)
    expect(JSON.stringify(warm)).toBe(JSON.stringify(cold))
    expect(warm.losses.length).toBeGreaterThan(0)
  })

  it('counts header bytes as the plain definitions do', () => {
    const trace = lossyH3({ simulatePage, altSvcKnown })
    const tables = new Map<string, Set<string>>()
    // Streams are opened in the order the requests are sent, which is the order the table grows.
    const sent = trace.requests
      .filter((r) => r.connection !== 'cache')
      .sort((a, b) => a.stream! - b.stream!)
    expect(sent.length).toBe(101)
    for (const r of sent) {
      const built = first(r, 'client:build-request')!.request
      expect(r.rawHeaderBytes).toBe(utf8Length(rawRequest(built)) - utf8Length(built.body))
      let table = tables.get(r.connection)
      if (!table) tables.set(r.connection, (table = new Set()))
      const fields: [string, string][] = [
        [':method', built.method],
        [':scheme', built.scheme],
        [':authority', built.host],
        [':path', built.query ? `${built.path}?${built.query}` : built.path],
        ...Object.entries(built.headers).filter(([name]) => name !== 'host'),
      ]
      expect(r.headerBytes).toBe(referenceHpack(fields, table))
    }
    // The first request on each connection spells its headers out; the next ones are smaller.
    for (const id of tables.keys()) {
      const on = sent.filter((r) => r.connection === id)
      expect(on.at(-1)!.headerBytes).toBeLessThan(on[0]!.headerBytes)
    }
  })

  it.each([0, 30_600])(
    'dates, tags and caches each CDN file as the plain definitions do (at %i ms)',
    (base) => {
      // The second page starts in the same minute as the first, and crosses a second.
      const trace = simulatePage({
        scenario: pageApp,
        page,
        protocol: 'h3',
        network: 'lossy',
        seed: 7,
        connection: { ...altSvcKnown(page), now: base },
      })
      const cdn = trace.requests.filter((r) => r.cdn)
      expect(cdn.length).toBeGreaterThan(90)
      const dates = new Set<string>()
      for (const r of cdn) {
        const send = first(r, 'proxy:send')!
        // The request's trace starts at its sentAt on the page's clock.
        expect(send.response!.headers.date).toBe(
          new Date(SIMULATED_EPOCH_MS + (base + r.sentAt) + send.at).toUTCString(),
        )
        dates.add(send.response!.headers.date!)
        const headers = send.response!.headers
        const mtime = Math.floor(Date.parse(headers['last-modified']!) / 1000)
        const bytes = utf8Length(send.response!.body)
        expect(headers.etag).toBe(`"${mtime.toString(16)}-${bytes.toString(16)}"`)
        const maxAge = /(?:^|,\s*)max-age=(\d+)/i.exec(headers['cache-control']!)?.[1]
        const stored = first(r, 'client:cache-store')!
        expect(stored.data.maxAgeSeconds).toBe(Number(maxAge))
        expect(stored.data.noCache).toBe(/no-cache/i.test(headers['cache-control']!))
      }
      if (base > 0) expect(dates.size).toBeGreaterThan(1)
    },
  )

  it('moves every body byte across the link once, lost frames again', () => {
    const trace = lossyH3({ simulatePage, altSvcKnown })
    for (const r of trace.requests) {
      const mine = trace.frames.filter((f) => f.request === r.id)
      expect(mine.filter((f) => !f.lost).reduce((sum, f) => sum + f.bytes, 0)).toBe(r.bodyBytes)
      expect(mine.every((f) => f.stream === r.stream && f.connection === r.connection)).toBe(true)
    }
    const lost = trace.frames.filter((f) => f.lost)
    expect(lost.map((f) => [f.request, f.connection])).toEqual(
      trace.losses.map((l) => [l.request, l.connection]),
    )
    for (const [i, loss] of trace.losses.entries()) {
      expect(loss.at).toBeCloseTo(lost[i]!.at + lost[i]!.duration, 9)
      // QUIC: a lost packet holds back only its own stream.
      expect(loss.blocked).toEqual([loss.request])
    }
  })
})

describe('HPACK by name, then value', () => {
  it('counts what HPACK by `name value` strings counts', () => {
    const name = fc.constantFrom(':method', ':path', ':authority', 'accept', 'x-id', 'cookie')
    const value = fc.constantFrom('GET', 'POST', '/', '/a', 'https', '*/*', 'a=1', '')
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(name, value), { maxLength: 8 })), (blocks) => {
        const table: HeaderTable = new Map()
        const reference = new Set<string>()
        for (const fields of blocks)
          expect(encodedHeaderBytes(fields, table)).toBe(referenceHpack(fields, reference))
      }),
    )
  })
})
