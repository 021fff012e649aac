import './lessons.css'
import { Suspense, lazy, useCallback, useEffect, useId, useRef } from 'react'
import { useStore as useZustand } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { selectActiveLesson, useStore } from '../../store'
import { LessonDone, LessonHead } from './LessonParts'
import { leaveLesson } from './navigate'
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
      <LessonHead
        title={lesson.title}
        titleId={titleId}
        titleRef={titleRef}
        progress={
          done
            ? `${right} of ${total} right`
            : `question ${Math.min(index, total - 1) + 1} of ${total}`
        }
        onLeave={onLeave}
      />
      <p className="lesson-note">
        {lesson.goal} The questions are asked as the page loads. The journey here shows the first
        kind of request a page load makes, step by step: one HTML page.
      </p>
      {nudges > baseNudges && !done ? (
        <p className="lesson-nudge">Answer first: the questions wait in the page load.</p>
      ) : null}
      {done ? (
        <LessonDone lesson={lesson} right={right} total={total} />
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
