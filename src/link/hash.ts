/**
 * The URL-hash codec for deep links and embeds: the whole shareable state in `location.hash`.
 *
 *   #scenario=<id>      a curated scenario (its title and goal; the base for `app` and `req`)
 *   &app=1.<data>       the app itself, when it differs from the curated one
 *   &req=1.<data>       the request, when it differs from the scenario's own
 *   &seed=<n>           the random seed (a whole number)
 *   &step=<n>           the step shown, counted from 1 as in "Step N of M"
 *   &depth=simple|standard|deep
 *   &theme=system|light|dark|projector
 *
 * `<data>` is UTF-8 JSON, compressed with raw DEFLATE, in URL-safe base64; the `1.` in front is the
 * payload format's version. Any other key (`lesson`, `present`, `parent`, `host`, `embed`…) belongs
 * to another feature and is carried through untouched.
 *
 * `decodeState` never throws: whatever is wrong with a link, it returns a usable state (the default
 * scenario when the app or scenario cannot be had) and one plain sentence saying what was wrong.
 */
import type { RequestSpec, Scenario } from '../engine'
import {
  DEFAULT_SCENARIO_ID,
  HTTP_METHODS,
  ScenarioError,
  findScenario,
  parseScenario,
  scenarios,
} from '../engine'
import { deflateRaw, fromBase64Url, inflateRaw, toBase64Url } from './deflate'

export const DEPTHS = ['simple', 'standard', 'deep'] as const
export type LinkDepth = (typeof DEPTHS)[number]

/** `system` follows the viewer's setting; `projector` is presentation mode's high-contrast theme. */
export const THEMES = ['system', 'light', 'dark', 'projector'] as const
export type Theme = (typeof THEMES)[number]

/** The keys this codec reads and writes; every other key is passed through as it was. */
export const OWNED_KEYS = ['scenario', 'app', 'req', 'seed', 'step', 'depth', 'theme'] as const

/** The payload format written after `app=` and `req=` (`1.<base64url deflate-raw JSON>`). */
export const PAYLOAD_VERSION = 1
/** A payload may expand to at most this many bytes of JSON. */
export const MAX_DECODED_BYTES = 256 * 1024
/** Longer hashes are not read at all. */
export const MAX_HASH_LENGTH = 400_000
const MAX_STEP = 100_000

export interface LinkState {
  /** The curated scenario the link names: its title and goal, and the base for `app`/`req`. */
  readonly scenarioId: string
  /** The app: the curated scenario's own, or the one the link carries. */
  readonly scenario: Scenario
  /** The request: the curated scenario's own, or the one the link carries. */
  readonly request: RequestSpec
  readonly seed?: number
  /** The step shown, counted from 1 ("Step N of M"). */
  readonly step?: number
  readonly depth?: LinkDepth
  readonly theme?: Theme
  /** Keys owned by other features (lesson, present, parent, host, embed…), verbatim, in order. */
  readonly extra?: Readonly<Record<string, string>>
}

export interface Decoded {
  readonly state: LinkState
  /** One sentence naming what was wrong with the link, or `null` when it was read whole. */
  readonly notice: string | null
}

const defaultCurated = () => findScenario(DEFAULT_SCENARIO_ID) ?? scenarios[0]!

/** The state of a page opened without a link: the default scenario as curated. */
export const defaultState = (): LinkState => {
  const curated = defaultCurated()
  return { scenarioId: curated.id, scenario: curated.scenario, request: curated.request }
}

/** Structural equality of JSON-like values, ignoring key order. */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  )
}

// ─── payloads ───────────────────────────────────────────────────────────────────────────────────

const encodePayload = (value: unknown): string =>
  `${PAYLOAD_VERSION}.${toBase64Url(deflateRaw(new TextEncoder().encode(JSON.stringify(value))))}`

/** A payload's JSON, or a phrase saying why it could not be read (no throw). */
const decodePayload = (text: string): { json: unknown } | { problem: string } => {
  const dot = text.indexOf('.')
  if (dot < 0 || !/^\d+$/.test(text.slice(0, dot)))
    return { problem: 'it has no format version in front' }
  const version = text.slice(0, dot)
  if (version !== String(PAYLOAD_VERSION))
    return {
      problem: `it is in format ${shown(version)}, and this version of Roundtrip reads format ${PAYLOAD_VERSION}`,
    }
  let bytes: Uint8Array
  try {
    bytes = inflateRaw(fromBase64Url(text.slice(dot + 1)), MAX_DECODED_BYTES)
  } catch (error) {
    return { problem: `its data is damaged or cut short (${reasonOf(error)})` }
  }
  let json: string
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: 'its data is not UTF-8 text' }
  }
  try {
    return { json: JSON.parse(json) as unknown }
  } catch {
    return { problem: 'its data is not valid JSON' }
  }
}

