import { create } from 'zustand'
import { createCompareSlice } from './slices/compare'
import { createLessonsSlice } from './slices/lessons'
import { createPlaybackSlice } from './slices/playback'
import { createPrefsSlice } from './slices/prefs'
import { createPresentSlice } from './slices/present'
import { createScenarioSlice } from './slices/scenario'
import { createTraceSlice } from './slices/trace'
import type { RoundtripState } from './types'

/** The app's one store: trace, playback, scenario and prefs slices, actions beside their state. */
export const useStore = create<RoundtripState>()((...a) => ({
  ...createTraceSlice(...a),
  ...createPlaybackSlice(...a),
  ...createScenarioSlice(...a),
  ...createPrefsSlice(...a),
  ...createPresentSlice(...a),
  ...createLessonsSlice(...a),
  ...createCompareSlice(...a),
}))

const initialState = useStore.getState()

/** Puts the store back as it was at start-up (tests call this between cases). */
export const resetStore = (): void => useStore.setState(initialState, true)
