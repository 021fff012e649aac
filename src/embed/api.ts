/**
 * The embed's postMessage protocol, as pure functions: reading a message into a command (or a
 * reason to ignore it), validating payloads, and building the events the widget posts.
 * `bridge.ts` wires these to the window and the store. Reference: docs/embedding.md.
 */
import type { RequestSpec, Scenario } from '../engine'
import * as v from 'valibot'
import {
  RequestSpecSchema,
  ScenarioError,
  ScenarioSchema,
  describeValue,
  findPageScenario,
  findScenario,
  PAGE_SCENARIOS,
  isRecord,
  parseWith,
} from '../engine'
import type { Host } from '../link/origins'
import type { CommandName, MessageId } from './protocol'
import { COMMANDS, NS, OPAQUE_ORIGIN, VERSION } from './protocol'

export {
  NS,
  VERSION,
  COMMANDS,
  EVENTS,
  OPAQUE_ORIGIN,
  eventEnvelope,
  readyPayload,
  canvasResizeMessage,
  initialTargets,
  readyTargets,
  replyTarget,
} from './protocol'
export type { EventName, MessageId, Envelope } from './protocol'

export type IgnoreReason = 'origin' | 'malformed' | 'version' | 'unknown-command' | 'busy'
export type IgnoredCounts = Record<IgnoreReason, number>

export const noIgnored = (): IgnoredCounts => ({
  origin: 0,
  malformed: 0,
  version: 0,
  'unknown-command': 0,
  busy: 0,
})

export type LoadTarget =
  | { readonly kind: 'curated'; readonly id: string }
  /** A curated page load, opened in the page-load view (nothing is sent: it is simulated here). */
  | {
      readonly kind: 'page'
      readonly id: string
      /** The step shown, from 1 (the view shows its last step when it has fewer). */
      readonly step: number | null
      /** A request of the page load to choose (`r0` is the document). */
      readonly request: string | null
    }
  | { readonly kind: 'setup'; readonly scenario: Scenario; readonly request: RequestSpec | null }

export type Command =
  | { readonly name: 'play' }
  | { readonly name: 'pause' }
  | { readonly name: 'step'; readonly by: number }
  | { readonly name: 'goTo'; readonly step: number }
  | { readonly name: 'load'; readonly target: LoadTarget }
  | { readonly name: 'getState' }

/** What one incoming message means to the widget. */
type Incoming =
  | { readonly type: 'command'; readonly id?: MessageId; readonly command: Command }
  /** A well-formed command whose payload is wrong: answered with an `error` event. */
  | { readonly type: 'invalid'; readonly id?: MessageId; readonly message: string }
  | { readonly type: 'ignored'; readonly reason: IgnoreReason }
  /** A host adapter's signal (reveal.js hid the slide): `pause`, or nothing to do. */
  | { readonly type: 'host'; readonly action: 'pause' | 'none' }

export interface MessageContext {
  /** `event.source === window.parent`. */
  readonly fromParent: boolean
  /** `event.origin` as the browser reports it. */
  readonly origin: string
  /**
   * The `parent=` allow-list (origins, and `null` when it lets an opaque origin command), or
   * `null` when any parent with a real origin may command.
   */
  readonly allowList: readonly string[] | null
  readonly host: Host
}

const MAX_ID_LENGTH = 200

/** A command's envelope. The first key that is wrong says why the message is ignored. */
const CommandEnvelope = v.object({
  ns: v.literal(NS),
  v: v.literal(VERSION),
  kind: v.literal('cmd'),
  name: v.string(),
  id: v.optional(
    v.custom<MessageId>(
      (id) =>
        (typeof id === 'string' && id.length <= MAX_ID_LENGTH) ||
        (typeof id === 'number' && Number.isFinite(id)),
    ),
  ),
  payload: v.optional(v.unknown()),
})

const CommandName = v.picklist(COMMANDS)

const RevealEvent = v.object({ namespace: v.literal('reveal'), eventName: v.optional(v.unknown()) })

/** reveal.js events that mean "this slide is no longer in view": pause. */
const REVEAL_PAUSE_EVENTS = new Set(['slide:stop', 'slidechanged', 'paused', 'overviewshown'])

/**
 * reveal.js talks to iframes on its slides with the plain string `slide:stop` / `slide:start`,
 * and decks with `postMessageEvents` send JSON strings `{"namespace":"reveal","eventName":…}`.
 * Returns `null` when the message is not reveal's.
 */
export const readRevealMessage = (data: unknown): 'pause' | 'none' | null => {
  if (data === 'slide:stop') return 'pause'
  if (data === 'slide:start') return 'none'
  let parsed: unknown = data
  if (typeof data === 'string') {
    if (!data.startsWith('{') || !data.includes('"reveal"')) return null
    try {
      parsed = JSON.parse(data)
    } catch {
      return null
    }
  }
  const reveal = v.safeParse(RevealEvent, parsed)
  if (!reveal.success) return null
  const { eventName } = reveal.output
  return typeof eventName === 'string' && REVEAL_PAUSE_EVENTS.has(eventName) ? 'pause' : 'none'
}

/**
 * A whole number from `min`, with no upper bound: a step past the end shows the last step, as
 * the docs say. `message` is the sentence when it is not one.
 */
const wholeNumber = (min: number, message: string) =>
  v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min, message),
  )

const StepBy = v.optional(
  wholeNumber(-Infinity, 'step.by must be a whole number, such as 1 or -1'),
  1,
)
const GoToStep = wholeNumber(1, 'goTo needs {step: n}, a whole number from 1 (the first step)')

/**
 * `load`'s payload: `{scenario: id}`, `{app: scenario JSON (object or string), request?}` or
 * `{page: id, step?, request?}`.
 */
