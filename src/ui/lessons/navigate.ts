import { hashWithLesson, hashWithScenario, useStore } from '../../store'

/** Writes the address bar without a hashchange, so the page can be shared as it is. */
const rememberInUrl = (hash: string): void => {
  try {
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`)
  } catch {
    // Some sandboxed frames refuse history changes; what was chosen still opens.
  }
}

/** Opens a curated scenario outside any lesson, as `#scenario=<id>` says. */
export const openScenario = (id: string): void => {
  const store = useStore.getState()
  store.exitLesson()
  store.loadScenario(id)
  rememberInUrl(hashWithLesson(hashWithScenario(window.location.hash, id), null))
}

/** Starts a lesson from its first question and records it as `#lesson=<id>&scenario=…`. */
export const openLesson = (id: string): boolean => {
  if (!useStore.getState().startLesson(id)) return false
  rememberInUrl(hashWithLesson(window.location.hash, id))
  return true
}

/** Leaves the lesson; the scenario stays open as it is. */
export const leaveLesson = (): void => {
  useStore.getState().exitLesson()
  rememberInUrl(hashWithLesson(window.location.hash, null))
}
