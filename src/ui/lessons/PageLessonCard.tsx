import './lessons.css'
import { Suspense, lazy, useCallback, useEffect, useId, useRef } from 'react'
import { useStore as useZustand } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { lessons } from '../../engine'
import { selectActiveLesson, useStore } from '../../store'
import { leaveLesson, openLesson } from './navigate'
import { pagePlayhead, resetPagePlayhead } from './pageLesson'

const PageLessonDialog = lazy(() => import('./PageLessonDialog'))

/**
 * A page lesson beside the narration: what it is about, the button that opens its page load (it
 * opens by itself when the lesson starts), the progress, and the score at the end. The questions
 * are asked in the page load's dialog, at its moments.
 */
export default function PageLessonCard() {
  const lesson = useStore(selectActiveLesson)
  const { index, results, nudges } = useStore(
    useShallow((s) => ({
      index: s.lessonCheckpoint,
      results: s.lessonResults,
      nudges: s.lessonNudges,
    })),
  )
  const open = useZustand(pagePlayhead, (s) => s.open)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()

  // A new run (the lesson opened, or "Try again") starts the page load from its first step.
  const runKey = `${lesson?.id}:${results.length === 0 && index === 0}`
  useEffect(() => {
    if (lesson && results.length === 0 && index === 0) resetPagePlayhead(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new run resets the playhead
  }, [runKey])

  // The request behind the lesson stopped short of its end: the questions wait in the page load.
  const baseNudges = useRef(nudges).current
  const close = useCallback(() => pagePlayhead.setState({ open: false, playing: false }), [])
  // The dialog closed: the focus comes back to the button that opens it again.
  const wasOpen = useRef(open)
  useEffect(() => {
    if (wasOpen.current && !open) (openRef.current ?? titleRef.current)?.focus()
    wasOpen.current = open
  }, [open])

  if (!lesson?.page) return null
  const total = lesson.checkpoints.length
  const right = results.filter(Boolean).length
  const done = results.length >= total && index >= total
  const next = lessons[(lessons.findIndex((l) => l.id === lesson.id) + 1) % lessons.length]!

  const onLeave = () => {
    document.querySelector<HTMLElement>('.library-button')?.focus()
    pagePlayhead.setState({ open: false, playing: false })
    leaveLesson()
  }

  return (
    <section
      className="lesson-card"
      aria-labelledby={titleId}
      data-phase={done ? 'complete' : 'page'}
      data-space="native"
    >
      <div className="lesson-head">
        <p className="lesson-kicker">
          Lesson
          <span aria-hidden="true"> · </span>
          <span className="sr-only">, </span>
          {done
            ? `${right} of ${total} right`
            : `question ${Math.min(index, total - 1) + 1} of ${total}`}
        </p>
        <button type="button" className="button lesson-exit" onClick={onLeave}>
          Leave lesson
        </button>
        <h2 id={titleId} ref={titleRef} tabIndex={-1} className="lesson-title">
          {lesson.title}
        </h2>
      </div>
      <p className="lesson-note">
        {lesson.goal} The questions are asked as the page loads. The journey here shows the first
        kind of request a page load makes, step by step: one HTML page.
      </p>
      {nudges > baseNudges && !done ? (
        <p className="lesson-nudge">Answer first: the questions wait in the page load.</p>
      ) : null}
      {done ? (
        <div className="lesson-done">
          <p className="lesson-score">
            Lesson complete: {right} of {total} right.
          </p>
          <div className="lesson-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => openLesson(next.id)}
            >
              Next lesson: {next.title}
            </button>
            <button type="button" className="button" onClick={() => openLesson(lesson.id)}>
              Try again
            </button>
          </div>
        </div>
      ) : (
        <div className="lesson-actions">
          <button
            ref={openRef}
            type="button"
            className="button button-primary"
            aria-haspopup="dialog"
            onClick={() => pagePlayhead.setState({ open: true })}
          >
            {index === 0 && results.length === 0 ? 'Open the page load' : 'Back to the page load'}
          </button>
        </div>
      )}
      {open ? (
        <Suspense fallback={null}>
          <PageLessonDialog lesson={lesson} onClose={close} />
        </Suspense>
      ) : null}
    </section>
  )
}
