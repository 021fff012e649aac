/**
 * The URL-hash codec: every key a Roundtrip link may hold, declared once, and the one parse /
 * serialize pair that reads and writes them. Features declare their keys in `KEYS` (name, owner,
 * how the text reads into a value or a problem sentence, how a value is written, the default);
 * nothing else in the app splits a hash. `sync.ts` is the one module that touches the address.
 *
 *   #scenario=<id>      a curated scenario (its title and goal; the base for `app` and `req`)
 *   &app=1.<data>       the app itself, when it differs from the curated one
 *   &req=1.<data>       the request, when it differs from the scenario's own
 *   &seed=<n>           the random seed (a whole number)
 *   &step=<n>           the step shown, counted from 1 as in "Step N of M"
 *   &warm=<n>           the trace is a repeat: the same request was sent n times before it, on
 *                       the kept-alive connection (absent: sent from a cold browser)
 *   &depth=simple|standard|deep
 *   &theme=system|light|dark|projector
 *   &lesson=<id>        a lesson (lessons)
 *   &page=<id>          the page-load view on a curated page load (page load), with what differs
 *                       from it: &proto=h1|h2|h3 &net=good|lossy &cdn=hit|miss &altsvc=known|first
 *                       &size=25|100; &pstep=<n> the step shown, &preq=r<n> the request chosen
 *   &present=1          presentation mode (presentation)
 *   &parent=<origins>   origins allowed to command the widget (embed)
 *   &host=reveal|canvas|none   the page framing the widget (embed)
 *
 * `<data>` is described in `payload.ts`. Keys no feature declares are kept, verbatim and in order,
 * when the hash is rewritten. A hash is read in one linear pass, at most `MAX_KEYS` keys of it.
 *
 * Nothing here throws: whatever is wrong with a link, reading it gives a usable state (the default
 * scenario when the app or scenario cannot be had) and plain sentences saying what was wrong.
 */
import type { RequestSpec, Scenario } from '../engine'
import type { PageNetwork, PageProtocol } from '../engine'
import {
  DEFAULT_SCENARIO_ID,
  PAGE_SCENARIOS,
  findPageScenario,
  findLesson,
  findScenario,
  parseRequestSpec,
  parseScenario,
  scenarios,
} from '../engine'
import type { Depth, Theme } from '../store'
import { DEPTHS, MAX_WARMUPS, THEMES } from '../store'
import type { Host } from './origins'
import { HOSTS, parseAllowList } from './origins'
import { MAX_KEYS, readEntries } from './entries'
import type { PageAltSvc, PageCdn, PageChoice, PageSize } from './page'
import { PAGE_SIZES, choiceOf } from './page'
import { decodePayload, encodePayload } from './payload'
import { noticeOf, reasonOf, shown } from './words'

export { MAX_DECODED_BYTES } from './payload'

export { MAX_KEYS }
const MAX_STEP = 100_000
/** The most earlier sends a link rebuilds (the store's MAX_WARMUPS). */
const MAX_WARM = MAX_WARMUPS

// ─── the keys ───────────────────────────────────────────────────────────────────────────────────

/** A key's text read: its value, a sentence naming what was wrong, or both (a partly usable value). */
type Read<T> = { readonly value: T; readonly problem?: string } | { readonly problem: string }

interface KeySpec<T> {
  /** The feature that reads the key. */
  readonly owner: 'deep link' | 'lessons' | 'page load' | 'presentation' | 'embed'
  /** The key's text (decoded from the URL) as a value, or a sentence saying why not. */
  readonly read: (text: string) => Read<T>
  /** The text for a value, or `null` to leave the key out. */
  readonly write: (value: T) => string | null
  /** What a link without the key means. */
  readonly fallback?: T
}

const key = <T>(spec: KeySpec<T>): KeySpec<T> => spec

const defaultCurated = () => findScenario(DEFAULT_SCENARIO_ID) ?? scenarios[0]!
const fallbackTitle = () => `"${defaultCurated().title}"`

