import type { RequestSpec, Scenario, Trace } from '../../engine'
import { HTTP_METHODS, isLayerId, parseScenario } from '../../engine'

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

export type PresentMessage =
  | { readonly type: 'hello' }
  | { readonly type: 'bye'; readonly from: 'main' | 'presenter' }
  | ({ readonly type: 'state'; readonly shown: Shown | null } & Playhead)
  | ({ readonly type: 'playhead' } & Playhead)
  | { readonly type: 'command'; readonly command: Command; readonly index?: number }

type Envelope = PresentMessage & { readonly ns: typeof NS; readonly v: typeof VERSION }

export const envelope = (message: PresentMessage): Envelope => ({ ns: NS, v: VERSION, ...message })

// ---------------------------------------------------------------------------------------------
// Validation: the channel is same-origin, but a stale tab of an older build, or any script on the
// origin, can post to it. Nothing is used before its shape is checked.

type Obj = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
const isStringRecord = (value: unknown): value is Readonly<Record<string, string>> =>
  isObject(value) && Object.values(value).every(isString)

/** More steps than any trace the engine makes; a bigger one is not ours. */
const MAX_EVENTS = 5000
const MAX_TITLE = 200

/** The request snapshot an event carries (the inspector and the explanations read it). */
const isMessage = (value: unknown): boolean =>
  isObject(value) &&
  isString(value.method) &&
  isString(value.host) &&
  isString(value.path) &&
  isStringRecord(value.headers)

const isEvent = (value: unknown, index: number): boolean =>
  isObject(value) &&
  value.seq === index &&
  isTime(value.at) &&
  isTime(value.duration) &&
  isLayerId(value.layer) &&
  (value.direction === 'request' || value.direction === 'response') &&
  isString(value.type) &&
  isString(value.title) &&
  isString(value.stage) &&
  isObject(value.data) &&
  isMessage(value.request) &&
  (value.response === undefined || isObject(value.response))

/** A trace as the engine makes it: ordered events and exactly one of a response or an error. */
export const isTrace = (value: unknown): value is Trace => {
  if (!isObject(value) || !Array.isArray(value.events) || !isObject(value.connection)) return false
  const { events, response, error } = value
  if (events.length === 0 || events.length > MAX_EVENTS || !events.every(isEvent)) return false
  const hasResponse =
    isObject(response) &&
    isCount(response.status) &&
    isString(response.statusText) &&
    isStringRecord(response.headers) &&
    isString(response.body)
  const hasError = isObject(error) && isString(error.code) && isString(error.message)
  return hasResponse ? error === undefined : hasError && response === undefined
}

const isRequest = (value: unknown): value is RequestSpec =>
  isObject(value) &&
  (HTTP_METHODS as readonly unknown[]).includes(value.method) &&
  isString(value.url) &&
  (value.headers === undefined || isStringRecord(value.headers)) &&
  (value.body === undefined || isString(value.body))

const scenarioOf = (value: unknown): Scenario | null => {
  try {
    return parseScenario(value)
  } catch {
    return null
  }
}

const readShown = (value: unknown): Shown | null | undefined => {
  if (value === null) return null
  if (!isObject(value) || !isString(value.title) || !isRequest(value.request)) return undefined
  if (!isTrace(value.trace)) return undefined
  const scenario = scenarioOf(value.scenario)
  if (!scenario) return undefined
  return {
    title: value.title.slice(0, MAX_TITLE),
    scenario,
    request: value.request,
    trace: value.trace,
  }
}

const readPlayhead = (value: Obj): Playhead | null => {
  const { session, traceId, playhead, playing, presenting, since } = value
  if (!isString(session) || session.length === 0 || session.length > 64) return null
  if (!isCount(traceId) || !isCount(playhead)) return null
  if (typeof playing !== 'boolean' || typeof presenting !== 'boolean') return null
  if (since !== null && !isTime(since)) return null
  return { session, traceId, playhead, playing, presenting, since }
}

/**
 * The message inside a channel event's data, or `null` when it is not one of ours or is
 * malformed in any way. Never throws.
 */
export const parsePresentMessage = (data: unknown): PresentMessage | null => {
  if (!isObject(data) || data.ns !== NS || data.v !== VERSION) return null
  switch (data.type) {
    case 'hello':
      return { type: 'hello' }
    case 'bye':
      return data.from === 'main' || data.from === 'presenter'
        ? { type: 'bye', from: data.from }
        : null
    case 'command': {
      const command = data.command
      if (!(COMMANDS as readonly unknown[]).includes(command)) return null
      if (command === 'seek')
        return isCount(data.index) ? { type: 'command', command, index: data.index } : null
      return { type: 'command', command: command as Command }
    }
    case 'playhead': {
      const playhead = readPlayhead(data)
      return playhead ? { type: 'playhead', ...playhead } : null
    }
    case 'state': {
      const playhead = readPlayhead(data)
      const shown = readShown(data.shown)
      if (!playhead || shown === undefined) return null
      if (shown && playhead.playhead >= shown.trace.events.length) return null
      return { type: 'state', shown, ...playhead }
    }
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------

export interface PresentLink {
  readonly post: (message: PresentMessage) => void
  readonly close: () => void
}

/** Whether this browser can link two windows at all (BroadcastChannel; not in some old ones). */
export const channelSupported = (): boolean => typeof globalThis.BroadcastChannel === 'function'

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
