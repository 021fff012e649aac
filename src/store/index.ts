/** The app state: one zustand store of slices (trace, playback, scenario, prefs). */
export { useStore, resetStore } from './store'
export * from './selectors'
export {
  catalogueLoaded,
  curatedScenarios,
  findCurated,
  loadCatalogue,
  provideCatalogue,
} from './catalogue'
export type { Catalogue } from './catalogue'
export { SPEEDS, isSpeed, DEPTHS, PACINGS, THEMES } from './types'
export { MAX_WARMUPS } from './slices/trace'
export type {
  RoundtripState,
  Speed,
  Depth,
  Pacing,
  Motion,
  Theme,
  DetailTab,
  Setup,
  SendOptions,
} from './types'
export type { Transport } from './transport'
export {
  selectActiveLesson,
  selectLessonPhase,
  selectLessonScores,
  selectLessonActions,
  lessonLimit,
  selectRevealLimit,
  selectRevealedTrace,
  selectRevealedEvents,
  readLessonScores,
  LESSON_SCORES_KEY,
} from './slices/lessons'
export type { LessonAnswer, LessonScore, CompareSide, CompareSpec, CompareResult } from './types'
