import fc from 'fast-check'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SCENARIO_ID,
  findScenario,
  parseRequestSpec,
  parseScenario,
  scenarios,
} from '../../../src/engine'
import type { Scenario } from '../../../src/engine'
import type { LinkState } from '../../../src/link/hash'
import {
  MAX_DECODED_BYTES,
  MAX_KEYS,
  decodeState,
  defaultState,
  sameJson,
  encodeState,
  parseLink,
  serializeLink,
} from '../../../src/link/hash'
import {
  deflateRaw,
  fromBase64Url,
  inflateRaw,
  InflateError,
  toBase64Url,
} from '../../../src/link/payload'
import { DEPTHS, THEMES } from '../../../src/store'

const bytes = (text: string) => new TextEncoder().encode(text)
const text = (data: Uint8Array) => new TextDecoder().decode(data)
const paramsOf = (hash: string) => new URLSearchParams(hash.replace(/^#/, ''))
/** A payload as the codec writes it, for hand-made tampered links. */
const payload = (json: unknown) => `1.${toBase64Url(deflateRaw(bytes(JSON.stringify(json))))}`

/** A decoded state is usable: a valid app and request, a known scenario id. */
const expectUsable = (state: LinkState) => {
  expect(findScenario(state.scenarioId)).toBeDefined()
  expect(() => parseScenario(JSON.parse(JSON.stringify(state.scenario)))).not.toThrow()
  expect(() => parseRequestSpec(state.request)).not.toThrow()
}

describe('raw DEFLATE and base64url', () => {
  it('zlib reads what deflateRaw writes, and inflateRaw reads what zlib writes', () => {
    let plain = 0
    let packed = 0
    let zlib = 0
    for (const s of scenarios) {
      const json = JSON.stringify(s.scenario)
      const ours = deflateRaw(bytes(json))
      expect(text(inflateRawSync(ours))).toBe(json)
      // zlib writes dynamic-Huffman blocks at level 9 and stored blocks at level 0.
      expect(text(inflateRaw(deflateRawSync(json, { level: 9 })))).toBe(json)
      expect(text(inflateRaw(deflateRawSync(json, { level: 0 })))).toBe(json)
      plain += json.length
      packed += ours.length
      zlib += deflateRawSync(json, { level: 9 }).length
    }
    // Compression is worth having: scenarios shrink to a third, not far off zlib's best.
    expect(packed).toBeLessThan(plain / 3)
    expect(packed).toBeLessThan(zlib * 1.4)
  })

  it('round-trips arbitrary bytes, including empty input and long repeats', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (data) => {
        expect([...inflateRaw(deflateRaw(data))]).toEqual([...data])
        expect([...fromBase64Url(toBase64Url(data))]).toEqual([...data])
      }),
    )
    const repeated = bytes('ab'.repeat(5000))
    expect(deflateRaw(repeated).length).toBeLessThan(200)
    expect(text(inflateRaw(deflateRaw(repeated)))).toBe('ab'.repeat(5000))
  })

  it('refuses output past the cap instead of expanding a small input without limit', () => {
    const bomb = deflateRawSync(Buffer.alloc(1 << 20))
    expect(bomb.length).toBeLessThan(2000)
    expect(() => inflateRaw(bomb, MAX_DECODED_BYTES)).toThrow(InflateError)
    expect(() => inflateRaw(bomb, MAX_DECODED_BYTES)).toThrow(/expand past 262144 bytes/)
    // A bomb as large as a link can carry (64 MB of zeros in 64 kB) is refused as well; it stops at
    // the cap rather than expanding the rest (tests/bench/hash.bench.ts times it).
    const big = deflateRawSync(Buffer.alloc(64 << 20), { level: 9 })
    expect(() => inflateRaw(big, MAX_DECODED_BYTES)).toThrow(/expand past 262144 bytes/)
    // Exactly at the cap is fine.
    const full = inflateRaw(deflateRawSync(Buffer.alloc(MAX_DECODED_BYTES, 97)), MAX_DECODED_BYTES)
    expect(full.length).toBe(MAX_DECODED_BYTES)
  })

  it('names damage inside the data rather than throwing something else', () => {
    expect(() => inflateRaw(Uint8Array.from([0xff, 0xff, 0xff]))).toThrow(InflateError)
    expect(() => inflateRaw(Uint8Array.from([0xff, 0xff, 0xff]))).toThrow(/unknown type/)
  })

  it('names truncation and bad characters', () => {
    const full = deflateRaw(bytes(JSON.stringify(scenarios[0]!.scenario)))
    expect(() => inflateRaw(full.subarray(0, full.length >> 1))).toThrow(/ends too early/)
    expect(() => fromBase64Url('abc$')).toThrow(/not base64url/)
    expect(() => fromBase64Url('abcde')).toThrow(/length/)
  })
})

