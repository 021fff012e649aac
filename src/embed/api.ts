/**
 * The embed's postMessage protocol, as pure functions: reading a message into a command (or a
 * reason to ignore it), validating payloads, and building the events the widget posts.
 * `bridge.ts` wires these to the window and the store. Reference: docs/embedding.md.
 */
import type { RequestSpec, Scenario } from '../engine'
import { HTTP_METHODS, ScenarioError, findScenario, parseScenario } from '../engine'
import type { Host } from './params'

export const NS = 'roundtrip'
export const VERSION = 1

export const COMMANDS = ['play', 'pause', 'step', 'goTo', 'load', 'getState'] as const
export type CommandName = (typeof COMMANDS)[number]

/** `state` answers every command that carried an `id`; `error` answers one that failed. */
export const EVENTS = ['ready', 'state', 'stepchange', 'ended', 'resize', 'error'] as const
export type EventName = (typeof EVENTS)[number]

export const IGNORE_REASONS = ['origin', 'malformed', 'version', 'unknown-command'] as const
export type IgnoreReason = (typeof IGNORE_REASONS)[number]
export type IgnoredCounts = Record<IgnoreReason, number>

export const noIgnored = (): IgnoredCounts => ({
  origin: 0,
  malformed: 0,
  version: 0,
  'unknown-command': 0,
})

export type MessageId = string | number

export interface Envelope {
  readonly ns: typeof NS
  readonly v: typeof VERSION
  readonly kind: 'cmd' | 'evt'
  readonly id?: MessageId
  readonly name: string
  readonly payload?: unknown
}

export type LoadTarget =
  | { readonly kind: 'curated'; readonly id: string }
  | { readonly kind: 'setup'; readonly scenario: Scenario; readonly request: RequestSpec | null }

export type Command =
  | { readonly name: 'play' }
  | { readonly name: 'pause' }
  | { readonly name: 'step'; readonly by: number }
  | { readonly name: 'goTo'; readonly step: number }
  | { readonly name: 'load'; readonly target: LoadTarget }
  | { readonly name: 'getState' }

/** What one incoming message means to the widget. */
export type Incoming =
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
  /** The `parent=` allow-list, or `null` when any parent may command. */
  readonly allowList: readonly string[] | null
  readonly host: Host
}

const MAX_ID_LENGTH = 200
const MAX_STEP = 1_000_000

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isValidId = (id: unknown): id is MessageId =>
  (typeof id === 'string' && id.length <= MAX_ID_LENGTH) ||
  (typeof id === 'number' && Number.isFinite(id))

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
  if (!isRecord(parsed) || parsed.namespace !== 'reveal') return null
  return typeof parsed.eventName === 'string' && REVEAL_PAUSE_EVENTS.has(parsed.eventName)
    ? 'pause'
    : 'none'
}

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value)

