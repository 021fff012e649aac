import type { MotionValue } from 'framer-motion'
import { animate, useMotionValue } from 'framer-motion'
import type { ReactNode } from 'react'
import { createContext, useContext, useLayoutEffect, useRef } from 'react'
import type { Trace } from '../../engine'
import { selectPlayhead, selectTrace, useStore } from '../../store'
import { glideSeconds } from './pacing'
import { useMotionReduced } from './useMotionReduced'

const PlayheadContext = createContext<MotionValue<number> | null>(null)

/**
 * The one motion value every animation reads: the playhead as a continuous event index. The
 * store holds whole steps; this value glides between them, so the packet, the trail and the
 * scrubber move on the compositor without a React render per frame.
 */
export function PlayheadMotion({ children }: { children: ReactNode }) {
  const value = useMotionValue(useStore.getState().playhead)
  const playhead = useStore(selectPlayhead)
  const trace = useStore(selectTrace)
  const reduced = useMotionReduced()
  const shown = useRef<Trace | null>(trace)

  // A layout effect: it runs after the journey has measured its new layout (children first).
  useLayoutEffect(() => {
    // A new trace (or none) starts where it stands, without gliding from the old one.
    if (shown.current !== trace || reduced || !trace) {
      shown.current = trace
      value.jump(playhead)
      return
    }
    const from = value.get()
    if (Math.abs(from - playhead) < 0.001) return
    const { pacing, speed } = useStore.getState()
    const controls = animate(value, playhead, {
      duration: glideSeconds(trace.events, from, playhead, pacing, speed),
      ease: 'easeInOut',
    })
    // Stepping again mid-glide retargets from wherever the packet is now.
    return () => controls.stop()
  }, [value, playhead, trace, reduced])

  return <PlayheadContext.Provider value={value}>{children}</PlayheadContext.Provider>
}

/** The playhead as a motion value (fractional while gliding). Use inside <PlayheadMotion>. */
export const usePlayheadMotion = (): MotionValue<number> => {
  const value = useContext(PlayheadContext)
  if (!value) throw new Error('usePlayheadMotion needs <PlayheadMotion> above it (see App.tsx)')
  return value
}
