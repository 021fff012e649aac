import type { MotionValue } from 'framer-motion'
import type { ReactNode } from 'react'
import { useLayoutEffect, useRef, useState } from 'react'
import type { Trace, TraceEvent } from '../../engine'
import { selectPlayhead, selectTrace, useStore } from '../../store'
import { depthOf, groupOf } from '../model/groups'
import type { MotionModule } from './motionLoader'
import { useMotion } from './motionLoader'
import type { PlayheadHolder } from './playheadValue'
import { PlayheadContext } from './playheadValue'
import { glideSeconds } from './pacing'
import { tween } from './tween'
import { useMotionReduced } from './useMotionReduced'

/**
 * How far the packet moves from each step to the next, roughly: bands crossed, plus a little
 * for changing track. Steps inside one band weigh nothing: a jump glides past them at an even
 * speed instead of pausing on every DNS query.
 */
const stepWeights = (events: readonly TraceEvent[]): number[] =>
  events.slice(1).map((event, i) => {
    const before = events[i]!
    const bands = Math.abs(depthOf(groupOf(event.layer)) - depthOf(groupOf(before.layer)))
    return bands + (event.direction === before.direction ? 0 : 0.6)
  })

/** The fractional step at which `share` of the way from `from` to `to` has been travelled. */
export const stepAtShare = (
  weights: readonly number[],
  from: number,
  to: number,
  share: number,
) => {
  // The ends are exact: steps of zero weight after the last band crossed must not strand the glide.
  if (share >= 1) return to
  if (share <= 0) return from
  const forward = to >= from
  const [lo, hi] = forward ? [from, to] : [to, from]
  const path = weights.slice(Math.floor(lo), Math.ceil(hi))
  const total = path.reduce((sum, w) => sum + w, 0)
  if (total === 0) return from + (to - from) * share
  let left = (forward ? share : 1 - share) * total
  for (let i = 0; i < path.length; i++) {
    const w = path[i]!
    if (left <= w && w > 0) return Math.floor(lo) + i + left / w
    left -= w
  }
  return hi
}

/** The holder's value, made at the store's playhead if it is not there yet. */
const valueOf = (holder: PlayheadHolder, motion: MotionModule): MotionValue<number> =>
  (holder.value ??= motion.motionValue(useStore.getState().playhead))

/**
 * The one motion value every animation reads: the playhead as a continuous event index. The
 * store holds whole steps; this value glides between them, so the packet, the trail and the
 * scrubber move on the compositor without a React render per frame. It exists once
 * framer-motion has loaded (after first paint): until then nothing moves and the packet and the
 * slider are drawn where the playhead rests.
 */
export function PlayheadMotion({ children }: { children: ReactNode }) {
  const [holder] = useState<PlayheadHolder>(() => ({ value: null }))
  const motion = useMotion()
  // Made here, before the parts below that read it render with the motion parts.
  if (motion) valueOf(holder, motion)
  const playhead = useStore(selectPlayhead)
  const trace = useStore(selectTrace)
  const reduced = useMotionReduced()
  const shown = useRef<Trace | null>(trace)

  // A layout effect: it runs after the journey has measured its new layout (children first).
  useLayoutEffect(() => {
    if (!motion) return
    const value = valueOf(holder, motion)
    // A new trace (or none) starts where it stands, without gliding from the old one.
    if (shown.current !== trace || reduced || !trace) {
      shown.current = trace
      value.jump(playhead)
      return
    }
    const from = value.get()
    if (Math.abs(from - playhead) < 0.001) return
    const { pacing, speed } = useStore.getState()
    const duration = glideSeconds(trace.events, from, playhead, pacing, speed)
    // One step glides directly; a longer jump travels at an even speed along the bands it crosses.
    const weights = Math.abs(playhead - from) > 1.001 ? stepWeights(trace.events) : null
    const glide = tween(motion, duration, (share) =>
      value.set(
        weights ? stepAtShare(weights, from, playhead, share) : from + (playhead - from) * share,
      ),
    )
    // Stepping again mid-glide retargets from wherever the packet is now.
    return () => glide.stop()
  }, [holder, motion, playhead, trace, reduced])

  return <PlayheadContext.Provider value={holder}>{children}</PlayheadContext.Provider>
}

export { usePlayheadMotion } from './playheadValue'
