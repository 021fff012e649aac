/**
 * The link codec (src/link/hash.ts) on hostile hashes: never a throw, always a usable state, in
 * bounded time; and every valid state written by `encodeState` reads back the same.
 */
import fc from 'fast-check'
import { deflateRawSync } from 'node:zlib'
import { describe, expect } from 'vitest'
import { findScenario, parseRequestSpec, parseScenario, scenarios } from '../../src/engine'
import type { LinkState } from '../../src/link/hash'
import {
  KEYS,
  MAX_KEYS,
  decodeState,
  defaultState,
  encodeState,
  parseLink,
  sameJson,
  serializeLink,
} from '../../src/link/hash'
import { encodePayload, toBase64Url } from '../../src/link/payload'
import { DEPTHS, THEMES } from '../../src/store'
import { editedSetup, hostileString, mutated, POLLUTERS } from './arbitraries'
import { fuzz, prototypeIsClean, timed, viaJson } from './harness'

/** One decode may take this long at most (ms): a normal link takes well under 5 on this machine. */
const BOUND_MS = 1500

/** Apps and requests already checked (most hostile links fall back to the same curated ones). */
const checked = new WeakSet<object>()

/** A decoded state is usable: a known scenario, a valid app and request, valid preferences. */
const expectUsable = (state: LinkState) => {
  expect(findScenario(state.scenarioId)).toBeDefined()
  if (!checked.has(state.scenario)) {
    expect(() => parseScenario(viaJson(state.scenario))).not.toThrow()
    checked.add(state.scenario)
  }
  if (!checked.has(state.request)) {
    expect(() => parseRequestSpec(viaJson(state.request))).not.toThrow()
    checked.add(state.request)
  }
  if (state.seed !== undefined)
    expect(Number.isSafeInteger(state.seed) && state.seed >= 0).toBe(true)
  if (state.step !== undefined)
    expect(Number.isSafeInteger(state.step) && state.step >= 1 && state.step <= 100_000).toBe(true)
  if (state.depth !== undefined) expect(DEPTHS).toContain(state.depth)
  if (state.theme !== undefined) expect(THEMES).toContain(state.theme)
  for (const [name, text] of Object.entries(state.extra ?? {})) {
    expect(typeof name).toBe('string')
    expect(typeof text).toBe('string')
  }
}

/** Decodes `hash` in bounded time and checks the result; returns it. */
const decodeChecked = (hash: string) => {
  const { value, ms } = timed(() => decodeState(hash))
  expect(ms).toBeLessThan(BOUND_MS)
  expectUsable(value.state)
  if (value.notice !== null) {
    expect(typeof value.notice).toBe('string')
    expect(value.notice).toMatch(/^The link/)
  }
  expect(prototypeIsClean()).toBe(true)
  return value
}

// ─── hostile pieces ────────────────────────────────────────────────────────────────────────────

const bytes = (text: string) => new TextEncoder().encode(text)
const payloadOfBytes = (data: Uint8Array) => `1.${toBase64Url(deflateRawSync(data, { level: 9 }))}`

/** Raw DEFLATE that expands far past the 256 kB cap, and JSON that is valid but enormous. */
const BOMBS = [
  payloadOfBytes(new Uint8Array(1 << 20)),
  payloadOfBytes(new Uint8Array(24 << 20)),
  payloadOfBytes(bytes('['.repeat(300_000))),
  payloadOfBytes(bytes(`{"version":1,"a":"${'x'.repeat(260_000)}"}`)),
  payloadOfBytes(bytes(`[${'{"a":[1,2,3,{"b":"c"}]},'.repeat(10_000)}0]`)),
  // Just under the cap: valid JSON that is read, then refused by the schema.
  payloadOfBytes(
    bytes(`{"version":1,"framework":"flask","routes":[],"pad":"${'y'.repeat(250_000)}"}`),
  ),
  payloadOfBytes(bytes(`"${'\\u0000'.repeat(40_000)}"`)),
  payloadOfBytes(bytes('\xff\xfe not utf-8 \x00')),
]

const curatedPayloads = scenarios.map((s) => encodePayload(s.scenario))
const requestPayloads = scenarios.map((s) => encodePayload(s.request))

