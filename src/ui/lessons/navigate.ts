import { useStore } from '../../store'

// The address follows what opens here (src/link/sync.ts writes `#scenario=…` or `#lesson=…`).

/** Opens a curated scenario outside any lesson. */
export const openScenario = (id: string): void => {
  const store = useStore.getState()
  store.exitLesson()
  store.loadScenario(id)
}

/** Starts a lesson from its first question (the link becomes `#scenario=…&lesson=<id>`). */
export const openLesson = (id: string): boolean => useStore.getState().startLesson(id)

/** Leaves the lesson; the scenario stays open as it is. */
export const leaveLesson = (): void => {
  useStore.getState().exitLesson()
}
