import type { EventOf, EventType, MiddlewareKind, TraceEvent } from '../../../engine'

/** One event explained three ways. Text may mark code with backticks: `environ`, `PATH_INFO`. */
export interface Explanation {
  /**
   * The letter analogy, one or two short sentences for a beginner (explain() adds the
   * restaurant or ping-pong line where a step has one: analogies.ts).
   */
  readonly simple: string
  /** What happens and why it matters, with this event's own facts. */
  readonly standard: string
  /** Protocol and framework detail, still about this event. */
  readonly deep: string
}

/** What an explanation may look at besides its own event: the rest of the trace. */
export interface ExplainContext {
  readonly events: readonly TraceEvent[]
  /** The position of the event being explained. */
  readonly index: number
  /** The scenario's middleware kinds, outermost first (e.g. `logging`, `auth`). */
  readonly middleware: readonly MiddlewareKind[]
}

export type Explainer<K extends EventType> = (event: EventOf<K>, ctx: ExplainContext) => Explanation

/** Every event type whose name starts with `prefix:`, e.g. `EventsOf<'tls'>`. */
export type EventsOf<P extends string> = Extract<EventType, `${P}:${string}`>

/** An explainer for each event type of one family: the compiler asks for any type added later. */
export type ExplainTable<K extends EventType> = { readonly [T in K]: Explainer<T> }
