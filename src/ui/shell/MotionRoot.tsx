import type { ReactNode } from 'react'
import { provideCatalogue } from '../../store'
import { fullCatalogue } from '../../store/fullCatalogue'
import { MotionScope } from '../playback/MotionScope'
import { provideMotion } from '../playback/motionLoader'
import * as motion from '../playback/motionModule'
import { AnimationRoot } from './AnimationRoot'

/**
 * The root of a page that reads a link as it boots (the embedded widget, src/embed/app.tsx, and
 * the component tests): every curated scenario and lesson, and framer-motion with the packet's
 * and the slider's motion parts, known before its first render. index.html's main.tsx uses
 * AnimationRoot and loads the catalogue and the motion parts after first paint instead
 * (src/store/catalogue.ts, src/ui/playback/motionLoader.ts).
 */
provideCatalogue(fullCatalogue)
provideMotion(motion)

export function MotionRoot({ children }: { children: ReactNode }) {
  return (
    <AnimationRoot>
      <MotionScope>{children}</MotionScope>
    </AnimationRoot>
  )
}
