import '../page/page.css'
import './lessons.css'
import { useCallback, useEffect, useId, useMemo, useRef } from 'react'
import { useStore as useZustand } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { Lesson } from '../../engine'
import { lessonPageTrace, pageTextOf } from '../../engine'
import { useStore } from '../../store'
import { ModalDialog } from '../controls/ModalDialog'
import { formatMs } from '../format'
import { Legend } from '../page/Axis'
import { PagePreview } from '../page/PagePreview'
import { Waterfall } from '../page/Waterfall'
import { openJourney } from '../page/openJourney'
import { usePageStepKeys } from '../page/usePageStepKeys'
import { Question, Reveal } from './LessonCard'
import { LessonDone } from './LessonParts'
import { explainAt } from './pageExplain'
import {
  answerPageCheckpoint,
  continuePageLesson,
  goToStep,
  nextPart,
  pageLessonView,
  pagePlayhead,
  planOf,
  previewCovered,
  revealedPage,
} from './pageLesson'

/** Wall-clock pause between steps while playing (the Page load view's pace is 450 ms). */
const PLAY_MS = 300

interface Props {
  readonly lesson: Lesson
  readonly onClose: () => void
}

/**
 * A page lesson in a dialog: the page load it plays (the page being built, its waterfall, what
 * is happening explained), stopping at each question until it is answered, then playing on to
 * show why. The keys are the journey's: Space plays, → and ← step, Home and End.
 */
