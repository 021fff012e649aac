import { useEffect } from 'react'
import { lessonFromHash, selectActiveLesson, useStore } from '../../store'
import { openLesson } from './navigate'

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
    return () => window.removeEventListener('hashchange', apply)
  }, [])
}
