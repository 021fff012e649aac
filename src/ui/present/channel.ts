import type { RequestSpec, Scenario, Trace } from '../../engine'
import * as v from 'valibot'
import {
  LAYERS,
  PAGE_PROTOCOLS,
  RequestSpecSchema,
  ScenarioSchema,
  findPageScenario,
  isRecord,
} from '../../engine'
import type { PageChoice } from '../../link/pageView'
import { PAGE_SIZES } from '../../link/pageView'
import { channelSupported } from './channelSupport'

/**
 * The presenter window and the projected window talk over one BroadcastChannel (same origin, no
 * server). Every message is an envelope `{ ns, v, type, … }`; anything else is ignored.
 */
export const CHANNEL_NAME = 'roundtrip-present'
const NS = 'roundtrip-present'
const VERSION = 1

/** What the presenter may ask the projected window to do. */
export const COMMANDS = ['stepForward', 'stepBack', 'play', 'pause', 'restart', 'seek'] as const
export type Command = (typeof COMMANDS)[number]

/** Where the projected window stands: sent on every step (small). */
export interface Playhead {
  /** One per page load of the projected window, so a reloaded page is never mistaken for the old one. */
  readonly session: string
  /** Counts the traces this session has shown; the presenter asks again when it misses one. */
  readonly traceId: number
  readonly playhead: number
  readonly playing: boolean
  readonly presenting: boolean
  /** When presentation mode started (ms since the epoch), for the presenter's timer. */
  readonly since: number | null
}

/** The trace on screen and what it was made from: sent when it changes or on request. */
export interface Shown {
  readonly title: string
  readonly scenario: Scenario
  readonly request: RequestSpec
  readonly trace: Trace
}

/** The page-load view on the projected window: which page load, its step and chosen request. */
export interface PageShown {
  readonly choice: PageChoice
  /** From 0. */
  readonly step: number
  readonly request: string | null
  readonly playing: boolean
}

export type PresentMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'bye'; readonly from: 'main' | 'presenter' }
  | ({ readonly type: 'state'; readonly shown: Shown | null } & Playhead)
  | ({ readonly type: 'playhead' } & Playhead)
  | { readonly type: 'command'; readonly command: Command; readonly index?: number }
  /** The page-load view opened, moved or closed (`page: null`) on the projected window. */
  | { readonly type: 'page'; readonly session: string; readonly page: PageShown | null }

type Envelope = PresentMessage & { readonly ns: typeof NS; readonly v: typeof VERSION }

export const envelope = (message: PresentMessage): Envelope => ({ ns: NS, v: VERSION, ...message })

// ---------------------------------------------------------------------------------------------
// Validation: the channel is same-origin, but a stale tab of an older build, or any script on the
// origin, can post to it. Nothing is used before its shape is checked.

/** More steps than any trace the engine makes; a bigger one is not ours. */
const MAX_EVENTS = 5000
const MAX_TITLE = 200

/** Any plain object, kept as it is (an event's payload, a connection). */
const anyObject = v.custom<Readonly<Record<string, unknown>>>(isRecord)
const isTime = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0
const count = v.custom<number>((n) => Number.isSafeInteger(n) && isTime(n))
const time = v.custom<number>(isTime)
const headers = v.record(v.string(), v.string())

/** An event as the engine makes it; the request snapshot is what the inspector and explanations read. */
const EventSchema = v.object({
  seq: count,
  at: time,
  duration: time,
  layer: v.picklist(LAYERS),
  direction: v.picklist(['request', 'response']),
  type: v.string(),
  title: v.string(),
  stage: v.string(),
  data: anyObject,
  request: v.object({
    method: v.string(),
    host: v.string(),
    path: v.string(),
    headers,
  }),
  response: v.optional(anyObject),
})

/** A trace as the engine makes it: ordered events and exactly one of a response or an error. */
const TraceSchema = v.pipe(
  v.object({
    events: v.pipe(
      v.array(EventSchema),
      v.check(
        (events) =>
          events.length > 0 &&
          events.length <= MAX_EVENTS &&
          events.every((event, i) => event.seq === i),
      ),
    ),
    connection: anyObject,
    response: v.optional(
      v.object({ status: count, statusText: v.string(), headers, body: v.string() }),
    ),
    error: v.optional(v.object({ code: v.string(), message: v.string() })),
  }),
  v.check((trace) => (trace.response === undefined) !== (trace.error === undefined)),
)

