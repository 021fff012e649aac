import type { FrameData, Process } from 'framer-motion'
import { describe, expect, it } from 'vitest'
import { tween } from './tween'

/** A frame loop driven by hand: `tick(ms)` runs every kept process with that timestamp. */
const handLoop = () => {
  const kept = new Set<Process>()
  const loop = {
    frame: {
      update: (process: Process, keepAlive?: boolean) => {
        if (keepAlive) kept.add(process)
        return process
      },
    },
    cancelFrame: (process: Process) => void kept.delete(process),
    // An easing the test can tell from linear.
    easeInOut: (share: number) => share * share,
  }
  const tick = (timestamp: number) => {
    for (const process of [...kept])
      process({ timestamp, delta: 16, isProcessing: true } as FrameData)
  }
  return { loop, tick, running: () => kept.size }
}

describe('tween', () => {
  it('eases from 0 to 1 over its duration, timed from its first frame, then stops', () => {
    const { loop, tick, running } = handLoop()
    const shares: number[] = []
    tween(loop, 0.2, (share) => shares.push(share))
    tick(1000)
    tick(1100)
    tick(1150)
    expect(running()).toBe(1)
    tick(1200)
    expect(shares).toEqual([0, 0.25, 0.5625, 1])
    expect(running()).toBe(0)
    tick(1300)
    expect(shares).toHaveLength(4)
  })

  it('lands exactly on 1 when a frame comes late', () => {
    const { loop, tick } = handLoop()
    const shares: number[] = []
    tween(loop, 0.1, (share) => shares.push(share))
    tick(0)
    tick(250)
    expect(shares.at(-1)).toBe(1)
  })

  it('stops where it is when stopped, and moves no more', () => {
    const { loop, tick, running } = handLoop()
    const shares: number[] = []
    const glide = tween(loop, 1, (share) => shares.push(share))
    tick(0)
    tick(500)
    glide.stop()
    tick(1000)
    expect(shares).toEqual([0, 0.25])
    expect(running()).toBe(0)
  })

  it('lands at once, without a frame, when the duration is zero', () => {
    const { loop, running } = handLoop()
    const shares: number[] = []
    tween(loop, 0, (share) => shares.push(share))
    expect(shares).toEqual([1])
    expect(running()).toBe(0)
  })
})