const MAX_HEADERS = 100
const MAX_URL = 8192
const MAX_BODY = 128 * 1024

/** Validates untrusted JSON into a `RequestSpec`; throws `ScenarioError` naming the bad field. */
export const parseRequestSpec = (input: unknown): RequestSpec => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ScenarioError('request', 'must be an object')
  const r = input as Record<string, unknown>
  if (typeof r.method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(r.method))
    throw new ScenarioError('method', `must be one of ${HTTP_METHODS.join(', ')}`)
  if (typeof r.url !== 'string' || r.url === '' || r.url.length > MAX_URL)
    throw new ScenarioError('url', `must be a non-empty string of at most ${MAX_URL} characters`)
  const spec: { -readonly [K in keyof RequestSpec]: RequestSpec[K] } = {
    method: r.method as RequestSpec['method'],
    url: r.url,
  }
  if (r.headers !== undefined) {
    if (typeof r.headers !== 'object' || r.headers === null || Array.isArray(r.headers))
      throw new ScenarioError('headers', 'must be an object of names and values')
    const entries = Object.entries(r.headers)
    if (entries.length > MAX_HEADERS)
      throw new ScenarioError('headers', `must have at most ${MAX_HEADERS} entries`)
    const headers: Record<string, string> = {}
    for (const [name, value] of entries) {
      if (typeof value !== 'string') throw new ScenarioError(`headers.${name}`, 'must be a string')
      headers[name] = value
    }
    spec.headers = headers
  }
  if (r.body !== undefined) {
    if (typeof r.body !== 'string' || r.body.length > MAX_BODY)
      throw new ScenarioError('body', `must be a string of at most ${MAX_BODY} characters`)
    spec.body = r.body
  }
  return spec
}

// ─── encode ─────────────────────────────────────────────────────────────────────────────────────

const isStep = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_STEP

/**
 * The hash (without `#`) for a state. The app and request are written only when they differ from
 * the curated scenario's; `extra` keys follow the codec's own, unchanged.
 */
export const encodeState = (state: Partial<LinkState>): string => {
  const params = new URLSearchParams()
  const curated = state.scenarioId ? findScenario(state.scenarioId) : undefined
  const base = curated ?? defaultCurated()
  if (state.scenarioId) params.set('scenario', state.scenarioId)
  if (state.scenario && !(curated && sameJson(state.scenario, curated.scenario)))
    params.set('app', encodePayload(state.scenario))
  if (state.request && !sameJson(state.request, base.request))
    params.set('req', encodePayload(state.request))
  if (state.seed !== undefined && Number.isSafeInteger(state.seed) && state.seed >= 0)
    params.set('seed', String(state.seed))
  if (isStep(state.step)) params.set('step', String(state.step))
  if (state.depth && DEPTHS.includes(state.depth)) params.set('depth', state.depth)
  if (state.theme && THEMES.includes(state.theme)) params.set('theme', state.theme)
  for (const [key, value] of Object.entries(state.extra ?? {}))
    if (!(OWNED_KEYS as readonly string[]).includes(key) && !params.has(key))
      params.append(key, value)
  return params.toString()
}

// ─── decode ─────────────────────────────────────────────────────────────────────────────────────

const MAX_SHOWN = 40

/** A value from the link, quoted safely for a notice: printable and short. */
const shown = (value: string): string => {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return `"${clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean}"`
}

const reasonOf = (error: unknown): string => {
  if (error instanceof ScenarioError) {
    const problem = error.message.slice(error.message.indexOf(': ') + 2)
    return `${error.path || 'the scenario'} ${problem}`
  }
  return error instanceof Error ? error.message : String(error)
}

const fallbackTitle = () => `"${defaultCurated().title}"`

/**
 * Reads a URL hash (with or without `#`) into a state. Never throws: anything unreadable is
 * replaced by the default and named in `notice` (the first problem, plus a count of the others).
 */