export const isTrace = (value: unknown): value is Trace => v.is(TraceSchema, value)

const ShownSchema = v.object({
  title: v.pipe(
    v.string(),
    v.transform((title) => title.slice(0, MAX_TITLE)),
  ),
  scenario: ScenarioSchema,
  request: RequestSpecSchema,
  /** Kept as it came: the trace is checked, not copied. */
  trace: v.custom<Trace>(isTrace),
})

const playhead = {
  session: v.pipe(
    v.string(),
    v.check((id) => id.length > 0 && id.length <= 64),
  ),
  traceId: count,
  playhead: count,
  playing: v.boolean(),
  presenting: v.boolean(),
  since: v.custom<number | null>((since) => since === null || isTime(since)),
}

/** A page load is simulated again on the presenter's side from its choice: only that travels. */
const PageShownSchema = v.object({
  choice: v.object({
    scenarioId: v.custom<string>(
      (id) => typeof id === 'string' && findPageScenario(id) !== undefined,
    ),
    protocol: v.picklist(PAGE_PROTOCOLS),
    network: v.picklist(['good', 'lossy']),
    cdn: v.picklist(['hit', 'miss']),
    altSvc: v.picklist(['first', 'known']),
    size: v.picklist(PAGE_SIZES),
  }),
  step: v.pipe(count, v.maxValue(100_000)),
  request: v.nullable(v.pipe(v.string(), v.regex(/^r\d{1,5}$/))),
  playing: v.boolean(),
})

const MessageSchema = v.variant('type', [
  v.object({
    type: v.literal('page'),
    session: playhead.session,
    page: v.nullable(PageShownSchema),
  }),
  v.object({ type: v.literal('hello') }),
  v.object({ type: v.literal('bye'), from: v.picklist(['main', 'presenter']) }),
  v.object({
    type: v.literal('command'),
    command: v.picklist(COMMANDS.filter((c) => c !== 'seek')),
  }),
  v.object({ type: v.literal('command'), command: v.literal('seek'), index: count }),
  v.object({ type: v.literal('playhead'), ...playhead }),
  v.pipe(
    v.object({ type: v.literal('state'), shown: v.nullable(ShownSchema), ...playhead }),
    // The projected window's playhead is on a step of the trace it shows.
    v.check((state) => !state.shown || state.playhead < state.shown.trace.events.length),
  ),
])

const EnvelopeSchema = v.object({ ns: v.literal(NS), v: v.literal(VERSION) })

/**
 * The message inside a channel event's data, or `null` when it is not one of ours or is
 * malformed in any way. Never throws.
 */
export const parsePresentMessage = (data: unknown): PresentMessage | null => {
  if (!v.is(EnvelopeSchema, data)) return null
  const message = v.safeParse(MessageSchema, data, { abortEarly: true })
  return message.success ? message.output : null
}

// ---------------------------------------------------------------------------------------------

export interface PresentLink {
  readonly post: (message: PresentMessage) => void
  readonly close: () => void
}

export { channelSupported }

/**
 * Opens the channel and hands every valid message to `onMessage`. `null` where BroadcastChannel
 * is missing or refuses to open (an old browser, some file:// pages): callers show a note.
 */
export const openChannel = (onMessage: (message: PresentMessage) => void): PresentLink | null => {
  if (!channelSupported()) return null
  let channel: BroadcastChannel
  try {
    channel = new BroadcastChannel(CHANNEL_NAME)
  } catch {
    return null
  }
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = parsePresentMessage(event.data)
    if (message) onMessage(message)
  }
  return {
    post: (message) => {
      try {
        channel.postMessage(envelope(message))
      } catch {
        // A closed channel or an uncloneable value: the other window asks again on its next hello.
      }
    },
    close: () => channel.close(),
  }
}