const isStep = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_STEP

const oneOf = <T extends string>(what: string, values: readonly T[], fallback: T) =>
  key<T>({
    owner: 'deep link',
    read: (text) =>
      (values as readonly string[]).includes(text)
        ? { value: text as T }
        : {
            problem: `The link's ${what} ${shown(text)} is not one of ${values.join(', ')}, so it was left out.`,
          },
    write: (value) => ((values as readonly string[]).includes(value) ? value : null),
    fallback,
  })

/** A page-load key with a few spelled values; `names` maps a value to its text in the link. */
const pageOneOf = <T extends string>(
  what: string,
  values: readonly T[],
  names: Partial<Record<T, string>> = {},
) => {
  const textOf = (value: T) => names[value] ?? value
  const texts = values.map(textOf)
  return key<T>({
    owner: 'page load',
    read: (text) => {
      const i = texts.indexOf(text)
      return i >= 0
        ? { value: values[i]! }
        : {
            problem: `The link's page-load ${what} ${shown(text)} is not one of ${texts.join(', ')}, so the page load's own is used.`,
          }
    },
    write: (value) => (values.includes(value) ? textOf(value) : null),
  })
}

/** A request of a page load, as its id: `r0` is the document. */
const PAGE_REQUEST = /^r\d{1,5}$/

const ON = new Set(['1', 'true', 'yes', 'on', ''])

/** Reads a `1.<data>` payload with `parse`; what is wrong becomes `failure(problem)`. */
const readPayload =
  <T>(parse: (json: unknown) => T, failure: (problem: string) => string) =>
  (text: string): Read<T> => {
    const read = decodePayload(text)
    if ('problem' in read) return { problem: failure(read.problem) }
    try {
      return { value: parse(read.json) }
    } catch (error) {
      return { problem: failure(reasonOf(error)) }
    }
  }

