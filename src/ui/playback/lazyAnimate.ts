import type { animate as Animate } from 'framer-motion'

type AnimateFn = typeof Animate

let loaded: AnimateFn | null = null
let pending: Promise<AnimateFn> | null = null

/**
 * framer-motion's `animate()`, loaded on demand so it stays out of the first paint. The first
 * glide can only follow a trace (Send, after the transport has loaded), so by then it is here.
 */
export const loadAnimate = (): Promise<AnimateFn> =>
  (pending ??= import('./animateModule').then((m) => (loaded = m.animate)))

/** `animate()` if it has loaded, else `null` (and it starts loading). */
export const animateIfLoaded = (): AnimateFn | null => {
  if (!loaded) void loadAnimate()
  return loaded
}