/** Validates the request of a `load` command; throws a sentence naming the bad field. */
export const parseRequestSpec = (input: unknown): RequestSpec => {
  if (!isRecord(input)) throw new Error('request must be an object')
  const method = typeof input.method === 'string' ? input.method.toUpperCase() : input.method
  if (!(HTTP_METHODS as readonly unknown[]).includes(method))
    throw new Error(`request.method must be one of ${HTTP_METHODS.join(', ')}`)
  if (typeof input.url !== 'string') throw new Error('request.url must be a string')
  let url: URL
  try {
    url = new URL(input.url)
  } catch {
    throw new Error('request.url must be an absolute URL such as https://api.example.com/')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('request.url must start with http:// or https://')
  let headers: Record<string, string> | undefined
  if (input.headers !== undefined) {
    if (!isRecord(input.headers)) throw new Error('request.headers must be an object')
    headers = {}
    for (const [name, value] of Object.entries(input.headers)) {
      if (typeof value !== 'string') throw new Error(`request.headers.${name} must be a string`)
      headers[name] = value
    }
  }
  if (input.body !== undefined && typeof input.body !== 'string')
    throw new Error('request.body must be a string')
  return {
    method: method as RequestSpec['method'],
    url: input.url,
    ...(headers ? { headers } : {}),
    ...(typeof input.body === 'string' ? { body: input.body } : {}),
  }
}

/** `load`'s payload: `{scenario: id}` or `{app: scenario JSON (object or string), request?}`. */
export const parseLoadPayload = (payload: unknown): LoadTarget => {
  if (!isRecord(payload)) throw new Error('load needs a payload: {scenario: id} or {app, request?}')
  const hasId = payload.scenario !== undefined
  const hasApp = payload.app !== undefined
  if (hasId === hasApp) throw new Error('load takes either scenario (an id) or app (scenario JSON)')
  if (hasId) {
    const id = payload.scenario
    if (typeof id !== 'string' || !findScenario(id))
      throw new Error(
        `there is no scenario ${JSON.stringify(typeof id === 'string' ? id.slice(0, 60) : id)}`,
      )
    return { kind: 'curated', id }
  }
  let app: unknown = payload.app
  if (typeof app === 'string') {
    try {
      app = JSON.parse(app)
    } catch {
      throw new Error('app is a string that is not valid JSON')
    }
  }
  let scenario: Scenario
  try {
    scenario = parseScenario(app)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(error instanceof ScenarioError ? `app: ${reason}` : `app is invalid: ${reason}`)
  }
  const request = payload.request === undefined ? null : parseRequestSpec(payload.request)
  return { kind: 'setup', scenario, request }
}

const parseCommand = (name: CommandName, payload: unknown): Command => {
  switch (name) {
    case 'play':
    case 'pause':
    case 'getState':
      return { name }
    case 'step': {
      const by = isRecord(payload) ? payload.by : undefined
      if (by === undefined) return { name, by: 1 }
      if (!isInteger(by) || Math.abs(by) > MAX_STEP)
        throw new Error('step.by must be a whole number, such as 1 or -1')
      return { name, by }
    }
    case 'goTo': {
      const step = isRecord(payload) ? payload.step : undefined
      if (!isInteger(step) || step < 1 || step > MAX_STEP)
        throw new Error('goTo needs {step: n}, a whole number from 1 (the first step)')
      return { name, step }
    }
    case 'load':
      return { name, target: parseLoadPayload(payload) }
  }
}

/**
 * What a message event means. Checks, in order: it came from the parent window (and, with an
 * allow-list, from an allowed origin); a host adapter's message; the envelope; the command name;
 * its payload. Never throws.
 */
export const readMessage = (data: unknown, context: MessageContext): Incoming => {
  if (!context.fromParent) return { type: 'ignored', reason: 'origin' }
  if (context.allowList && !context.allowList.includes(context.origin))
    return { type: 'ignored', reason: 'origin' }
  if (context.host === 'auto' || context.host === 'reveal') {
    const reveal = readRevealMessage(data)
    if (reveal) return { type: 'host', action: reveal }
  }
  if (!isRecord(data) || data.ns !== NS) return { type: 'ignored', reason: 'malformed' }
  if (data.v !== VERSION) return { type: 'ignored', reason: 'version' }
  if (data.kind !== 'cmd' || typeof data.name !== 'string')
    return { type: 'ignored', reason: 'malformed' }
  if (data.id !== undefined && !isValidId(data.id)) return { type: 'ignored', reason: 'malformed' }
  const id = data.id as MessageId | undefined
  const withId = id === undefined ? {} : { id }
  if (!(COMMANDS as readonly string[]).includes(data.name))
    return { type: 'ignored', reason: 'unknown-command' }
  try {
    return {
      type: 'command',
      ...withId,
      command: parseCommand(data.name as CommandName, data.payload),
    }
  } catch (error) {
    return {
      type: 'invalid',
      ...withId,
      message: error instanceof Error ? error.message : String(error),
    }
  }
}

/** One event as the widget posts it. */
export const eventEnvelope = (name: EventName, payload: unknown, id?: MessageId): Envelope => ({
  ns: NS,
  v: VERSION,
  kind: 'evt',
  ...(id === undefined ? {} : { id }),
  name,
  payload,
})

/** `ready`'s payload: what this version understands. */
export const readyPayload = () => ({ v: VERSION, capabilities: [...COMMANDS], events: [...EVENTS] })

/** Canvas resizes the frame on this message, sent as a JSON string as LTI tools do. */
export const canvasResizeMessage = (height: number): string =>
  JSON.stringify({ subject: 'lti.frameResize', height })

/**
 * Where the widget's events may go, before any command has arrived: the allow-listed origins
 * (the browser delivers only to the one the parent has), else the parent's origin as the browser
 * reports it (`location.ancestorOrigins`, then `document.referrer`). Empty when unknown.
 */
export const initialTargets = (
  allowList: readonly string[] | null,
  ancestorOrigin: string | null,
  referrer: string,
): readonly string[] => {
  if (allowList) return allowList
  if (ancestorOrigin && ancestorOrigin !== 'null') return [ancestorOrigin]
  try {
    const origin = referrer ? new URL(referrer).origin : 'null'
    return origin === 'null' ? [] : [origin]
  } catch {
    return []
  }
}
