import { create } from 'zustand'
import { catalogueLoaded, onCatalogue } from './catalogue'
import { createCompareSlice } from './slices/compare'
import { createLessonsSlice, readLessonScores } from './slices/lessons'
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

let initialState = useStore.getState()

// The whole catalogue arrives after first paint (catalogue.ts): what reads it renders again, and
// the saved lesson scores, kept only for lessons that exist, are read now that lessons do.
onCatalogue(() => {
  const arrived = { catalogueReady: true, lessonScores: readLessonScores() }
  initialState = { ...initialState, ...arrived }
  useStore.setState(arrived)
})

/** Puts the store back as it was at start-up (tests call this between cases). */
export const resetStore = (): void =>
  useStore.setState({ ...initialState, catalogueReady: catalogueLoaded() }, true)
