import { afterEach, beforeEach, vi } from 'vitest'
import { resetStore } from '../../src/store'

/** Every test starts from a fresh store, a clean URL and real timers. */
export const useCleanApp = () => {
  beforeEach(() => {
    resetStore()
    window.history.replaceState(null, '', '/')
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    resetStore()
  })
}

/**
 * Fake timers that Testing Library can see: its async wrapper waits on a setTimeout(0) and only
 * advances fake clocks it recognises (Jest's), so expose Vitest's under that name.
 */
export const useFakeClock = () => {
  vi.useFakeTimers()
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) })
}