/** A valid payload cut short, with one bit flipped, or with characters dropped or repeated. */
const damagedPayload = fc
  .tuple(
    fc.constantFrom(...curatedPayloads, ...requestPayloads),
    fc.nat(),
    fc.nat(5),
    fc.constantFrom('truncate', 'flip', 'drop', 'double', 'version'),
  )
  .map(([payload, n, bit, how]) => {
    const i = n % payload.length
    switch (how) {
      case 'truncate':
        return payload.slice(0, i)
      case 'flip':
        return (
          payload.slice(0, i) +
          String.fromCharCode(payload.charCodeAt(i) ^ (1 << bit)) +
          payload.slice(i + 1)
        )
      case 'drop':
        return payload.slice(0, i) + payload.slice(i + 1)
      case 'double':
        return payload.slice(0, i) + payload.slice(i)
      case 'version':
        return `${n % 3}${'0'.repeat(bit)}.${payload.slice(2)}`
    }
  })

/** Valid payloads of mutated curated apps and requests: they inflate, and the schema decides. */
const mutatedPayload = fc.oneof(
  mutated((c) => c.scenario).map(({ input }) => safePayload(input)),
  mutated((c) => c.request).map(({ input }) => safePayload(input)),
  fc.constantFrom(...POLLUTERS).map((p) => encodePayload(p)),
  fc.jsonValue({ maxDepth: 3 }).map((json) => encodePayload(json)),
)

/** `text` percent-encoded, or as it is when it cannot be (a lone surrogate goes in raw). */
function escaped(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return text
  }
}

function safePayload(value: unknown): string {
  try {
    return encodePayload(value)
  } catch {
    return encodePayload(null) // a BigInt cannot be JSON
  }
}

/** Percent-encoding garbage: broken escapes, encoded separators, overlong UTF-8, NULs. */
const percentGarbage = fc
  .array(
    fc.constantFrom(
      '%',
      '%2',
      '%zz',
      '%00',
      '%26',
      '%3D',
      '%23',
      '%C0%AF',
      '%E2%82',
      '%FF',
      '%25',
      '+',
      '&',
      '=',
      '#',
      '.',
      '1.',
      'a',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''))

const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...(Object.keys(KEYS) as string[])) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', ''),
  },
  { weight: 1, arbitrary: hostileString.map(escaped) },
  { weight: 1, arbitrary: percentGarbage },
  { weight: 1, arbitrary: fc.nat({ max: 70_000 }).map((n) => 'k'.repeat(n)) },
)

const valueArb = fc.oneof(
  { weight: 3, arbitrary: damagedPayload },
  { weight: 3, arbitrary: mutatedPayload },
  { weight: 1, arbitrary: fc.constantFrom(...BOMBS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...scenarios.map((s) => s.id),
      'get-user',
      '1',
      '0',
      '-1',
      '1e3',
      '100001',
      '99999999999999999',
      'NaN',
      'dark',
      'deep',
      'on',
      'reveal',
      'https://a.example,javascript:alert(1),*,null',
    ),
  },
  { weight: 2, arbitrary: hostileString.map(escaped) },
  { weight: 2, arbitrary: percentGarbage },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => 'v'.repeat(n)) },
)

/** A hash of `key=value` pairs, repeated keys and bare keys included, with or without `#`. */
const hostileHash = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.tuple(keyArb, valueArb).map(([k, v]) => `${k}=${v}`),
        keyArb,
        fc.constant(''),
      ),
      { minLength: 1, maxLength: 12 },
    ),
    fc.nat({ max: 80 }),
    fc.boolean(),
  )
  .map(([pairs, repeat, hashSign]) => {
    // Repeat the first pair: duplicate keys, and often more than MAX_KEYS of them.
    const all = repeat > 60 ? [...pairs, ...Array<string>(repeat).fill(pairs[0]!)] : pairs
    return `${hashSign ? '#' : ''}${all.join('&')}`
  })

/** Arbitrary text, from any code units to the characters a hash is made of. */
const arbitraryHash = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom('a', 'p', '=', '&', '%', '1', '.', '#', '+', 'A', '_', '-', 's'),
    maxLength: 200,
  }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
)