/** Every key, in the order a link writes them. */
export const KEYS = {
  scenario: key<string>({
    owner: 'deep link',
    read: (id) =>
      findScenario(id)
        ? { value: id }
        : {
            problem: `The link asks for a scenario ${shown(id)} that does not exist, so ${fallbackTitle()} is open instead.`,
          },
    write: (id) => id,
    fallback: DEFAULT_SCENARIO_ID,
  }),
  app: key<Scenario>({
    owner: 'deep link',
    read: readPayload(
      parseScenario,
      (problem) => `The link's app could not be read: ${problem}; ${fallbackTitle()} is open.`,
    ),
    write: encodePayload,
  }),
  req: key<RequestSpec>({
    owner: 'deep link',
    read: readPayload(
      parseRequestSpec,
      (problem) =>
        `The link's request could not be read: ${problem}; the scenario's own request is used.`,
    ),
    write: encodePayload,
  }),
  seed: key<number>({
    owner: 'deep link',
    read: (text) =>
      /^\d{1,15}$/.test(text)
        ? { value: Number(text) }
        : { problem: `The link's seed ${shown(text)} is not a whole number, so it was left out.` },
    write: (n) => (Number.isSafeInteger(n) && n >= 0 ? String(n) : null),
    fallback: 1,
  }),
  step: key<number>({
    owner: 'deep link',
    read: (text) => {
      const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN
      return isStep(n)
        ? { value: n }
        : { problem: `The link's step ${shown(text)} is not a step number, so it was left out.` }
    },
    write: (n) => (isStep(n) ? String(n) : null),
  }),
  warm: key<number>({
    owner: 'deep link',
    read: (text) => {
      const n = /^\d{1,3}$/.test(text) ? Number(text) : NaN
      return n >= 0 && n <= MAX_WARM
        ? { value: n }
        : {
            problem: `The link's warm ${shown(text)} is not a count of earlier sends from 0 to ${MAX_WARM}, so the request is sent from a cold browser.`,
          }
    },
    write: (n) => (Number.isSafeInteger(n) && n > 0 && n <= MAX_WARM ? String(n) : null),
    fallback: 0,
  }),
  depth: oneOf<Depth>('depth', DEPTHS, 'standard'),
  theme: oneOf<Theme>('theme', THEMES, 'system'),
  lesson: key<string>({
    owner: 'lessons',
    read: (id) =>
      findLesson(id)
        ? { value: id }
        : {
            problem: `The link asks for a lesson ${shown(id)} that does not exist. Open the Library to pick one.`,
          },
    write: (id) => id,
  }),
  page: key<string>({
    owner: 'page load',
    read: (id) =>
      findPageScenario(id)
        ? { value: id }
        : {
            problem: `The link asks for a page load ${shown(id)} that does not exist (there are ${PAGE_SCENARIOS.map((s) => s.id).join(', ')}), so the page-load view was left as it was.`,
          },
    write: (id) => (findPageScenario(id) ? id : null),
  }),
  proto: pageOneOf<PageProtocol>('protocol', ['http/1.1', 'h2', 'h3'], { 'http/1.1': 'h1' }),
  net: pageOneOf<PageNetwork>('network', ['good', 'lossy']),
  cdn: pageOneOf<PageCdn>('CDN cache', ['hit', 'miss']),
  altsvc: pageOneOf<PageAltSvc>('Alt-Svc memory', ['first', 'known']),
  size: pageOneOf<PageSize>('size', PAGE_SIZES),
  pstep: key<number>({
    owner: 'page load',
    read: (text) => {
      const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN
      return isStep(n)
        ? { value: n }
        : {
            problem: `The link's page-load step ${shown(text)} is not a step number, so the page load opens at its first step.`,
          }
    },
    write: (n) => (isStep(n) ? String(n) : null),
  }),
  preq: key<string>({
    owner: 'page load',
    read: (text) =>
      PAGE_REQUEST.test(text)
        ? { value: text }
        : {
            problem: `The link's page-load request ${shown(text)} is not a request id such as r0 or r5, so no request is chosen.`,
          },
    write: (id) => (PAGE_REQUEST.test(id) ? id : null),
  }),
  present: key<boolean>({
    owner: 'presentation',
    // `present=1`, `true` or the bare key mean yes; any other value (`0`, garbage) means no.
    read: (text) => ({ value: ON.has(text.trim().toLowerCase()) }),
    write: (on) => (on ? '1' : null),
    fallback: false,
  }),
  parent: key<readonly string[]>({
    owner: 'embed',
    // An allow-list that names nothing valid allows nobody: safer than allowing everybody.
    read: (text) => {
      const { origins, invalid } = parseAllowList(text)
      return invalid.length === 0
        ? { value: origins }
        : {
            value: origins,
            problem: `The link's parent has entries that are not origins (${invalid.join(', ')}), so they were left out.`,
          }
    },
    write: (origins) => (origins.length > 0 ? origins.join(',') : null),
  }),
  host: key<Host>({
    owner: 'embed',
    read: (text) =>
      (HOSTS as readonly string[]).includes(text)
        ? { value: text as Host }
        : {
            value: 'auto',
            problem: `The link's host ${shown(text)} is not one of ${HOSTS.join(', ')}, so auto is used.`,
          },
    write: (host) => (host === 'auto' ? null : host),
    fallback: 'auto',
  }),
} as const

export type KeyName = keyof typeof KEYS
export type LinkValues = {
  -readonly [K in KeyName]: (typeof KEYS)[K] extends KeySpec<infer T> ? T : never
}
/** Values to write: `null` removes a key, a missing one keeps what the link had (if anything). */
export type LinkWrite = { -readonly [K in KeyName]?: LinkValues[K] | null }

const KEY_NAMES = Object.keys(KEYS) as KeyName[]
const isKeyName = (name: string): name is KeyName => Object.hasOwn(KEYS, name)