describe('encodeState / decodeState', () => {
  it('round-trips every curated scenario with its request, seed, step, depth and theme', () => {
    scenarios.forEach((s, i) => {
      const state: LinkState = {
        scenarioId: s.id,
        scenario: s.scenario,
        request: s.request,
        seed: i * 7919,
        step: (i % 9) + 1,
        depth: DEPTHS[i % DEPTHS.length]!,
        theme: THEMES[i % THEMES.length]!,
      }
      const hash = encodeState(state)
      // A curated app and request are named, not copied into the link.
      expect(paramsOf(hash).has('app')).toBe(false)
      expect(paramsOf(hash).has('req')).toBe(false)
      expect(decodeState(`#${hash}`)).toEqual({ state, notice: null })
    })
  })

  it('carries an edited app and request inside the link and reads them back exactly', () => {
    scenarios.forEach((s, i) => {
      // Edit every scenario: the app under the id of one with another app, and a changed request.
      const other = scenarios.find((o) => !sameJson(o.scenario, s.scenario))!
      const state: LinkState = {
        scenarioId: other.id,
        scenario: s.scenario,
        request: { ...s.request, headers: { ...s.request.headers, 'x-note': `edit ${i} ✓` } },
        step: 3,
      }
      const hash = encodeState(state)
      expect(paramsOf(hash).get('app')).toMatch(/^1\.[\w-]+$/)
      expect(paramsOf(hash).get('req')).toMatch(/^1\.[\w-]+$/)
      const decoded = decodeState(hash)
      expect(decoded.notice).toBeNull()
      expect(decoded.state).toEqual(state)
    })
  })

  it('keeps keys owned by other features, in order, and drops none of them on rewrite', () => {
    const hash =
      '#lesson=dns-basics&scenario=not-found&present=1&parent=https%3A%2F%2Flms.example&host=canvas&embed=1&future=x%20y'
    const { state, notice } = decodeState(hash)
    expect(notice).toBeNull()
    expect(state.scenarioId).toBe('not-found')
    expect(state.extra).toEqual({
      lesson: 'dns-basics',
      present: '1',
      parent: 'https://lms.example',
      host: 'canvas',
      embed: '1',
      future: 'x y',
    })
    const rewritten = paramsOf(encodeState({ ...state, step: 4 }))
    expect(rewritten.get('step')).toBe('4')
    expect(rewritten.get('parent')).toBe('https://lms.example')
    expect([...rewritten.keys()]).toEqual([
      'scenario',
      'step',
      'lesson',
      'present',
      'parent',
      'host',
      'embed',
      'future',
    ])
  })

  it('opens the default with no notice for an empty hash', () => {
    for (const hash of ['', '#', '#&&'])
      expect(decodeState(hash)).toEqual({ state: defaultState(), notice: null })
    expect(defaultState().scenarioId).toBe(DEFAULT_SCENARIO_ID)
  })
})

