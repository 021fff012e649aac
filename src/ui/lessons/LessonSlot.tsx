import { Suspense, lazy } from 'react'
import { selectActiveLesson, useStore } from '../../store'

// Most visits never open a lesson: the card is its own chunk, loaded when one starts.
const LessonCard = lazy(() => import('./LessonCard'))

/** Where the lesson card goes (beside the narration); nothing without an active lesson. */
export function LessonSlot() {
  const active = useStore((s) => selectActiveLesson(s) !== null)
  if (!active) return null
  return (
    <Suspense fallback={null}>
      <LessonCard />
    </Suspense>
  )
}
