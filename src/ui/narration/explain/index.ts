import type { EventType, MiddlewareKind, TraceEvent } from '../../../engine'
import { withAnalogy } from './analogies'
import { HANDLER, ROUTER, VALIDATION } from './app'
import { CLIENT } from './client'
import { DNS, TCP, TLS } from './network'
import { PROXY } from './proxy'
import { MIDDLEWARE, SERVER } from './server'
import type { ExplainContext, ExplainTable, Explanation } from './types'

export type { ExplainContext, Explanation } from './types'
export { misconceptionFor } from './misconceptions'
export { ANALOGIES } from './analogies'
export { courseLayerOf } from './layers'

/**
 * Every event type, explained at three depths. Typed as a full table over `EventType`, so an
 * event type added to the engine fails to compile until it is explained here.
 */
const EXPLAIN: ExplainTable<EventType> = {
  ...CLIENT,
  ...DNS,
  ...TCP,
  ...TLS,
  ...PROXY,
  ...SERVER,
  ...MIDDLEWARE,
  ...ROUTER,
  ...VALIDATION,
  ...HANDLER,
}

type AnyExplainer = (event: TraceEvent, ctx: ExplainContext) => Explanation

/** The three explanations of one event of a trace. */
export const explain = (event: TraceEvent, ctx: ExplainContext): Explanation => {
  // The table is keyed by the event's own type, so its explainer takes exactly this event.
  const explainer = EXPLAIN[event.type] as AnyExplainer | undefined
  if (explainer) {
    const explained = explainer(event, ctx)
    // Simple: the letter, then the restaurant or ping-pong where the step fits one.
    return { ...explained, simple: withAnalogy(event.type, explained.simple) }
  }
  // Only reachable with an engine newer than this UI: say what the event says, at every depth.
  return {
    simple: event.title,
    standard: `${event.title}.`,
    deep: `${event.title} (${event.type}).`,
  }
}

/** The context for the event at `index` of a trace. */
export const contextAt = (
  events: readonly TraceEvent[],
  index: number,
  middleware: readonly MiddlewareKind[] = [],
): ExplainContext => ({ events, index, middleware })
