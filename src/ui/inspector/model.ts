import type { Headers, HttpRequest, HttpResponse, Trace, TraceEvent } from '../../engine'
import { target, utf8Length } from '../../engine'
import type { HeaderOrigin, MessageKind } from './provenance'
import { headerOrigins, roundTrip, whoOf } from './provenance'

export type Shown =
  | { readonly kind: 'request'; readonly message: HttpRequest }
  | { readonly kind: 'response'; readonly message: HttpResponse }

export type HeaderChange =
  | { readonly kind: 'added'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'changed'
      readonly name: string
      readonly before: string
      readonly after: string
    }
  | { readonly kind: 'removed'; readonly name: string; readonly before: string }

/** How the body changed in this step, in bytes on the wire (Content-Length when it is given). */
export interface BodyChange {
  readonly bytesBefore: number
  readonly bytesAfter: number
  readonly encodingBefore: string | null
  readonly encodingAfter: string | null
  /** Size of the body text itself, which differs from the wire size once it is compressed. */
  readonly textBytesBefore: number
  readonly textBytesAfter: number
  readonly textChanged: boolean
}

/** What this step did to the travelling message, against the same message one snapshot earlier. */
export interface StepDiff {
  /** No earlier snapshot: this step made the message (the browser built it, a layer answered). */
  readonly created: boolean
  readonly startLine: { readonly before: string; readonly after: string } | null
  readonly headers: readonly HeaderChange[]
  readonly body: BodyChange | null
}

export interface InspectorView {
  readonly event: TraceEvent
  /** The message this step moves: the request inbound, the response outbound. */
  readonly travelling: MessageKind
  /** The messages that exist at this step (no response before a layer has answered). */
  readonly available: readonly MessageKind[]
  readonly shown: Shown
  /** `null` when the shown message is not the travelling one: this step does not touch it. */
  readonly diff: StepDiff | null
  /** For the request on the way back: the inbound step whose snapshot is shown, and who saw it. */
  readonly seenAt: { readonly seq: number; readonly who: string } | null
  readonly origins: Readonly<Record<string, HeaderOrigin>>
}

export const startLineOf = (shown: Shown): string =>
  shown.kind === 'request'
    ? `${shown.message.method} ${target(shown.message)} ${shown.message.httpVersion}`
    : `${shown.message.httpVersion} ${shown.message.status} ${shown.message.statusText}`

/** Bytes of the body as sent: Content-Length when the message declares it, else the text's size. */
export const wireBytes = (message: { headers: Headers; body: string }): number => {
  const declared = Number(message.headers['content-length'])
  return Number.isInteger(declared) && declared >= 0 ? declared : utf8Length(message.body)
}

const headerChanges = (before: Headers, after: Headers): HeaderChange[] => {
  const changes: HeaderChange[] = []
  for (const [name, value] of Object.entries(after)) {
    const old = before[name]
    if (old === undefined) changes.push({ kind: 'added', name, value })
    else if (old !== value) changes.push({ kind: 'changed', name, before: old, after: value })
  }
  for (const [name, old] of Object.entries(before))
    if (!(name in after)) changes.push({ kind: 'removed', name, before: old })
  return changes
}

const diffOf = (before: Shown | null, after: Shown): StepDiff => {
  if (!before) {
    const headers = Object.entries(after.message.headers).map(([name, value]): HeaderChange => ({
      kind: 'added',
      name,
      value,
    }))
    return { created: true, startLine: null, headers, body: null }
  }
  const lineBefore = startLineOf(before)
  const lineAfter = startLineOf(after)
  const encodingBefore = before.message.headers['content-encoding'] ?? null
  const encodingAfter = after.message.headers['content-encoding'] ?? null
  const bodyChanged =
    before.message.body !== after.message.body ||
    encodingBefore !== encodingAfter ||
    wireBytes(before.message) !== wireBytes(after.message)
  return {
    created: false,
    startLine: lineBefore === lineAfter ? null : { before: lineBefore, after: lineAfter },
    headers: headerChanges(before.message.headers, after.message.headers),
    body: bodyChanged
      ? {
          bytesBefore: wireBytes(before.message),
          bytesAfter: wireBytes(after.message),
          encodingBefore,
          encodingAfter,
          textBytesBefore: utf8Length(before.message.body),
          textBytesAfter: utf8Length(after.message.body),
          textChanged: before.message.body !== after.message.body,
        }
      : null,
  }
}

const requestOf = (event: TraceEvent): Shown => ({ kind: 'request', message: event.request })

/**
 * On the way back, the request as this stage saw it on the way in: the snapshot of the stage's
 * last inbound event in this trip (the browser's own request, not the one nginx forwarded).
 */
const requestSeenBy = (trace: Trace, event: TraceEvent): TraceEvent | null => {
  const { first } = roundTrip(trace.events, event.seq)
  for (let i = event.seq - 1; i >= first; i--) {
    const earlier = trace.events[i]
    if (earlier?.direction === 'request' && earlier.stage === event.stage) return earlier
  }
  return null
}

/**
 * Everything the inspector shows at `playhead`, derived from the trace alone: stepping back
 * recomputes it from an earlier playhead, so it is always exactly what that step showed.
 */
export const inspectorView = (
  trace: Trace,
  playhead: number,
  choice: MessageKind | null,
): InspectorView | null => {
  const event = trace.events[playhead]
  if (!event) return null
  const { first } = roundTrip(trace.events, playhead)
  const hasResponse = event.response !== undefined
  const travelling: MessageKind =
    event.direction === 'response' && hasResponse ? 'response' : 'request'
  const available: MessageKind[] = hasResponse ? ['request', 'response'] : ['request']
  const kind = choice && available.includes(choice) ? choice : travelling

  if (kind === 'response' && event.response) {
    const previous = playhead > first ? trace.events[playhead - 1]?.response : undefined
    const shown: Shown = { kind: 'response', message: event.response }
    return {
      event,
      travelling,
      available,
      shown,
      diff: diffOf(previous ? { kind: 'response', message: previous } : null, shown),
      seenAt: null,
      origins: headerOrigins(trace, 'response', playhead),
    }
  }

  if (event.direction === 'request') {
    const previous = playhead > first ? trace.events[playhead - 1] : undefined
    const shown = requestOf(event)
    return {
      event,
      travelling,
      available,
      shown,
      diff: diffOf(previous ? requestOf(previous) : null, shown),
      seenAt: null,
      origins: headerOrigins(trace, 'request', playhead),
    }
  }

  // On the way back the request does not change; show it as this stage saw it coming in.
  const seen = requestSeenBy(trace, event)
  const source = seen ?? event
  return {
    event,
    travelling,
    available,
    shown: requestOf(source),
    diff: null,
    seenAt: seen ? { seq: seen.seq, who: whoOf(trace, seen) } : null,
    origins: headerOrigins(trace, 'request', seen ? seen.seq : lastInbound(trace, playhead)),
  }
}

/** The last inbound event at or before `index`: the request as it stood when it turned back. */
const lastInbound = (trace: Trace, index: number): number => {
  const { first } = roundTrip(trace.events, index)
  for (let i = index; i > first; i--) if (trace.events[i]?.direction === 'request') return i
  return first
}
