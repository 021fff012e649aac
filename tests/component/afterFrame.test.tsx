import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterFrames, afterNextFrame } from '../../src/ui/playback/afterFrame'

describe('afterNextFrame', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs in a task of its own after the next animation frame, not inside it', async () => {
    vi.useFakeTimers()
    const order: string[] = []
    afterNextFrame(() => order.push('after'))
    requestAnimationFrame(() => order.push('frame'))
    await vi.advanceTimersByTimeAsync(15)
    expect(order).toEqual([])
    await vi.advanceTimersByTimeAsync(2)
    expect(order).toEqual(['frame', 'after'])
  })

  it('can be cancelled before it runs', async () => {
    vi.useFakeTimers()
    const then = vi.fn()
    const cancel = afterNextFrame(then)
    cancel()
    await vi.advanceTimersByTimeAsync(500)
    expect(then).not.toHaveBeenCalled()
  })

  it('runs once, after a short wait, where no frame comes (a hidden tab)', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const then = vi.fn()
    afterNextFrame(then)
    await vi.advanceTimersByTimeAsync(50)
    expect(then).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(100)
    expect(then).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(1000)
    expect(then).toHaveBeenCalledOnce()
  })

  it('afterFrames runs after that many frames, and cancels wherever it is', async () => {
    vi.useFakeTimers()
    const then = vi.fn()
    afterFrames(3, then)
    await vi.advanceTimersByTimeAsync(40)
    expect(then).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(10)
    expect(then).toHaveBeenCalledOnce()

    const later = vi.fn()
    const cancel = afterFrames(3, later)
    await vi.advanceTimersByTimeAsync(20)
    cancel()
    await vi.advanceTimersByTimeAsync(500)
    expect(later).not.toHaveBeenCalled()
  })
})
