import type { Checkpoint, CuratedScenario, Lesson, Trace } from '../engine'
import { DEFAULT_SCENARIO_ID, basicScenarios } from '../engine/scenarios/basics'

/** The curated scenarios and lessons, and how an answer is checked (src/engine/scenarios). */
export interface Catalogue {
  readonly scenarios: readonly CuratedScenario[]
  readonly lessons: readonly Lesson[]
  readonly isCorrect: (checkpoint: Checkpoint, trace: Trace, value: string | number) => boolean
}

/**
 * The catalogue (58 scenarios, 17 lessons: about 10 kB gzipped with what their modules import)
 * is not needed to draw the first screen, which shows the default scenario. index.html loads it
 * just after first paint, or before it when the address has a link to open (main.tsx); roots
 * that read links at once (the embedded widget, tests) provide it before their first render.
 * Until then only the walking-skeleton pair is known.
 */
let full: Catalogue | null = null
export { DEFAULT_SCENARIO_ID }
let loading: Promise<Catalogue> | null = null
const listeners = new Set<() => void>()

/** `true` once the whole catalogue is here. */
export const catalogueLoaded = (): boolean => full !== null

/** Makes the whole catalogue known (once); the store re-renders what reads it. */
export const provideCatalogue = (catalogue: Catalogue): void => {
  if (full) return
  full = catalogue
  loading = Promise.resolve(catalogue)
  for (const listener of listeners) listener()
}

/** Loads the whole catalogue (its own chunk), once. */
export const loadCatalogue = (): Promise<Catalogue> =>
  (loading ??= import('./fullCatalogue').then(({ fullCatalogue }) => {
    provideCatalogue(fullCatalogue)
    return fullCatalogue
  }))

/** Calls `listener` when the whole catalogue arrives; returns the unsubscribe. */
export const onCatalogue = (listener: () => void): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The curated scenarios known so far, in the picker's order. */
export const curatedScenarios = (): readonly CuratedScenario[] => full?.scenarios ?? basicScenarios

export const findCurated = (id: string): CuratedScenario | undefined =>
  curatedScenarios().find((s) => s.id === id)

/** The scenario `id` names, else the default one. */
export const curatedOrDefault = (id: string): CuratedScenario =>
  findCurated(id) ?? findCurated(DEFAULT_SCENARIO_ID) ?? curatedScenarios()[0]!

export const findCuratedLesson = (id: string): Lesson | undefined =>
  full?.lessons.find((l) => l.id === id)

/** Whether `value` answers `checkpoint` for `trace` (only asked during a lesson, so loaded). */
export const answerIsCorrect = (
  checkpoint: Checkpoint,
  trace: Trace,
  value: string | number,
): boolean => full?.isCorrect(checkpoint, trace, value) ?? false
