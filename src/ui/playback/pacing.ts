import type { TraceEvent } from '../../engine'
import type { Pacing } from '../../store'

/** Shortest time a step stays on screen at 1×: long enough to see a 0.05 ms event. */
export const MIN_STEP_MS = 600
/** Longest: a 400 ms database query should still not bore a class. */
export const MAX_STEP_MS = 2400

/** Proportional pacing: one virtual millisecond lasts this long on screen at 1×. */
export const PROPORTIONAL_STRETCH = 100
/** Even in proportional pacing a zero-length step gets a glimpse. */
export const MIN_PROPORTIONAL_STEP_MS = 80

/**
 * Wall-clock time one step stays on screen. Grows with the logarithm of the virtual duration,
 * so slow steps look slower without real proportions (1 ms vs 400 ms) swamping the fast ones.
 */
export const stepDelayMs = (virtualMs: number, speed: number): number => {
  const paced = MIN_STEP_MS + 200 * Math.log2(1 + Math.max(0, virtualMs))
  return Math.min(MAX_STEP_MS, paced) / (speed > 0 ? speed : 1)
}

/**
 * Readable pacing waits for the words on screen too: a reader takes in about this many words a
 * minute (a student reading a second language, or the back row reading a projected screen).
 */
export const READING_WPM = 180

/** How long `words` take to read at 1×, in ms: 50 words take 16.7 s. */
export const readingMs = (words: number): number =>
  Number.isFinite(words) && words > 0 ? (Math.floor(words) * 60_000) / READING_WPM : 0

/** Real time, stretched: a step lasts its virtual duration × PROPORTIONAL_STRETCH. */
const proportionalDelayMs = (virtualMs: number, speed: number): number =>
  Math.max(MIN_PROPORTIONAL_STEP_MS, Math.max(0, virtualMs) * PROPORTIONAL_STRETCH) /
  (speed > 0 ? speed : 1)

/**
 * How long the event at `index` stays on screen while playing, for the chosen pacing. Readable
 * pacing also leaves time to read the `words` on screen (the step line and its explanation);
 * proportional pacing is real time, stretched, and does not wait for readers.
 */
export const stepDelay = (
  events: readonly TraceEvent[],
  index: number,
  pacing: Pacing,
  speed: number,
  words = 0,
): number => {
  const duration = events[index]?.duration ?? 0
  if (pacing === 'proportional') return proportionalDelayMs(duration, speed)
  return Math.max(stepDelayMs(duration, speed), readingMs(words) / (speed > 0 ? speed : 1))
}

/**
 * How long the playhead takes to glide from one step to another. One step: part of its paced
 * time. A jump over many steps: longer, but never more than about a second.
 */
export const glideSeconds = (
  events: readonly TraceEvent[],
  from: number,
  to: number,
  pacing: Pacing,
  speed: number,
): number => {
  const distance = Math.abs(to - from)
  if (distance <= 1.001)
    return Math.min(0.55, (stepDelay(events, Math.round(to), pacing, speed) * 0.6) / 1000)
  return Math.min(1.1, 0.3 + 0.03 * distance)
}
