/** Shortest time a step stays on screen at 1×: long enough to see a 0.05 ms event. */
export const MIN_STEP_MS = 600
/** Longest: a 400 ms database query should still not bore a class. */
export const MAX_STEP_MS = 2400

/**
 * Wall-clock time one step stays on screen. Grows with the logarithm of the virtual duration,
 * so slow steps look slower without real proportions (1 ms vs 400 ms) swamping the fast ones.
 */
export const stepDelayMs = (virtualMs: number, speed: number): number => {
  const paced = MIN_STEP_MS + 200 * Math.log2(1 + Math.max(0, virtualMs))
  return Math.min(MAX_STEP_MS, paced) / (speed > 0 ? speed : 1)
}

/** How long the packet takes to move to the next band: a part of the step, never sluggish. */
export const travelSeconds = (virtualMs: number, speed: number): number =>
  Math.min(0.55, (stepDelayMs(virtualMs, speed) * 0.6) / 1000)
