import { useSyncExternalStore } from 'react'
import { selectMotion, useStore } from '../../store'

const QUERY = '(prefers-reduced-motion: reduce)'

let cached: { from: unknown; list: MediaQueryList | null } | null = null

/**
 * One list for the page: each `matchMedia` call makes a new one, and every step's render reads
 * it. Kept with the function that made it, so a replaced `matchMedia` (a test's) is asked anew.
 */
const mediaQuery = (): MediaQueryList | null => {
  const from = typeof window !== 'undefined' ? window.matchMedia : undefined
  if (cached && cached.from === from) return cached.list
  cached = { from, list: typeof from === 'function' ? window.matchMedia(QUERY) : null }
  return cached.list
}

const subscribe = (onChange: () => void) => {
  const list = mediaQuery()
  list?.addEventListener?.('change', onChange)
  return () => list?.removeEventListener?.('change', onChange)
}

/** The operating system's "reduce motion" setting, live. */
const useSystemReducedMotion = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => mediaQuery()?.matches ?? false,
    () => false,
  )

/** Whether to replace travel with highlights: the in-app choice wins, "system" follows the OS. */
export const useMotionReduced = (): boolean => {
  const motion = useStore(selectMotion)
  const system = useSystemReducedMotion()
  return motion === 'reduce' || (motion === 'system' && system)
}
