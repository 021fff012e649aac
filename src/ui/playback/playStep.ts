import { useSyncExternalStore } from 'react'
import type { RoundtripState } from '../../store'
import { useStore } from '../../store'

/**
 * Whether a change of the app's state is playback's own: a step while playing, or the step that
 * ends a play (the store stops playing in the same change that takes the last step, so
 * `playing` alone calls the last step a hand's). Anything else (a key, a click, the slider) is
 * the user's, and is drawn at once and whole.
 */
export const isPlaybackChange = (state: RoundtripState, before: RoundtripState): boolean =>
  state.playing ||
  (before.playing && state.trace === before.trace && state.playhead === before.playhead + 1)

let fromPlay = useStore.getState().playing
const listeners = new Set<() => void>()

useStore.subscribe((state, before) => {
  const now = isPlaybackChange(state, before)
  if (now === fromPlay) return
  fromPlay = now
  for (const listener of listeners) listener()
})

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

const snapshot = () => fromPlay

/** True while the journey is drawing playback's steps (see `isPlaybackChange`). */
export const usePlaybackSteps = (): boolean =>
  useSyncExternalStore(subscribe, snapshot, () => false)
