import { useEffect } from 'react'
import { selectActiveLesson, useStore } from '../../store'
import { leaveLesson } from './navigate'

/**
 * Ends the lesson when its journey is gone: another scenario opened, or the app or request edited.
 * The `lesson` key of the link is read and written with the others, in src/link (a link's lesson
 * opens on start and on a hash change; the address drops the key once the lesson is over).
 */
export const useLessonHash = (): void => {
  useEffect(
    () =>
      useStore.subscribe((s) => {
        if (s.lessonId && !selectActiveLesson(s)) leaveLesson()
      }),
    [],
  )
}