/** The keys of the moment on screen: the app, request, seed, step, warmth, depth and theme. */
const MOMENT_KEYS = ['scenario', 'app', 'req', 'seed', 'step', 'warm', 'depth', 'theme'] as const
const isMomentKey = (name: string): boolean => (MOMENT_KEYS as readonly string[]).includes(name)

// ─── the one parse / serialize pair ─────────────────────────────────────────────────────────────

export interface ParsedLink {
  /** The hash as read, without `#`. */
  readonly text: string
  /** Each key's first text in the link, in the link's order (at most `MAX_KEYS` keys). */
  readonly entries: ReadonlyMap<string, string>
  /** The declared keys the link holds, read. */
  readonly values: Readonly<Partial<LinkValues>>
  /** A sentence for each declared key that could not be read, or only in part. */
  readonly problems: Readonly<Partial<Record<KeyName, string>>>
  /** How many keys the link has, counting those past `MAX_KEYS`. */
  readonly keyCount: number
  /** Set when the hash is longer than `MAX_HASH_LENGTH`: nothing of it was read. */
  readonly tooLong: boolean
}

const empty = (text: string, tooLong: boolean): ParsedLink => ({
  text,
  entries: new Map(),
  values: {},
  problems: {},
  keyCount: 0,
  tooLong,
})

const parse = (hash: string): ParsedLink => {
  // One pass over the `&`-separated pairs: the first MAX_KEYS are decoded, the rest only counted.
  const { text, entries, keyCount, tooLong } = readEntries(hash)
  if (tooLong) return empty(text, true)
  const values: Partial<Record<KeyName, unknown>> = {}
  const problems: Partial<Record<KeyName, string>> = {}
  for (const name of KEY_NAMES) {
    const value = entries.get(name)
    if (value === undefined) continue
    const read: Read<unknown> = KEYS[name].read(value)
    if ('value' in read) values[name] = read.value
    if (read.problem !== undefined) problems[name] = read.problem
  }
  return {
    text,
    entries,
    values: values as Partial<LinkValues>,
    problems,
    keyCount,
    tooLong: false,
  }
}

let last: ParsedLink | null = null

/**
 * Reads a URL hash (with or without `#`): linear in its length, at most `MAX_KEYS` keys decoded,
 * each declared key read once. The last result is remembered, so every feature asking about the
 * same address shares one parse. Never throws.
 */
export const parseLink = (hash: string): ParsedLink => {
  const text = hash.startsWith('#') ? hash.slice(1) : hash
  if (last?.text !== text) last = parse(text)
  return last
}

/**
 * The hash (without `#`) for `values`, declared keys in `KEYS` order, then the keys of `kept`
 * that `values` does not set, verbatim and in their order. A moment key (scenario, app, req…) is
 * only ever written from `values`: the moment is written whole or not at all.
 */
export const serializeLink = (
  values: LinkWrite,
  kept: Readonly<Record<string, string>> = {},
): string => {
  const params = new URLSearchParams()
  for (const name of KEY_NAMES) {
    const value = values[name]
    if (value === undefined) {
      const text = kept[name]
      if (text !== undefined && !isMomentKey(name)) params.append(name, text)
      continue
    }
    const text = value === null ? null : (KEYS[name].write as (v: unknown) => string | null)(value)
    if (text !== null) params.append(name, text)
  }
  for (const [name, text] of Object.entries(kept)) if (!isKeyName(name)) params.append(name, text)
  return params.toString()
}

/** Whether the link names an app (a scenario, an app or a request) rather than only preferences. */
export const namesApp = (link: ParsedLink): boolean =>
  link.entries.has('scenario') || link.entries.has('app') || link.entries.has('req')

/** The keys that are not the moment's (lesson, present, parent, host, unknown ones), verbatim. */
export const extraOf = (link: ParsedLink): Record<string, string> => {
  // No prototype: a key named `__proto__` is then an ordinary key, kept like any other.
  const extra: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [name, text] of link.entries) if (!isMomentKey(name)) extra[name] = text
  return extra
}