const LoadPayload = v.pipe(
  v.custom<Record<string, unknown>>(
    isRecord,
    'load needs a payload: {scenario: id}, {app, request?} or {page: id}',
  ),
  v.check(
    (p) => [p.scenario, p.app, p.page].filter((x) => x !== undefined).length === 1,
    'load takes one of scenario (an id), app (scenario JSON) or page (a page load’s id)',
  ),
  v.check(
    (p) => p.step === undefined || p.page !== undefined,
    'load takes a step only with page: use goTo to move a journey to a step',
  ),
  v.check(
    (p) => p.request === undefined || p.app !== undefined || p.page !== undefined,
    'load takes a request only with app or page: {scenario: id} loads the scenario with its own request',
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const { app } = dataset.value
    if (typeof app !== 'string') return dataset.value
    try {
      return { ...dataset.value, app: JSON.parse(app) as unknown }
    } catch {
      addIssue({ message: 'app is a string that is not valid JSON' })
      return NEVER
    }
  }),
)

const CuratedId = v.custom<string>(
  (id) => typeof id === 'string' && findScenario(id) !== undefined,
  ({ input }) =>
    typeof input === 'string'
      ? `there is no scenario ${JSON.stringify(input.slice(0, 60))}`
      : `scenario must be a curated scenario's id, got ${describeValue(input)}`,
)

const AppLoad = v.object({ app: ScenarioSchema, request: v.optional(RequestSpecSchema) })

const PageId = v.custom<string>(
  (id) => typeof id === 'string' && findPageScenario(id) !== undefined,
  ({ input }) =>
    typeof input === 'string'
      ? `there is no page load ${JSON.stringify(input.slice(0, 60))} (there are ${PAGE_SCENARIOS.map((s) => s.id).join(', ')})`
      : `page must be a page load's id, got ${describeValue(input)}`,
)
const PageLoad = v.object({
  page: PageId,
  step: v.optional(
    wholeNumber(1, 'step must be a whole number from 1 (the page load’s first step)'),
  ),
  request: v.optional(
    v.custom<string>(
      (id) => typeof id === 'string' && /^r\d{1,5}$/.test(id),
      ({ input }) =>
        `request must be a request id of the page load such as "r0" or "r5", got ${describeValue(input)}`,
    ),
  ),
})

/** A payload problem as one sentence: `request.url must be …`, `app: routes[0].pattern: …`. */
const sentence = ({ path, problem }: ScenarioError): string =>
  /^app\b/.test(path)
    ? `app: ${path.slice(4) || 'scenario'}: ${problem}`
    : path
      ? `${path} ${problem}`
      : problem

/** Reads a payload (or one of its fields) with `schema`; throws the sentence saying what is wrong. */
const read = <S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> => {
  try {
    return parseWith(schema, input)
  } catch (error) {
    throw error instanceof ScenarioError ? new Error(sentence(error)) : error
  }
}

/** Validates `load`'s payload; throws a sentence naming the bad field. */
export const parseLoadPayload = (payload: unknown): LoadTarget => {
  const load = read(LoadPayload, payload)
  if (load.scenario !== undefined) return { kind: 'curated', id: read(CuratedId, load.scenario) }
  if (load.page !== undefined) {
    const page = read(PageLoad, load)
    return { kind: 'page', id: page.page, step: page.step ?? null, request: page.request ?? null }
  }
  const { app, request } = read(AppLoad, load)
  return { kind: 'setup', scenario: app, request: request ?? null }
}

/** A field of a payload that may be missing or not an object (then every field is absent). */
const field = (payload: unknown, key: string): unknown =>
  isRecord(payload) ? payload[key] : undefined

const parseCommand = (name: CommandName, payload: unknown): Command => {
  switch (name) {
    case 'play':
    case 'pause':
    case 'getState':
      return { name }
    case 'step':
      return { name, by: read(StepBy, field(payload, 'by')) }
    case 'goTo':
      return { name, step: read(GoToStep, field(payload, 'step')) }
    case 'load':
      return { name, target: parseLoadPayload(payload) }
  }
}

/**
 * Whether the parent's origin may command: one on the allow-list, else any real origin. An opaque
 * origin (`null`) could never be answered by name, so it commands only when `parent=` lists it.
 */
const mayCommand = (origin: string, allowList: readonly string[] | null): boolean =>
  allowList ? allowList.includes(origin) : origin !== OPAQUE_ORIGIN

/**
 * What a message event means. Checks, in order: it came from the parent window, from an origin
 * that may command (`mayCommand`); a host adapter's message; the envelope; the command name;
 * its payload. Never throws.
 */
export const readMessage = (data: unknown, context: MessageContext): Incoming => {
  if (!context.fromParent || !mayCommand(context.origin, context.allowList))
    return { type: 'ignored', reason: 'origin' }
  if (context.host === 'auto' || context.host === 'reveal') {
    const reveal = readRevealMessage(data)
    if (reveal) return { type: 'host', action: reveal }
  }
  const envelope = v.safeParse(CommandEnvelope, data, { abortEarly: true })
  if (!envelope.success) {
    const wrong = envelope.issues[0].path?.[0]?.key
    return { type: 'ignored', reason: wrong === 'v' ? 'version' : 'malformed' }
  }
  const { id, name, payload } = envelope.output
  const withId = id === undefined ? {} : { id }
  if (!v.is(CommandName, name)) return { type: 'ignored', reason: 'unknown-command' }
  try {
    return {
      type: 'command',
      ...withId,
      command: parseCommand(name, payload),
    }
  } catch (error) {
    return {
      type: 'invalid',
      ...withId,
      message: error instanceof Error ? error.message : String(error),
    }
  }
}
