import type { TraceEvent } from '../../engine'

/** The live region's text for a step: "Step 3 of 31: Ask the recursive resolver…". */
export const stepLine = (index: number, count: number, event: TraceEvent): string =>
  `Step ${index + 1} of ${count}: ${event.title}`