/** The sentence for keys past `MAX_KEYS`, if the link had any. */
export const cutProblems = (link: ParsedLink): string[] =>
  link.keyCount > MAX_KEYS
    ? [
        `The link has ${link.keyCount} keys; only the first ${MAX_KEYS} were read and the rest were ignored.`,
      ]
    : []

// ─── the moment: scenario, app, request, seed, step, depth, theme ───────────────────────────────

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
  /** The trace is a repeat: the same request was sent this many times before, kept alive. */
  readonly warm?: number
  readonly depth?: Depth
  readonly theme?: Theme
  /** Keys owned by other features (lesson, present, parent, host, embed…), verbatim, in order. */
  readonly extra?: Readonly<Record<string, string>>
}

interface Decoded {
  readonly state: LinkState
  /** One sentence naming what was wrong with the link, or `null` when it was read whole. */
  readonly notice: string | null
}

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

/**
 * The moment a parsed link names, and its problems (the moment's keys only; the cut is not
 * counted). The app or scenario that cannot be had falls back to the default scenario, without the
 * link's seed and step (they belonged to the lost app); a bad request falls back to the scenario's.
 */
export const momentOf = (link: ParsedLink): { state: LinkState; problems: string[] } => {
  if (link.tooLong)
    return {
      state: defaultState(),
      problems: [
        `The link is too long to read (${link.text.length} characters); ${fallbackTitle()} is open.`,
      ],
    }
  const { values, problems: wrong } = link
  type Prefs = Pick<LinkState, 'seed' | 'step' | 'warm' | 'depth' | 'theme'>
  const prefs: { -readonly [K in keyof Prefs]: Prefs[K] } = {}
  if (values.seed !== undefined) prefs.seed = values.seed
  if (values.step !== undefined) prefs.step = values.step
  if (values.warm) prefs.warm = values.warm
  if (values.depth !== undefined) prefs.depth = values.depth
  if (values.theme !== undefined) prefs.theme = values.theme
  const prefProblems = (['seed', 'step', 'warm', 'depth', 'theme'] as const).flatMap((k) =>
    wrong[k] === undefined ? [] : [wrong[k]],
  )
  const extra = extraOf(link)
  const withExtra = Object.keys(extra).length > 0 ? { extra } : {}

  const fallback = (problem: string) => {
    const { seed: _seed, step: _step, warm: _warm, ...rest } = prefs
    return {
      state: { ...defaultState(), ...rest, ...withExtra },
      problems: [problem, ...prefProblems],
    }
  }
  if (wrong.scenario !== undefined) return fallback(wrong.scenario)
  if (wrong.app !== undefined) return fallback(wrong.app)
  const curated = (values.scenario && findScenario(values.scenario)) || defaultCurated()
  return {
    state: {
      scenarioId: curated.id,
      scenario: values.app ?? curated.scenario,
      request: values.req ?? curated.request,
      ...prefs,
      ...withExtra,
    },
    problems: [...(wrong.req === undefined ? [] : [wrong.req]), ...prefProblems],
  }
}

/**
 * The values a moment is written as: the app and request only when they differ from the curated
 * scenario's, every moment key not written set to `null` (the moment is written whole).
 */
export const momentValuesOf = (state: Partial<LinkState>): LinkWrite => {
  const curated = state.scenarioId ? findScenario(state.scenarioId) : undefined
  const base = curated ?? defaultCurated()
  return {
    scenario: state.scenarioId || null,
    app:
      state.scenario && !(curated && sameJson(state.scenario, curated.scenario))
        ? state.scenario
        : null,
    req: state.request && !sameJson(state.request, base.request) ? state.request : null,
    seed: state.seed ?? null,
    step: state.step ?? null,
    warm: state.warm || null,
    depth: state.depth ?? null,
    theme: state.theme ?? null,
  }
}