/** A hash near, at or past the length the codec reads, built from a repeated unit. */
const hugeHash = fc
  .tuple(
    fc.constantFrom('&k', '&k=1', 'a', '%', '&&', '=', 'app=1.AAAA&', 'step=1&'),
    fc.integer({ min: 350_000, max: 420_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length))

// ─── valid states ──────────────────────────────────────────────────────────────────────────────

/** Keys another feature owns or nobody declares: kept verbatim by the codec. */
const extraArb = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'lesson',
          'present',
          'parent',
          'host',
          'utm_source',
          '__proto__',
          'constructor',
        ),
        fc.string({ maxLength: 12 }),
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    ),
    { maxLength: 6 },
  )
  .map((entries) => {
    const extra: Record<string, string> = {}
    for (const [name, text] of entries)
      if (!['scenario', 'app', 'req', 'seed', 'step', 'depth', 'theme'].includes(name))
        Object.defineProperty(extra, name, {
          value: text,
          enumerable: true,
          writable: true,
          configurable: true,
        })
    return extra
  })

const validState: fc.Arbitrary<LinkState> = fc
  .record({
    setup: editedSetup(),
    scenarioId: fc.option(fc.constantFrom(...scenarios.map((s) => s.id)), { nil: undefined }),
    seed: fc.option(fc.oneof(fc.nat(), fc.integer({ min: 0, max: 999_999_999_999_999 })), {
      nil: undefined,
    }),
    step: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    depth: fc.option(fc.constantFrom(...DEPTHS), { nil: undefined }),
    theme: fc.option(fc.constantFrom(...THEMES), { nil: undefined }),
    extra: fc.option(extraArb, { nil: undefined }),
  })
  .map(({ setup, scenarioId, extra, ...prefs }) => {
    const state: Record<string, unknown> = {
      scenarioId: scenarioId ?? setup.curated.id,
      scenario: setup.scenario,
      request: setup.request,
    }
    for (const [k, v] of Object.entries(prefs)) if (v !== undefined) state[k] = v
    if (extra && Object.keys(extra).length > 0) state.extra = extra
    return state as unknown as LinkState
  })

describe('fuzz: the link codec (src/link/hash.ts)', () => {
  fuzz('link-arbitrary-text', { runs: 1500 }, () =>
    fc.property(arbitraryHash, (hash) => {
      expect(parseLink(hash).keyCount).toBeGreaterThanOrEqual(0)
      decodeChecked(hash)
    }),
  )

  fuzz('link-hostile-hashes', { runs: 1200, timeout: 30_000 }, () =>
    fc.property(hostileHash, (hash) => {
      const link = parseLink(hash)
      expect(link.entries.size).toBeLessThanOrEqual(MAX_KEYS)
      const { state, notice } = decodeChecked(hash)
      // A link whose app could not be read opens the default scenario, and says so.
      if (link.problems.app !== undefined) {
        expect(notice).not.toBeNull()
        expect(sameJson(state.scenario, defaultState().scenario)).toBe(true)
      }
    }),
  )

  fuzz('link-huge-hashes', { runs: 24, timeout: 30_000 }, () =>
    fc.property(hugeHash, (hash) => {
      const { state, notice } = decodeChecked(hash)
      if (hash.length > 400_000) {
        expect(notice).toMatch(/too long to read/)
        expect(state).toEqual(defaultState())
      }
    }),
  )

  fuzz('link-roundtrip', { runs: 600, timeout: 30_000 }, () =>
    fc.property(validState, (state) => {
      const hash = encodeState(state)
      const { state: back, notice } = decodeChecked(`#${hash}`)
      expect(notice).toBeNull()
      expect(back.scenarioId).toBe(state.scenarioId)
      expect(sameJson(back.scenario, state.scenario)).toBe(true)
      expect(sameJson(back.request, state.request)).toBe(true)
      for (const k of ['seed', 'step', 'depth', 'theme'] as const) expect(back[k]).toBe(state[k])
      expect(back.extra ?? {}).toEqual(state.extra ?? {})
      // Writing what was read gives a hash that reads as the same state and, from then on, is
      // written the same (the app's keys may come back in the schema's order the first time).
      const again = encodeState(back)
      expect(decodeState(again).notice).toBeNull()
      expect(encodeState(decodeState(again).state)).toBe(again)
    }),
  )

  fuzz('link-serialize-keeps-keys', { runs: 700 }, () =>
    fc.property(extraArb, fc.constantFrom(...DEPTHS), (kept, depth) => {
      const hash = serializeLink({ depth }, kept)
      const link = parseLink(hash)
      expect(link.values.depth).toBe(depth)
      // Every kept key comes back verbatim (declared non-moment keys in KEYS order, then the rest).
      for (const [name, text] of Object.entries(kept)) expect(link.entries.get(name)).toBe(text)
    }),
  )
})