describe('one parse, in linear time, of at most MAX_KEYS keys', () => {
  const cut = (count: number) =>
    `The link has ${count} keys; only the first ${MAX_KEYS} were read and the rest were ignored.`

  it('reads a 100,000-key hash once: the first keys decoded, the rest only counted', () => {
    // Every further key is a bare `k`: 100,000 keys in under the 400,000-character limit.
    const hash = `#scenario=not-found&step=3${'&k'.repeat(99_998)}`
    const link = parseLink(hash)
    expect(link.keyCount).toBe(100_000)
    expect([...link.entries]).toEqual([
      ['scenario', 'not-found'],
      ['step', '3'],
      ['k', ''],
    ])
    const { state, notice } = decodeState(hash)
    expect(state).toEqual({ ...pick('not-found'), step: 3, extra: { k: '' } })
    expect(notice).toBe(cut(100_000))
    // Asking again about the same address reuses the parse.
    expect(parseLink(hash)).toBe(link)
  })

  it('reads 40,000 distinct keys as 64 and writes back only those', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i.toString(36)}=${i % 10}`)
    const hash = `theme=dark&${keys.join('&')}`
    expect(hash.length).toBeLessThan(400_000)
    const { state, notice } = decodeState(hash)
    expect(notice).toBe(cut(40_001))
    expect(state.theme).toBe('dark')
    expect(Object.keys(state.extra!)).toHaveLength(MAX_KEYS - 1)
    const rewritten = encodeState({ ...state, step: 2 })
    expect(parseLink(rewritten).keyCount).toBe(MAX_KEYS + 2)
    expect(rewritten).toMatch(/^scenario=get-user&step=2&theme=dark&k0=0&k1=1&k2=2&/)
  })

  it('ignores a known key past the cap, and says so', () => {
    const hash = `${'x=1&'.repeat(MAX_KEYS)}scenario=not-found`
    const { state, notice } = decodeState(hash)
    expect(state.scenarioId).toBe(DEFAULT_SCENARIO_ID)
    expect(notice).toBe(cut(MAX_KEYS + 1))
    // Duplicates count as keys read; the first of each wins.
    expect(decodeState('step=2&step=3').state.step).toBe(2)
  })

  it("reads every feature's keys with the moment's, and writes them in the table's order", () => {
    const link = parseLink(
      '#host=moodle&parent=*,https://ok.example&present=true&lesson=cors-order&scenario=get-user',
    )
    expect(link.values).toEqual({
      scenario: 'get-user',
      lesson: 'cors-order',
      present: true,
      parent: ['https://ok.example'],
      host: 'auto',
    })
    expect(Object.keys(link.problems)).toEqual(['parent', 'host'])
    expect(parseLink('#lesson=nope').problems.lesson).toMatch(/lesson "nope" that does not exist/)
    expect(parseLink('#present=0').values.present).toBe(false)
    expect(
      serializeLink(
        { present: true, lesson: 'cors-order', scenario: 'x' },
        { zz: '1', host: 'canvas' },
      ),
    ).toBe('scenario=x&lesson=cors-order&present=1&host=canvas&zz=1')
    // `null` removes a key; a moment key is never carried from the kept ones.
    expect(serializeLink({ present: false, lesson: null }, { lesson: 'a', step: '4' })).toBe('')
  })
})

describe('tampered links', () => {
  const base = () => encodeState({ scenarioId: 'not-found', step: 2, depth: 'deep', seed: 5 })
  const broken: Scenario = JSON.parse(JSON.stringify(findScenario('not-found')!.scenario))

  it('an app with a bad field names the field and opens the default scenario', () => {
    const app = { ...broken, routes: [{ ...broken.routes[0]!, pattern: 42 }] }
    const { state, notice } = decodeState(
      `scenario=not-found&app=${payload(app)}&step=3&depth=deep`,
    )
    expect(notice).toMatch(/^The link's app could not be read: routes\[0\]\.pattern must be/)
    expect(notice).toMatch(/is open\.$/)
    expect(state.scenarioId).toBe(DEFAULT_SCENARIO_ID)
    expect(state.scenario).toBe(findScenario(DEFAULT_SCENARIO_ID)!.scenario)
    // The step belonged to the lost app; the depth is the viewer's and survives.
    expect(state.step).toBeUndefined()
    expect(state.depth).toBe('deep')
  })

  it('a truncated app says the data is cut short', () => {
    const app = encodeState({
      scenarioId: 'get-user',
      scenario: { ...broken, framework: 'django' },
    })
    expect(paramsOf(app).has('app')).toBe(true)
    const cut = app.slice(0, Math.floor(app.length * 0.6))
    const { state, notice } = decodeState(cut)
    expect(notice).toMatch(/^The link's app could not be read: its data is damaged or cut short/)
    expect(state).toEqual(defaultState())
  })

  it('a payload of another format version is named as such', () => {
    const { notice } = decodeState(`app=2.${payload(broken).slice(2)}`)
    expect(notice).toMatch(/format "2", and this version of Roundtrip reads format 1/)
    expect(decodeState(`app=${payload(broken).slice(2)}`).notice).toMatch(/no format version/)
  })

  it('valid compression around data that is not JSON, or not UTF-8, is named', () => {
    const notJson = `1.${toBase64Url(deflateRaw(bytes('{"version": 1,')))}`
    expect(decodeState(`app=${notJson}`).notice).toMatch(/not valid JSON/)
    const notUtf8 = `1.${toBase64Url(deflateRaw(Uint8Array.from([0xff, 0xfe, 0x80])))}`
    expect(decodeState(`app=${notUtf8}`).notice).toMatch(/not UTF-8/)
  })

  it('an oversized payload is refused by its decoded size', () => {
    const huge = `1.${toBase64Url(deflateRaw(bytes(`"${'a'.repeat(300_000)}"`)))}`
    expect(huge.length).toBeLessThan(20_000)
    const { notice, state } = decodeState(`app=${huge}`)
    expect(notice).toMatch(/more than a link may carry \(over 256 kB once expanded\)/)
    expect(state).toEqual(defaultState())
  })

  it('a bad request keeps the scenario and uses its own request', () => {
    const { state, notice } = decodeState(
      `scenario=not-found&req=${payload({ method: 'FETCH', url: '/x' })}&step=2`,
    )
    expect(notice).toMatch(/^The link's request could not be read: method must be one of GET/)
    expect(state.scenarioId).toBe('not-found')
    expect(state.request).toBe(findScenario('not-found')!.request)
    expect(state.step).toBe(2)
  })

  it('bad step, seed, depth and theme values are named and left out', () => {
    const { state, notice } = decodeState('scenario=not-found&step=0&seed=-3&depth=huge&theme=neon')
    expect(notice).toBe(
      `The link's seed "-3" is not a whole number, so it was left out. (3 more problems in the link.)`,
    )
    expect(state).toEqual({ ...defaultState(), ...pick('not-found') })
    expect(decodeState('theme=neon').notice).toMatch(/theme "neon" is not one of system, light/)
    expect(decodeState('step=2.5').state.step).toBeUndefined()
  })

  it('an unknown scenario id names the id and what opened instead', () => {
    const { state, notice } = decodeState('scenario=no-such-thing&step=4')
    expect(notice).toMatch(/"no-such-thing" that does not exist, so ".+" is open instead\./)
    expect(state.scenarioId).toBe(DEFAULT_SCENARIO_ID)
    expect(state.step).toBeUndefined()
  })

  it('control characters and long values cannot bloat or break the notice', () => {
    const { notice } = decodeState(`step=${encodeURIComponent('\n'.repeat(3) + 'x'.repeat(500))}`)
    expect(notice).not.toMatch(/\n/)
    expect(notice!.length).toBeLessThan(120)
  })

  it('a hash that is far too long is not read at all', () => {
    const { notice, state } = decodeState(`app=${'A'.repeat(500_000)}`)
    expect(notice).toMatch(/too long to read \(500004 characters\)/)
    expect(state).toEqual(defaultState())
  })

  it('never throws on garbage, truncations or bit flips of valid links', () => {
    const custom = encodeState({
      scenarioId: 'get-user',
      scenario: scenarios[5]!.scenario,
      request: { method: 'POST', url: 'https://api.example.com/x', body: '{"a":1}' },
      step: 4,
      theme: 'dark',
    })
    const valid = [base(), custom]
    const check = (hash: string) => {
      const decoded = decodeState(hash)
      expectUsable(decoded.state)
      // Either it read cleanly or it says what was wrong.
      if (decoded.notice !== null) expect(decoded.notice).toMatch(/^The link/)
    }
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 })
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), (hash, n) =>
        check(hash.slice(0, n % hash.length)),
      ),
      { numRuns: 300 },
    )
    fc.assert(
      fc.property(fc.constantFrom(...valid), fc.nat(), fc.nat(5), (hash, at, bit) => {
        const i = at % hash.length
        const flipped = String.fromCharCode(hash.charCodeAt(i) ^ (1 << bit))
        check(hash.slice(0, i) + flipped + hash.slice(i + 1))
      }),
      { numRuns: 500 },
    )
  })
})

const pick = (id: string) => {
  const s = findScenario(id)!
  return { scenarioId: s.id, scenario: s.scenario, request: s.request }
}
