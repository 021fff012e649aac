import type { FrameData, Process } from 'framer-motion'

/** framer-motion's frame loop and easing, as the motion chunk passes them in (motionModule.ts). */
export interface FrameLoop {
  readonly frame: { update(process: Process, keepAlive?: boolean): Process }
  readonly cancelFrame: (process: Process) => void
  readonly easeInOut: (share: number) => number
}

export interface Tween {
  stop(): void
}

/**
 * Eases a share from 0 to 1 over `seconds`, calling `onUpdate` in the update step of each of
 * framer-motion's frames (so the motion values it sets are drawn in that same frame).
 *
 * The playhead glides on every step. framer-motion's `animate()` resolves keyframes, picks a
 * driver and builds an animation object for each one, which under 4× CPU throttling cost about
 * 2 ms of the step's commit, and 8 ms on the first step after Play while it warmed up. This is a
 * clock and a curve: nothing to resolve. A zero duration lands at once.
 */
export const tween = (
  loop: FrameLoop,
  seconds: number,
  onUpdate: (share: number) => void,
): Tween => {
  if (!(seconds > 0)) {
    onUpdate(1)
    return { stop: () => {} }
  }
  let start: number | null = null
  const tick = ({ timestamp }: FrameData) => {
    start ??= timestamp
    const t = Math.min(1, (timestamp - start) / (seconds * 1000))
    onUpdate(t >= 1 ? 1 : loop.easeInOut(t))
    if (t >= 1) loop.cancelFrame(tick)
  }
  loop.frame.update(tick, true)
  return { stop: () => loop.cancelFrame(tick) }
}
