import { describe, expect, it } from 'vitest'
import type { TraceEvent } from '../../engine'
import { MAX_STEP_MS, READING_WPM, readingMs, stepDelay, stepDelayMs } from './pacing'

// Only `duration` is read by the pacing; the rest of the event does not matter here.
const events = [{ duration: 0.05 }, { duration: 400 }] as unknown as TraceEvent[]

const FIFTY_WORDS = 50

describe('readable pacing leaves time to read', () => {
  it('gives a 50-word explanation at least 15 s at 1× (the old cap was 2.4 s)', () => {
    expect(stepDelay(events, 0, 'dilated', 1, FIFTY_WORDS)).toBeGreaterThanOrEqual(15_000)
    expect(stepDelay(events, 0, 'dilated', 1, FIFTY_WORDS)).toBeGreaterThan(MAX_STEP_MS)
    expect(readingMs(FIFTY_WORDS)).toBeCloseTo((FIFTY_WORDS / READING_WPM) * 60_000)
  })

  it('keeps the paced time when there is little to read, and divides by speed', () => {
    expect(stepDelay(events, 1, 'dilated', 1, 2)).toBe(stepDelayMs(400, 1))
    expect(stepDelay(events, 0, 'dilated', 2, FIFTY_WORDS)).toBeCloseTo(
      stepDelay(events, 0, 'dilated', 1, FIFTY_WORDS) / 2,
    )
  })

  it('proportional pacing is real time and does not wait for readers', () => {
    expect(stepDelay(events, 0, 'proportional', 1, FIFTY_WORDS)).toBeLessThan(1_000)
  })

  it('reads nonsense word counts as none', () => {
    expect(readingMs(-3)).toBe(0)
    expect(readingMs(Number.NaN)).toBe(0)
  })
})
