import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { afterNextFrame } from '../../src/ui/common/afterNextFrame'
import { endFakeClock, useFakeClock } from './setup'

describe('afterNextFrame', () => {
  beforeEach(async () => {
    await useFakeClock()
  })
  afterEach(() => {
    vi.restoreAllMocks()
    endFakeClock()
  })

  it('runs once, in a task after the next animation frame', () => {
    const order: string[] = []
    afterNextFrame(() => order.push('after'))
    requestAnimationFrame(() => order.push('frame'))
    vi.advanceTimersToNextFrame()
    // The frame's callbacks all ran; the work waits for the task after them.
    expect(order).toEqual(['frame'])
    // The fake clock runs a zero timer a millisecond later.
    vi.advanceTimersByTime(1)
    expect(order).toEqual(['frame', 'after'])
    vi.advanceTimersByTime(2000)
    expect(order).toEqual(['frame', 'after'])
  })

  it('runs after the fallback where no frame comes, and gives up the frame it asked for', () => {
    vi.spyOn(window, 'requestAnimationFrame').mockReturnValue(7)
    const cancelFrame = vi.spyOn(window, 'cancelAnimationFrame')
    const run = vi.fn()
    afterNextFrame(run, 100)
    vi.advanceTimersByTime(99)
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(1)
    expect(cancelFrame).toHaveBeenCalledWith(7)
    vi.advanceTimersByTime(1000)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('does nothing once cancelled', () => {
    const run = vi.fn()
    afterNextFrame(run)()
    vi.advanceTimersByTime(2000)
    expect(run).not.toHaveBeenCalled()
  })
})
