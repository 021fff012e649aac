import { useSyncExternalStore } from 'react'
import { selectMotion, useStore } from '../../store'

const QUERY = '(prefers-reduced-motion: reduce)'

const mediaQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(QUERY)
    : null

const subscribe = (onChange: () => void) => {
  const query = mediaQuery()
  query?.addEventListener?.('change', onChange)
  return () => query?.removeEventListener?.('change', onChange)
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
