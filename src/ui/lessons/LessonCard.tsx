import './lessons.css'
import type { FormEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Checkpoint, Trace } from '../../engine'
import { answerText, textOf } from '../../engine'
import type { LessonAnswer } from '../../store'
import {
  lessonLimit,
  selectActiveLesson,
  selectLessonActions,
  selectLessonPhase,
  useStore,
} from '../../store'
import { LessonDone, LessonHead } from './LessonParts'
import { leaveLesson } from './navigate'

/** ✓ or ✗ drawn beside the words "Right" / "Not quite": the icon repeats the text, never replaces it. */
function VerdictIcon({ correct }: { correct: boolean }) {
  return (
    <svg className="lesson-verdict-icon" viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="9" />
      <path d={correct ? 'M5.5 10.5l3 3 6-7' : 'M6.5 6.5l7 7M13.5 6.5l-7 7'} />
    </svg>
  )
}

interface QuestionProps {
  readonly checkpoint: Checkpoint
  readonly trace: Trace
  readonly onAnswer: (value: string | number) => void
}

/** The question as a form: radio choices (arrows move, Enter commits) or a number field. */
export function Question({ checkpoint, trace, onAnswer }: QuestionProps) {
  const [choice, setChoice] = useState<string | null>(null)
  const [number, setNumber] = useState('')
  const [error, setError] = useState<string | null>(null)
  const questionRef = useRef<HTMLHeadingElement>(null)
  const id = useId()
  const errorId = `${id}-error`

  // The question is announced: focus moves to it as playback stops.
  useEffect(() => questionRef.current?.focus(), [checkpoint])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (checkpoint.kind === 'choice') {
      if (choice === null) return setError('Pick one answer first.')
      return onAnswer(choice)
    }
    const value = Number(number.replace(',', '.'))
    if (number.trim() === '' || !Number.isFinite(value))
      return setError(`Type a number from ${checkpoint.min} to ${checkpoint.max}.`)
    if (value < checkpoint.min || value > checkpoint.max)
      return setError(`The answer lies between ${checkpoint.min} and ${checkpoint.max}.`)
    onAnswer(value)
  }

  const invalid = error !== null
  return (
    <form className="lesson-question" onSubmit={submit} noValidate>
      <h3 id={`${id}-q`} ref={questionRef} tabIndex={-1} className="lesson-question-text">
        {textOf(checkpoint.question, trace)}
      </h3>
      {checkpoint.kind === 'choice' ? (
        <fieldset
          className="lesson-choices"
          aria-labelledby={`${id}-q`}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
        >
          {checkpoint.choices.map((c) => (
            <label key={c} className="lesson-choice">
              <input
                type="radio"
                name={`${id}-choice`}
                value={c}
                checked={choice === c}
                onChange={() => {
                  setChoice(c)
                  setError(null)
                }}
              />
              <span>{c}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <label className="lesson-number">
          <span className="lesson-number-label">Your estimate</span>
          <input
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={number}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => {
              setNumber(e.target.value)
              setError(null)
            }}
          />
          <span className="lesson-number-unit" aria-hidden="true">
            {checkpoint.unit}
          </span>
        </label>
      )}
      {invalid ? (
        <p id={errorId} className="lesson-error">
          {error}
        </p>
      ) : null}
      <div className="lesson-actions">
        <button type="submit" className="button button-primary">
          Check answer
        </button>
        {checkpoint.kind === 'number' ? (
          <span className="lesson-hint">Within {checkpoint.tolerance} counts as right.</span>
        ) : null}
      </div>
    </form>
  )
}

interface RevealProps {
  readonly checkpoint: Checkpoint
  readonly trace: Trace
  readonly answer: LessonAnswer
  /** Several reveals at once (questions asked at one step): each names its question. */
  readonly withQuestion?: boolean
}

export function Reveal({ checkpoint, trace, answer, withQuestion = false }: RevealProps) {
  const right = answerText(checkpoint, trace)
  return (
    <div className="lesson-reveal" data-correct={answer.correct}>
      {withQuestion ? (
        <p className="lesson-reveal-question">{textOf(checkpoint.question, trace)}</p>
      ) : null}
      <p className="lesson-verdict">
        <VerdictIcon correct={answer.correct} />
        <span>
          <strong>{answer.correct ? 'Right.' : 'Not quite.'}</strong>{' '}
          {answer.correct && checkpoint.kind === 'choice'
            ? `It is “${right}”.`
            : `You said “${answer.value}${checkpoint.kind === 'number' ? checkpoint.unit : ''}”; the answer is “${right}”.`}
        </span>
      </p>
      <p className="lesson-explanation">{textOf(checkpoint.explanation, trace)}</p>
    </div>
  )
}

/**
 * The lesson beside the narration: what to do next, the question when playback stops at a
 * checkpoint, the reveal (in its own live region, apart from the "Step N of M" line), and the
 * score at the end.
 */
export default function LessonCard() {
  const lesson = useStore(selectActiveLesson)
  const phase = useStore(selectLessonPhase)
  const { trace, index, answer, results, limit, held, nudges } = useStore(
    useShallow((s) => ({
      trace: s.trace,
      index: s.lessonCheckpoint,
      answer: s.lessonAnswer,
      results: s.lessonResults,
      limit: lessonLimit(s),
      held: s.lessonHeld,
      nudges: s.lessonNudges,
    })),
  )
  // "Answer first" shows once a step, End or Play was refused at this question.
  const [asked, setAsked] = useState({ index, nudges })
  if (asked.index !== index) setAsked({ index, nudges })
  const nudged = phase === 'asking' && nudges > asked.nudges
  const { answerCheckpoint, continueLesson } = useStore(useShallow(selectLessonActions))
  const titleRef = useRef<HTMLHeadingElement>(null)
  const continueRef = useRef<HTMLButtonElement>(null)
  const scoreRef = useRef<HTMLParagraphElement>(null)
  const titleId = useId()

  // A new lesson is announced; after "Continue" focus waits on the card while playback runs.
  useEffect(() => titleRef.current?.focus(), [lesson?.id])
  useEffect(() => {
    if (phase === 'revealed') continueRef.current?.focus()
    else if (phase === 'complete') scoreRef.current?.focus()
  }, [phase])

  if (!lesson) return null
  const total = lesson.checkpoints.length
  const checkpoint = lesson.checkpoints[index]
  const right = results.filter(Boolean).length

  // The card goes away: focus goes to where lessons are found again.
  const onLeave = () => {
    document.querySelector<HTMLElement>('.library-button')?.focus()
    leaveLesson()
  }

  const onContinue = () => {
    titleRef.current?.focus()
    continueLesson()
  }

  return (
    <section
      className="lesson-card"
      aria-labelledby={titleId}
      data-phase={phase}
      data-space="native"
    >
      <LessonHead
        title={lesson.title}
        titleId={titleId}
        titleRef={titleRef}
        progress={
          index < total ? `question ${index + 1} of ${total}` : `${right} of ${total} right`
        }
        onLeave={onLeave}
      />

      {phase === 'loading' ? <p className="lesson-note">Sending the lesson’s request…</p> : null}
      {phase === 'watching' && checkpoint && trace ? (
        <p className="lesson-note">
          {lesson.goal} Play (<kbd>Space</kbd>) or step (<kbd>→</kbd>): the journey stops at step{' '}
          {limit + 1} with a question.
        </p>
      ) : null}
      {phase === 'watching' && !checkpoint ? (
        <p className="lesson-note">Watch the rest of the journey to see why.</p>
      ) : null}
      {/* Stepping on, End or Play at a waiting question: said above the question, not
          silently ignored. */}
      <p className="lesson-nudge" aria-live="assertive">
        {nudged ? 'Answer first: the journey goes on once you have answered this question.' : ''}
      </p>
      {phase === 'asking' && held.length > 0 ? (
        <p className="lesson-note">
          Your answer is saved. This question stops at the same step, so both answers are revealed
          together after it.
        </p>
      ) : null}
      {phase === 'asking' && checkpoint && trace ? (
        <Question checkpoint={checkpoint} trace={trace} onAnswer={answerCheckpoint} />
      ) : null}

      {/* Its own live region: the reveal is heard apart from the "Step N of M" status line. */}
      <div className="lesson-live" aria-live="polite" aria-atomic="true">
        {phase === 'revealed' && trace
          ? held.map((h) => (
              <Reveal
                key={h.checkpoint}
                checkpoint={lesson.checkpoints[h.checkpoint]!}
                trace={trace}
                answer={h}
                withQuestion
              />
            ))
          : null}
        {phase === 'revealed' && checkpoint && trace && answer ? (
          <Reveal
            checkpoint={checkpoint}
            trace={trace}
            answer={answer}
            withQuestion={held.length > 0}
          />
        ) : null}
      </div>
      {phase === 'revealed' ? (
        <div className="lesson-actions">
          <button
            ref={continueRef}
            type="button"
            className="button button-primary"
            onClick={onContinue}
          >
            Continue
          </button>
          <span className="lesson-hint">
            Playback goes on and shows why (<kbd>Space</kbd> or <kbd>→</kbd> too).
          </span>
        </div>
      ) : null}

      {phase === 'complete' ? (
        <LessonDone lesson={lesson} right={right} total={total} scoreRef={scoreRef} />
      ) : null}
    </section>
  )
}
