import { useEffect, useSyncExternalStore } from 'react'
import { afterFirstPaint } from '../shell/afterFirstPaint'
import type * as MotionModuleExports from './motionModule'

/** framer-motion's `m` components and motion values, and the parts of the first screen that use them. */
export type MotionModule = typeof MotionModuleExports

let loaded: MotionModule | null = null
let pending: Promise<MotionModule> | null = null
const listeners = new Set<() => void>()

/**
 * Makes the motion parts available at once: a root that needs them from its first render (the
 * embedded widget and the component tests, through MotionRoot) imports the module itself.
 */
export const provideMotion = (motion: MotionModule): void => {
  if (loaded) return
  loaded = motion
  for (const listener of listeners) listener()
}

/**
 * The motion parts, loaded on demand (index.html: after first paint, or before its first render
 * when a link opens a trace) so framer-motion's `m` and motion values stay out of the first paint.
 */
export const loadMotion = (): Promise<MotionModule> =>
  (pending ??= import('./motionModule').then((motion) => {
    provideMotion(motion)
    return motion
  }))

/** The motion parts if they have loaded, else `null`. */
export const motionIfLoaded = (): MotionModule | null => loaded

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/**
 * The motion parts once they are here, `null` until then (and while a prerendered page hydrates:
 * the server drew the still versions). Starts loading them once the first frame is painted.
 */
export const useMotion = (): MotionModule | null => {
  const motion = useSyncExternalStore(subscribe, motionIfLoaded, () => null)
  useEffect(() => {
    if (!loaded)
      void afterFirstPaint()
        .then(loadMotion)
        .catch(() => {})
  }, [])
  return motion
}
