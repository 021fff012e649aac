/**
 * The embed protocol's names and envelopes, and where the widget's events may go: everything
 * embed.html's poster needs to say `ready` and report its height before the app has loaded.
 * `api.ts` reads incoming messages (with valibot and the engine's schemas) and re-exports these.
 * Reference: docs/embedding.md.
 */

export const NS = 'roundtrip'
export const VERSION = 1

export const COMMANDS = ['play', 'pause', 'step', 'goTo', 'load', 'getState'] as const
export type CommandName = (typeof COMMANDS)[number]

/** `state` answers every command that carried an `id`; `error` answers one that failed. */
export const EVENTS = [
  'ready',
  'state',
  'stepchange',
  'ended',
  'resize',
  'error',
  // A lesson's results, shaped for xAPI (lessonEvents.ts, docs/embedding.md).
  'answer',
  'lessoncomplete',
] as const
export type EventName = (typeof EVENTS)[number]

/**
 * `event.origin` of a page with an opaque origin (a sandboxed page without allow-same-origin, a
 * `data:` URL). Such a page is obeyed only when `parent=` lists `null`, and is answered with `*`.
 */
export const OPAQUE_ORIGIN = 'null'

export type MessageId = string | number

export interface Envelope {
  readonly ns: typeof NS
  readonly v: typeof VERSION
  readonly kind: 'cmd' | 'evt'
  readonly id?: MessageId
  readonly name: string
  readonly payload?: unknown
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
  if (allowList) return allowList.filter((origin) => origin !== OPAQUE_ORIGIN)
  if (ancestorOrigin && ancestorOrigin !== OPAQUE_ORIGIN) return [ancestorOrigin]
  try {
    const origin = referrer ? new URL(referrer).origin : 'null'
    return origin === 'null' ? [] : [origin]
  } catch {
    return []
  }
}

/**
 * Where `ready` goes. To the initial targets; to `*` when no origin can be known and no `parent=`
 * list was given (it carries only the version and command names), or when `parent=` lists `null`
 * and the parent may be opaque. Nowhere when nobody could command: a `parent=` list with no usable
 * entry (fail closed), or a parent the browser reports as opaque that the list does not allow.
 */
export const readyTargets = (
  allowList: readonly string[] | null,
  targets: readonly string[],
  ancestorOrigin: string | null,
): readonly string[] => {
  const opaqueAllowed = allowList?.includes(OPAQUE_ORIGIN) ?? false
  if (ancestorOrigin === OPAQUE_ORIGIN) return opaqueAllowed ? ['*'] : []
  if (opaqueAllowed && ancestorOrigin === null) return ['*']
  return targets.length > 0 || allowList ? targets : ['*']
}

/** Where an answer to a command from `origin` goes: there, or `*` for an allowed opaque origin. */
export const replyTarget = (origin: string): string => (origin === OPAQUE_ORIGIN ? '*' : origin)

/**
 * Whether a message is meant as a command (the envelope's `ns` and `kind`): the poster loads the
 * app for one, which then reads it in full (api.ts) in the order it came.
 */
export const looksLikeCommand = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  (data as { ns?: unknown }).ns === NS &&
  (data as { kind?: unknown }).kind === 'cmd'

/** The framing page's origin as the browser reports it, where it does (Chromium, Safari). */
export const ancestorOriginOf = (win: Window): string | null => {
  try {
    return win.location.ancestorOrigins?.[0] ?? null
  } catch {
    return null
  }
}