export default function PageLessonDialog({ lesson, onClose }: Props) {
  const plan = planOf(lesson)!
  const head = useZustand(
    pagePlayhead,
    useShallow((s) => ({ part: s.part, step: s.step, playing: s.playing, nudges: s.nudges })),
  )
  const progress = useStore(
    useShallow((s) => ({
      lessonCheckpoint: s.lessonCheckpoint,
      lessonAnswer: s.lessonAnswer,
      lessonResults: s.lessonResults,
    })),
  )
  const view = pageLessonView(plan, progress, head)
  const { page, steps, last, limit, phase, checkpoint } = view
  const part = Math.min(head.part, plan.parts.length - 1)
  const at = Math.min(head.step, limit)
  const step = steps[at]!
  const time = step.at + 1e-6
  const span = page.end * 1.02
  const total = plan.checkpoints.length
  const index = progress.lessonCheckpoint
  const right = progress.lessonResults.filter(Boolean).length
  const since = at > 0 ? steps[at - 1]!.at + 1e-6 : -Infinity
  const explained = useMemo(() => explainAt(page, time, since), [page, time, since])
  const shown = useMemo(() => revealedPage(page, time), [page, time])
  const covered = previewCovered(plan, progress, part, time)
  // The adapters in `lesson.checkpoints` read the page themselves; any trace of the page will do.
  const anyTrace = lessonPageTrace(plan.parts[0]!).requests[0]!.trace

  // "Answer first" shows once a step, End or Play was refused at this question.
  const nudgedAt = useRef({ index, nudges: head.nudges })
  if (nudgedAt.current.index !== index) nudgedAt.current = { index, nudges: head.nudges }
  const nudged = phase === 'asking' && head.nudges > nudgedAt.current.nudges

  // Playback: one step at a time up to the question (or the end), never past it.
  useEffect(() => {
    if (!head.playing) return
    if (at >= limit) {
      pagePlayhead.setState({ playing: false })
      return
    }
    const timer = window.setTimeout(() => pagePlayhead.setState({ step: at + 1 }), PLAY_MS)
    return () => window.clearTimeout(timer)
  }, [head.playing, at, limit])

  const togglePlay = useCallback(() => {
    const s = pagePlayhead.getState()
    if (phase === 'asking') return pagePlayhead.setState({ nudges: s.nudges + 1 })
    if (phase === 'revealed') return continuePageLesson()
    if (phase === 'part-done') return nextPart(plan)
    if (phase === 'complete') return
    pagePlayhead.setState({ playing: !s.playing })
  }, [phase, plan])

  const onKeyDown = usePageStepKeys({
    forward: () => (phase === 'revealed' ? continuePageLesson() : goToStep(plan, at + 1)),
    back: () => goToStep(plan, at - 1),
    first: () => goToStep(plan, 0),
    last: () => goToStep(plan, last),
    togglePlay,
  })

  const openRequest = useCallback(
    (id: string) => {
      const request = page.requests.find((r) => r.id === id)
      if (!request) return
      openJourney(request, plan.parts[part]!.input.scenario)
      onClose()
    },
    [page, part, plan, onClose],
  )

  const explainId = useId()
  const continueRef = useRef<HTMLButtonElement>(null)
  const partRef = useRef<HTMLButtonElement>(null)
  const scoreRef = useRef<HTMLParagraphElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // The button pressed has gone: the focus stays in the lesson, where the keys work.
    const lost = !bodyRef.current?.contains(document.activeElement)
    if (phase === 'revealed') continueRef.current?.focus()
    else if (phase === 'watching' && lost) bodyRef.current?.focus()
    else if (phase === 'part-done') partRef.current?.focus()
    else if (phase === 'complete') scoreRef.current?.focus()
  }, [phase])

  const adapter = checkpoint ? lesson.checkpoints[plan.checkpoints.indexOf(checkpoint)] : undefined

  return (
    <ModalDialog
      title={`Lesson: ${lesson.title}`}
      className="dialog pl-dialog page-lesson-dialog"
      onClose={onClose}
      initialFocus={bodyRef}
      ownsKeys
    >
      {/* The keys work anywhere in the lesson, as in the Page load view. */}
      <div
        ref={bodyRef}
        tabIndex={-1}
        className="page-lesson"
        onKeyDown={onKeyDown}
        data-phase={phase}
      >
        <p className="lesson-kicker">
          Part {part + 1} of {plan.parts.length}: {plan.parts[part]!.title}
          <span aria-hidden="true"> · </span>
          <span className="sr-only">, </span>
          {index < total ? `question ${index + 1} of ${total}` : `${right} of ${total} right`}
        </p>
        <p className="lesson-note">{pageTextOf(plan.parts[part]!.intro, page)}</p>

        <div className="pl-playback page-lesson-playback">
          <button
            type="button"
            className="button"
            onClick={() => goToStep(plan, 0)}
            disabled={at === 0}
          >
            Restart
          </button>
          <button
            type="button"
            className="button"
            onClick={() => goToStep(plan, at - 1)}
            disabled={at === 0}
          >
            Step back
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={togglePlay}
            aria-disabled={phase === 'asking' || phase === 'complete' || undefined}
          >
            {head.playing ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => (phase === 'revealed' ? continuePageLesson() : goToStep(plan, at + 1))}
            aria-disabled={
              (phase === 'asking' || at >= last) && phase !== 'revealed' ? true : undefined
            }
          >
            Step forward
          </button>
          <span className="pl-clock">
            {formatMs(step.at)} <span className="pl-note">simulated</span>
          </span>
        </div>
        <p className="pl-status" role="status">
          Step {at + 1} of {steps.length}: {step.text}
        </p>

        <div className="page-lesson-split">
          <div className="page-lesson-page">
            {covered ? (
              <figure className="pl-preview page-lesson-covered">
                <figcaption className="pl-preview-caption">
                  <strong>The page</strong>{' '}
                  <span>hidden until you have answered: it would give the answer away</span>
                </figcaption>
              </figure>
            ) : (
              <PagePreview page={page} time={time} />
            )}
            <section className="page-lesson-explain" aria-labelledby={`${explainId}-title`}>
              <h3 id={`${explainId}-title`} className="page-lesson-explain-kicker">
                Explain
              </h3>
              {explained.map((e) => (
                <div key={e.kind} className="page-lesson-moment" data-moment={e.kind}>
                  <h4>{e.title}</h4>
                  <p>{e.text}</p>
                </div>
              ))}
            </section>
          </div>

          <section
            className="lesson-card page-lesson-card"
            aria-label="Question"
            data-phase={phase}
          >
            <p className="lesson-nudge" aria-live="assertive">
              {nudged
                ? 'Answer first: the page load goes on once you have answered this question.'
                : ''}
            </p>
            {phase === 'watching' ? (
              <p className="lesson-note">
                {checkpoint ? (
                  <>
                    Play (<kbd>Space</kbd>) or step (<kbd>→</kbd>): the page load stops at step{' '}
                    {limit + 1} with a question.
                  </>
                ) : (
                  <>
                    Play (<kbd>Space</kbd>) or step (<kbd>→</kbd>) to watch the rest of this page
                    load.
                  </>
                )}
              </p>
            ) : null}
            {phase === 'asking' && checkpoint && adapter ? (
              <Question
                checkpoint={adapter}
                trace={anyTrace}
                onAnswer={(value) => answerPageCheckpoint(lesson, String(value))}
              />
            ) : null}
            <div className="lesson-live" aria-live="polite" aria-atomic="true">
              {phase === 'revealed' && adapter && progress.lessonAnswer ? (
                <Reveal checkpoint={adapter} trace={anyTrace} answer={progress.lessonAnswer} />
              ) : null}
            </div>
            {phase === 'revealed' ? (
              <div className="lesson-actions">
                <button
                  ref={continueRef}
                  type="button"
                  className="button button-primary"
                  onClick={continuePageLesson}
                >
                  Continue
                </button>
                <span className="lesson-hint">
                  The page load plays on and shows why (<kbd>Space</kbd> or <kbd>→</kbd> too).
                </span>
              </div>
            ) : null}
            {phase === 'part-done' ? (
              <div className="lesson-actions">
                <button
                  ref={partRef}
                  type="button"
                  className="button button-primary"
                  onClick={() => nextPart(plan)}
                >
                  Part {part + 2}: {plan.parts[part + 1]!.title}
                </button>
              </div>
            ) : null}
            {phase === 'complete' ? (
              <LessonDone
                lesson={lesson}
                right={right}
                total={total}
                scoreRef={scoreRef}
                beforeNext={() => pagePlayhead.setState({ open: false, playing: false })}
              />
            ) : null}
          </section>
        </div>

        <section className="page-lesson-waterfall" aria-label="Requests so far">
          <Legend of="waterfall" />
          <Waterfall page={shown} time={time} span={span} onOpen={openRequest} />
        </section>
      </div>
    </ModalDialog>
  )
}
