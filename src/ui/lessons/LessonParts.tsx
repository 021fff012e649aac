import type { Ref } from 'react'
import type { Lesson } from '../../engine'
import { lessons } from '../../engine'
import { openLesson } from './navigate'

/** The lesson after this one in the library's order (the first after the last). */
export const nextLessonOf = (lesson: Lesson): Lesson => {
  const i = lessons.findIndex((l) => l.id === lesson.id)
  return lessons[(i + 1) % lessons.length]!
}

interface LessonHeadProps {
  readonly title: string
  readonly titleId: string
  /** The title takes focus when the lesson opens (it is focusable for that). */
  readonly titleRef: Ref<HTMLHeadingElement>
  /** After "Lesson ·": the question it is at, or the score. */
  readonly progress: string
  readonly onLeave: () => void
}

/** A lesson card's head: where the lesson is, "Leave lesson", and its title. */
export function LessonHead({ title, titleId, titleRef, progress, onLeave }: LessonHeadProps) {
  return (
    <div className="lesson-head">
      <p className="lesson-kicker">
        Lesson
        <span aria-hidden="true"> · </span>
        <span className="sr-only">, </span>
        {progress}
      </p>
      <button type="button" className="button lesson-exit" onClick={onLeave}>
        Leave lesson
      </button>
      <h2 id={titleId} ref={titleRef} tabIndex={-1} className="lesson-title">
        {title}
      </h2>
    </div>
  )
}

interface LessonDoneProps {
  readonly lesson: Lesson
  readonly right: number
  readonly total: number
  /** Given, the score takes focus when the lesson ends (it is then focusable). */
  readonly scoreRef?: Ref<HTMLParagraphElement>
  /** Runs before the next lesson opens (the page lesson's dialog closes). */
  readonly beforeNext?: () => void
}

/** A finished lesson: the score, the next lesson, and "Try again". */
export function LessonDone({ lesson, right, total, scoreRef, beforeNext }: LessonDoneProps) {
  const next = nextLessonOf(lesson)
  return (
    <div className="lesson-done">
      <p ref={scoreRef} tabIndex={scoreRef ? -1 : undefined} className="lesson-score">
        Lesson complete: {right} of {total} right.
      </p>
      <div className="lesson-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            beforeNext?.()
            openLesson(next.id)
          }}
        >
          Next lesson: {next.title}
        </button>
        <button type="button" className="button" onClick={() => openLesson(lesson.id)}>
          Try again
        </button>
      </div>
    </div>
  )
}
