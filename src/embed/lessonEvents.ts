/**
 * The lesson events the widget posts to its host page: `answer` when the learner commits an
 * answer, `lessoncomplete` when the last question of a lesson is answered. Pure: they are read
 * from two store states (before and after a change), so the bridge only posts what this returns.
 *
 * Their fields are what an xAPI statement needs, so a host can forward them to a learning record
 * store without knowing Roundtrip (docs/embedding.md, "Lesson results and xAPI"):
 *   answer          → verb `answered`,  object the checkpoint, result.response / result.success
 *   lessoncomplete  → verb `completed`, object the lesson, result.score (raw, min, max, scaled)
 */
import { findLesson, textOf } from '../engine'
import type { RoundtripState } from '../store'

/** Where the learner stands in the lesson after this answer. */
export interface LessonScorePayload {
  /** Right answers so far. */
  readonly right: number
  /** Questions answered so far. */
  readonly answered: number
  /** Questions in the lesson. */
  readonly total: number
}

export interface AnswerPayload {
  /** The lesson's stable id, e.g. `router-says-404`: the xAPI activity is built from it. */
  readonly lesson: string
  readonly lessonTitle: string
  /** Which question, counted from 1 ("question 1 of 2"), and how many the lesson has. */
  readonly checkpoint: number
  readonly checkpoints: number
  /** The question as the learner read it. */
  readonly question: string
  /** The answer committed: a choice's text, or the number typed. */
  readonly chosen: string | number
  readonly correct: boolean
  /** The right answer, from the same trace (what the reveal shows). */
  readonly answer: string | number
  readonly score: LessonScorePayload
}

export interface LessonCompletePayload {
  readonly lesson: string
  readonly lessonTitle: string
  /** xAPI's score: raw right answers of max, and scaled (raw / max, 0 to 1). */
  readonly score: {
    readonly raw: number
    readonly min: 0
    readonly max: number
    readonly scaled: number
  }
  readonly right: number
  readonly total: number
}

export type LessonEvent =
  | { readonly name: 'answer'; readonly payload: AnswerPayload }
  | { readonly name: 'lessoncomplete'; readonly payload: LessonCompletePayload }

type LessonState = Pick<
  RoundtripState,
  'lessonId' | 'lessonResults' | 'lessonAnswer' | 'lessonHeld' | 'trace'
>

/**
 * The events a change from `previous` to `state` makes: nothing, an `answer`, or an `answer`
 * then `lessoncomplete` (the last question). An answer is one more result in the same lesson run.
 */
export const lessonEventsOf = (state: LessonState, previous: LessonState): LessonEvent[] => {
  const results = state.lessonResults
  if (!state.lessonId || !state.trace) return []
  const sameRun = previous.lessonId === state.lessonId
  const before = sameRun ? previous.lessonResults.length : 0
  if (results.length !== before + 1) return []
  const lesson = findLesson(state.lessonId)
  const index = results.length - 1
  const checkpoint = lesson?.checkpoints[index]
  if (!lesson || !checkpoint) return []
  // Revealed at once, or held back until the next question at the same step is answered.
  const committed =
    state.lessonHeld.find((h) => h.checkpoint === index) ??
    (state.lessonAnswer ? { ...state.lessonAnswer } : null)
  if (!committed) return []
  const right = results.filter(Boolean).length
  const total = lesson.checkpoints.length
  const events: LessonEvent[] = [
    {
      name: 'answer',
      payload: {
        lesson: lesson.id,
        lessonTitle: lesson.title,
        checkpoint: index + 1,
        checkpoints: total,
        question: textOf(checkpoint.question, state.trace),
        chosen: committed.value,
        correct: committed.correct,
        answer: checkpoint.answer(state.trace),
        score: { right, answered: results.length, total },
      },
    },
  ]
  if (results.length === total)
    events.push({
      name: 'lessoncomplete',
      payload: {
        lesson: lesson.id,
        lessonTitle: lesson.title,
        score: { raw: right, min: 0, max: total, scaled: total > 0 ? right / total : 0 },
        right,
        total,
      },
    })
  return events
}
