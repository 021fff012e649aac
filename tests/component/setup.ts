import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach, vi } from 'vitest'
import { resetStore } from '../../src/store'
import { afterNextFrame } from '../../src/ui/common/afterNextFrame'

/**
 * Back to real timers without leaving jsdom's animation frames dead. jsdom runs
 * requestAnimationFrame callbacks on one interval, started with whatever setInterval is global
 * when the first of them is asked for: under the fake clock, a fake one. Dropped with the clock
 * while callbacks were still waiting, it never fires again, and every later frame in this jsdom
 * waits forever (the worker's next test files share it). So the page is unmounted, and the
 * frames it had asked for run on the fake clock, before the clock goes. `unmount` is Testing
 * Library's cleanup, or a fresh module registry's (panelState.test.tsx).
 */
export const endFakeClock = (unmount: () => void = cleanup) => {
  if (vi.isFakeTimers()) {
    unmount()
    vi.advanceTimersByTime(1000)
  }
  vi.useRealTimers()
}

/** Every test starts from a fresh store, a clean URL and real timers. */
export const useCleanApp = () => {
  beforeEach(() => {
    resetStore()
    window.history.replaceState(null, '', '/')
  })
  afterEach(() => {
    endFakeClock()
    vi.unstubAllGlobals()
    resetStore()
  })
}

/**
 * Fake timers that Testing Library can see: its async wrapper waits on a setTimeout(0) and only
 * advances fake clocks it recognises (Jest's), so expose Vitest's under that name.
 *
 * One real frame is let pass first. An animation frame asked for on the real clock (the frame
 * turns ask for one while a turn waits, and the last test's page may have left one asked for)
 * still fires on jsdom's real interval once the clock is fake: at some moment of real time, in
 * the middle of the fake clock's steps, and until it has fired the turns ask for no fake frame.
 * A pacing test failed that way on a loaded machine.
 */
export const useFakeClock = async () => {
  // Where an earlier file left jsdom's frames stopped, none comes: the turns' own wait for a frame
  // that does not come (100 ms) has then run out first.
  await new Promise<void>((resolve) => void afterNextFrame(resolve, 150))
  vi.useFakeTimers()
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) })
}