/**
 * Reads a URL hash (with or without `#`) into a moment. Never throws: anything unreadable is
 * replaced by the default and named in `notice` (the first problem, plus a count of the others).
 */
export const decodeState = (hash: string): Decoded => {
  try {
    const link = parseLink(hash)
    const { state, problems } = momentOf(link)
    return { state, notice: noticeOf([...problems, ...cutProblems(link)]) }
  } catch (error) {
    // Not expected: every step reports instead of throwing. Still, a link never breaks the page.
    return {
      state: defaultState(),
      notice: `The link could not be read (${reasonOf(error)}); ${fallbackTitle()} is open.`,
    }
  }
}

/**
 * The hash (without `#`) for a moment. The app and request are written only when they differ from
 * the curated scenario's; `extra` keys follow, unchanged.
 */
export const encodeState = (state: Partial<LinkState>): string =>
  serializeLink(momentValuesOf(state), state.extra)

// ─── the page-load view: page, proto, net, cdn, altsvc, size, pstep, preq ───────────────────────

/** The page-load keys besides `page`: they say what differs from it, so they need it. */
const PAGE_DETAIL_KEYS = ['proto', 'net', 'cdn', 'altsvc', 'size', 'pstep', 'preq'] as const
export const PAGE_KEYS = ['page', ...PAGE_DETAIL_KEYS] as const

/** The page-load view a link opens: its choices, step (from 0) and chosen request. */
export interface PageLink {
  readonly choice: PageChoice
  readonly step: number
  readonly request: string | null
}

/**
 * The page-load view a parsed link names (`null` when it names none or names one that does not
 * exist, which leaves the view as it was), and a sentence for each page-load key it could not read.
 */
export const pageLinkOf = (link: ParsedLink): { page: PageLink | null; problems: string[] } => {
  const { values, problems: wrong } = link
  const problems = PAGE_KEYS.flatMap((k) => (wrong[k] === undefined ? [] : [wrong[k]]))
  const curated = values.page === undefined ? undefined : findPageScenario(values.page)
  if (!curated) {
    const stray = PAGE_DETAIL_KEYS.filter((k) => link.entries.has(k))
    if (!link.entries.has('page') && stray.length > 0)
      problems.push(
        `The link has ${stray.join(', ')} without page=, which names the page load they belong to, so they were left out.`,
      )
    return { page: null, problems }
  }
  const choice: PageChoice = {
    ...choiceOf(curated),
    ...(values.proto === undefined ? {} : { protocol: values.proto }),
    ...(values.net === undefined ? {} : { network: values.net }),
    ...(values.cdn === undefined ? {} : { cdn: values.cdn }),
    ...(values.altsvc === undefined ? {} : { altSvc: values.altsvc }),
    ...(values.size === undefined ? {} : { size: values.size }),
  }
  return {
    page: { choice, step: (values.pstep ?? 1) - 1, request: values.preq ?? null },
    problems,
  }
}

/**
 * The page-load keys for a view: all `null` when it is closed; else `page` and only what differs
 * from that curated page load, the step (from 1) past the first and the chosen request.
 */
export const pageValuesOf = (
  view: (PageChoice & { step: number; request: string | null }) | null,
): LinkWrite => {
  const none: LinkWrite = Object.fromEntries(PAGE_KEYS.map((k) => [k, null]))
  const curated = view && findPageScenario(view.scenarioId)
  if (!view || !curated) return none
  const base = choiceOf(curated)
  const differs = <K extends keyof PageChoice>(k: K) => (view[k] === base[k] ? null : view[k])
  return {
    ...none,
    page: curated.id,
    proto: differs('protocol'),
    net: differs('network'),
    cdn: differs('cdn'),
    // Whether HTTP/3 was known from an earlier visit matters only on HTTP/3.
    altsvc: view.protocol === 'h3' ? differs('altSvc') : null,
    size: differs('size'),
    pstep: view.step > 0 ? view.step + 1 : null,
    preq: view.request,
  }
}
