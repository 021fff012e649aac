import type { MotionValue } from 'framer-motion'
import { createContext, useContext } from 'react'

/**
 * The playhead's motion value, which PlayheadMotion makes once framer-motion has loaded (before
 * anything drawn with it renders: the motion parts render only then, below PlayheadMotion).
 */
export interface PlayheadHolder {
  value: MotionValue<number> | null
}

export const PlayheadContext = createContext<PlayheadHolder | null>(null)

/**
 * The playhead as a motion value (fractional while gliding). Use inside <PlayheadMotion>, in a
 * part drawn once framer-motion has loaded (the motion chunk, or a panel loaded with it).
 */
export const usePlayheadMotion = (): MotionValue<number> => {
  const holder = useContext(PlayheadContext)
  if (!holder) throw new Error('usePlayheadMotion needs <PlayheadMotion> above it (see App.tsx)')
  if (!holder.value) throw new Error('usePlayheadMotion: framer-motion has not loaded yet')
  return holder.value
}
