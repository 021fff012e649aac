import type { ReactNode } from 'react'

/**
 * index.html's root around the app. framer-motion is not part of the first paint: the parts that
 * animate (the packet, the slider, the Network panel's arrows) load it after first paint and set
 * it up around themselves (playback/MotionScope.tsx, motionLoader.ts); until then they are drawn
 * where the playhead rests. MotionRoot is this with framer-motion set up at once.
 */
export function AnimationRoot({ children }: { children: ReactNode }) {
  return children
}
