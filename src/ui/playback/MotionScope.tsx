import { LazyMotion, MotionConfig, domAnimation } from 'framer-motion'
import type { ReactNode } from 'react'
import { selectMotion, useStore } from '../../store'

const REDUCED_MOTION = { system: 'user', reduce: 'always', full: 'never' } as const

/**
 * Animation set-up for `m` components: only the DOM animation features, and reduced motion as
 * the in-app choice says (by default, as the system says). In the motion chunk (motionModule.ts),
 * never in the first paint: each part drawn with framer-motion sits in one (the packet, the
 * slider, the Network panel), and MotionRoot puts one around a whole widget or test.
 */
export function MotionScope({ children }: { children: ReactNode }) {
  const motion = useStore(selectMotion)
  return (
    <MotionConfig reducedMotion={REDUCED_MOTION[motion]}>
      <LazyMotion features={domAnimation} strict>
        {children}
      </LazyMotion>
    </MotionConfig>
  )
}
