import { useEffect } from 'react'
import { lessonFromHash, selectActiveLesson, useStore } from '../../store'
import { leaveLesson, openLesson } from './navigate'

/**
 * Opens the lesson a hash names (`#lesson=<id>`). One small function, so the embed codec can hand
 * it a hash too. A lesson already running keeps its progress (our own hash writes echo back).
 */
export const applyLessonHash = (hash: string): void => {
  const { id, notice } = lessonFromHash(hash)
  const store = useStore.getState()
  if (notice) store.setScenarioNotice(notice)
  if (!id || (store.lessonId === id && selectActiveLesson(store))) return
  openLesson(id)
}

/** Keeps the lesson in step with the URL: on start and whenever the hash changes. */
export const useLessonHash = (): void => {
  useEffect(() => {
    const apply = () => applyLessonHash(window.location.hash)
    apply()
    window.addEventListener('hashchange', apply)
    // Another scenario opened, or the app or request edited: the lesson is over, and its link too.
    const unsubscribe = useStore.subscribe((s) => {
      if (s.lessonId && !selectActiveLesson(s)) leaveLesson()
    })
    return () => {
      window.removeEventListener('hashchange', apply)
      unsubscribe()
    }
  }, [])
}
