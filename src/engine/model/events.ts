import type { HttpRequest, HttpResponse } from './http'
import type { LayerId } from './layers'
import type { StageId } from './stages'
import type { AppEventPayloads } from './events/app'
import type { NetworkEventPayloads } from './events/network'
import type { Millis } from './time'

export type Direction = 'request' | 'response'

/**
 * What each event type carries beyond the common fields: the text-free facts that the
 * narration and inspector need. Add a type in `events/network.ts` or `events/app.ts`;
 * every exhaustive switch then asks for it.
 */
export interface EventPayloads extends NetworkEventPayloads, AppEventPayloads {}

export type EventType = keyof EventPayloads

interface EventBase {
  /** Position in the trace, from 0. */
  readonly seq: number
  /** When the event starts on the virtual clock. */
  readonly at: Millis
  readonly duration: Millis
  readonly layer: LayerId
  /** The onion stage that emitted it, e.g. `proxy` or `middleware:logging`. */
  readonly stage: StageId
  readonly direction: Direction
  /** A short English label; explanations live in the UI. */
  readonly title: string
  /** The request as it stands after this event. */
  readonly request: HttpRequest
  /** The response as it stands after this event (outbound events only). */
  readonly response?: HttpResponse
}

/** One timed step of the journey, discriminated by `type`. */
export type TraceEvent = {
  [K in EventType]: EventBase & { readonly type: K; readonly data: EventPayloads[K] }
}[EventType]

export type EventOf<K extends EventType> = Extract<TraceEvent, { type: K }>
