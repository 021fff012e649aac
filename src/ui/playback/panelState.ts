import { useSyncExternalStore } from 'react'
import type { RoundtripState } from '../../store'
import { useStore } from '../../store'
import { takeTurn } from './frameTurns'
import { isPlaybackChange } from './playStep'

/**
 * The app's state as the reading panels beside the journey show it (Explain, Inspector,
 * Timeline, Code, Network).
 *
 * While playing, a change reaches the panels in a frame of their own (their turn, frameTurns.ts):
 * after the step's frame (the step line, the controls, the packet's start) and the bands' it
 * enters and leaves (useStaggered.ts), before the current band unfolds and the rest of the
 * bands follow. Together, under 4× CPU throttling, a step's render and the style, layout and
 * paint of the bands' and the panels' new words overran a frame; apart, each fits. Two or three
 * frames are about 50 ms, which no one reading the panel can see. The last step of a play waits
 * the same way (it is still playback's, though the store has stopped playing). Paused, or
 * stepping by hand, the panels change in the same render as the journey.
 *
 * It is the store's own state, only later: the panels still derive everything from the trace and
 * the playhead, through the store's selectors.
 */
let shown: RoundtripState = useStore.getState()
const listeners = new Set<() => void>()
let waiting: (() => void) | null = null

const publish = () => {
  shown = useStore.getState()
  for (const listener of listeners) listener()
}

useStore.subscribe((state, before) => {
  if (!isPlaybackChange(state, before) || typeof requestAnimationFrame !== 'function') {
    waiting?.()
    waiting = null
    publish()
    return
  }
  // Already waiting: the panels get the newest state when the wait ends.
  if (waiting) return
  waiting = takeTurn(() => {
    waiting = null
    publish()
  }, 'panels')
})

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Like `useStore(selector)`, for a reading panel: the selector must return a stable value. */
export const usePanelState = <T>(selector: (state: RoundtripState) => T): T =>
  useSyncExternalStore(
    subscribe,
    () => selector(shown),
    () => selector(shown),
  )
