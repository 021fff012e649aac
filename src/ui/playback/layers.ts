import type { TraceEvent } from '../../engine'

/**
 * What counts as one layer for "Next layer" / "Previous layer": the stage that emitted the event,
 * so DNS, TCP and TLS are separate stops and so is each middleware ring.
 */
const layerKey = (event: TraceEvent): string => event.stage

/** First step of the run of same-layer events that contains `index`. */
const runStart = (events: readonly TraceEvent[], index: number): number => {
  let start = index
  while (start > 0 && layerKey(events[start - 1]!) === layerKey(events[index]!)) start--
  return start
}

/** The first step of the next layer the journey reaches, or the last step when none is left. */
export const nextLayerIndex = (events: readonly TraceEvent[], index: number): number => {
  const here = events[index]
  if (!here) return Math.max(0, events.length - 1)
  for (let i = index + 1; i < events.length; i++)
    if (layerKey(events[i]!) !== layerKey(here)) return i
  return events.length - 1
}

/** The first step of the layer before the current one (step 1 from the first layer). */
export const previousLayerIndex = (events: readonly TraceEvent[], index: number): number => {
  if (!events[index]) return 0
  const start = runStart(events, index)
  return start === 0 ? 0 : runStart(events, start - 1)
}
