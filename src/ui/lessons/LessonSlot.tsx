import { Suspense, lazy } from 'react'
import { selectActiveLesson, useStore } from '../../store'

// Most visits never open a lesson: the card is its own chunk, loaded when one starts.
const LessonCard = lazy(() => import('./LessonCard'))
// A page lesson asks its questions in a page load, with the page view's pieces: its own chunk.
const PageLessonCard = lazy(() => import('./PageLessonCard'))

/** Where the lesson card goes (beside the narration); nothing without an active lesson. */
export function LessonSlot() {
  const kind = useStore((s) => {
    const lesson = selectActiveLesson(s)
    return lesson ? (lesson.page ? 'page' : 'request') : null
  })
  if (!kind) return null
  return (
    <Suspense fallback={null}>{kind === 'page' ? <PageLessonCard /> : <LessonCard />}</Suspense>
  )
}
