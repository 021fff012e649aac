import { LazyMotion, MotionConfig } from 'framer-motion'
import type { ReactNode } from 'react'
import { selectMotion, useStore } from '../../store'

/** The DOM animation features arrive after first paint; `m` components render at rest till then. */
const loadFeatures = () => import('./motionFeatures').then((m) => m.default)

const REDUCED_MOTION = { system: 'user', reduce: 'always', full: 'never' } as const

/**
 * Animation set-up for the whole app: only the DOM animation features, loaded after first paint
 * (the `m` components stay small), and reduced motion as the in-app choice says (by default, as the system says).
 */
export function AnimationRoot({ children }: { children: ReactNode }) {
  const motion = useStore(selectMotion)
  return (
    <MotionConfig reducedMotion={REDUCED_MOTION[motion]}>
      <LazyMotion features={loadFeatures} strict>
        {children}
      </LazyMotion>
    </MotionConfig>
  )
}