export const decodeState = (hash: string): Decoded => {
  try {
    return decode(hash)
  } catch (error) {
    // Not expected: every step below reports instead of throwing. Still, a link never breaks the page.
    return {
      state: defaultState(),
      notice: `The link could not be read (${reasonOf(error)}); ${fallbackTitle()} is open.`,
    }
  }
}

const decode = (hash: string): Decoded => {
  const text = hash.startsWith('#') ? hash.slice(1) : hash
  if (text.length > MAX_HASH_LENGTH)
    return {
      state: defaultState(),
      notice: `The link is too long to read (${text.length} characters); ${fallbackTitle()} is open.`,
    }
  const params = new URLSearchParams(text)
  const problems: string[] = []
  const extra: Record<string, string> = {}
  for (const [key, value] of params)
    if (!(OWNED_KEYS as readonly string[]).includes(key) && !(key in extra)) extra[key] = value

  const prefs = readPrefs(params, problems)
  const withExtra = Object.keys(extra).length > 0 ? { extra } : {}
  const opened = (state: LinkState): Decoded => ({
    state: { ...state, ...prefs, ...withExtra },
    notice:
      problems.length === 0
        ? null
        : problems.length === 1
          ? problems[0]!
          : `${problems[0]!} (${problems.length - 1} more ${problems.length === 2 ? 'problem' : 'problems'} in the link.)`,
  })
  /** The default scenario, without the link's seed and step (they belonged to the lost app). */
  const fallback = (problem: string): Decoded => {
    problems.unshift(problem)
    const { seed: _seed, step: _step, ...rest } = prefs
    return {
      ...opened(defaultState()),
      state: { ...defaultState(), ...rest, ...withExtra },
    }
  }

  const id = params.get('scenario')
  const curated = id === null ? defaultCurated() : findScenario(id)
  if (!curated)
    return fallback(
      `The link asks for a scenario ${shown(id ?? '')} that does not exist, so ${fallbackTitle()} is open instead.`,
    )

  let scenario = curated.scenario
  const app = params.get('app')
  if (app !== null) {
    const read = decodePayload(app)
    if ('problem' in read)
      return fallback(
        `The link's app could not be read: ${read.problem}; ${fallbackTitle()} is open.`,
      )
    try {
      scenario = parseScenario(read.json)
    } catch (error) {
      return fallback(
        `The link's app could not be read: ${reasonOf(error)}; ${fallbackTitle()} is open.`,
      )
    }
  }

  let request = curated.request
  const req = params.get('req')
  if (req !== null) {
    const read = decodePayload(req)
    let problem = 'problem' in read ? read.problem : null
    if (!('problem' in read))
      try {
        request = parseRequestSpec(read.json)
      } catch (error) {
        problem = reasonOf(error)
      }
    if (problem)
      problems.unshift(
        `The link's request could not be read: ${problem}; the scenario's own request is used.`,
      )
  }

  return opened({ scenarioId: curated.id, scenario, request })
}

type Prefs = Pick<LinkState, 'seed' | 'step' | 'depth' | 'theme'>

const readPrefs = (params: URLSearchParams, problems: string[]): Prefs => {
  const prefs: { -readonly [K in keyof Prefs]: Prefs[K] } = {}
  const seed = params.get('seed')
  if (seed !== null) {
    if (/^\d{1,15}$/.test(seed)) prefs.seed = Number(seed)
    else problems.push(`The link's seed ${shown(seed)} is not a whole number, so it was left out.`)
  }
  const step = params.get('step')
  if (step !== null) {
    const n = /^\d{1,6}$/.test(step) ? Number(step) : NaN
    if (isStep(n)) prefs.step = n
    else problems.push(`The link's step ${shown(step)} is not a step number, so it was left out.`)
  }
  const depth = params.get('depth')
  if (depth !== null) {
    if ((DEPTHS as readonly string[]).includes(depth)) prefs.depth = depth as LinkDepth
    else
      problems.push(
        `The link's depth ${shown(depth)} is not one of ${DEPTHS.join(', ')}, so it was left out.`,
      )
  }
  const theme = params.get('theme')
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) prefs.theme = theme as Theme
    else
      problems.push(
        `The link's theme ${shown(theme)} is not one of ${THEMES.join(', ')}, so it was left out.`,
      )
  }
  return prefs
}
