import type { Checkpoint, Lesson, Trace, TraceEvent } from '../../engine'
import { answerIsCorrect, findCuratedLesson as findLesson } from '../catalogue'
import type { LessonScore, LessonsSlice, RoundtripState, SliceCreator } from '../types'

// ── Scores in localStorage ─────────────────────────────────────────────────────────────────

export const LESSON_SCORES_KEY = 'roundtrip:lesson-scores'
const SCORES_VERSION = 1

/** A count of questions: a safe integer, zero or more. */
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0

/** A finished lesson's score, `right` of `total` (at least one) questions; otherwise `null`. */
const scoreOf = (value: unknown): LessonScore | null => {
  if (typeof value !== 'object' || value === null) return null
  const { right, total } = value as { readonly right?: unknown; readonly total?: unknown }
  return isCount(right) && isCount(total) && total > 0 && right <= total ? { right, total } : null
}

/**
 * The saved scores: `{ version: 1, scores: { [lesson id]: score } }`; an entry for a lesson this
 * version does not have is dropped. Storage may be missing (a sandboxed frame), refuse access, or
 * hold anything a user or an older version left there: whatever cannot be read is ignored, never
 * thrown. (Checked by hand, not with valibot: this runs as the first screen is drawn.)
 */
export const readLessonScores = (): Record<string, LessonScore> => {
  try {
    const raw = globalThis.localStorage?.getItem(LESSON_SCORES_KEY)
    if (!raw) return {}
    const saved: unknown = JSON.parse(raw)
    if (typeof saved !== 'object' || saved === null) return {}
    const { version, scores } = saved as { readonly version?: unknown; readonly scores?: unknown }
    if (version !== SCORES_VERSION || typeof scores !== 'object' || scores === null) return {}
    const kept: Record<string, LessonScore> = {}
    for (const [id, value] of Object.entries(scores)) {
      const score = scoreOf(value)
      if (findLesson(id) && score) kept[id] = score
    }
    return kept
  } catch {
    return {}
  }
}

const writeLessonScores = (scores: Readonly<Record<string, LessonScore>>): void => {
  try {
    globalThis.localStorage?.setItem(
      LESSON_SCORES_KEY,
      JSON.stringify({ version: SCORES_VERSION, scores }),
    )
  } catch {
    // Full or forbidden storage: the score still shows for this visit.
  }
}

// ── Derived state ──────────────────────────────────────────────────────────────────────────

/** The open lesson, while its scenario is what the journey shows (not edited, not swapped). */
export const selectActiveLesson = (s: RoundtripState): Lesson | null => {
  const lesson = s.lessonId ? findLesson(s.lessonId) : undefined
  return lesson && lesson.scenarioId === s.scenarioId && !s.customized ? lesson : null
}

const selectCheckpoint = (s: RoundtripState): Checkpoint | null =>
  selectActiveLesson(s)?.checkpoints[s.lessonCheckpoint] ?? null

/**
 * The last step playback may reach while a question waits: the step before the event that would
 * give the answer away. `Infinity` when no question waits.
 */
export const lessonLimit = (s: RoundtripState): number => {
  const checkpoint = selectCheckpoint(s)
  if (!checkpoint || !s.trace?.events.length) return Infinity
  return stopOf(checkpoint, s.trace)
}

/** The step a question stops at: the one before the event that would give its answer away. */
const stopOf = (checkpoint: Checkpoint, trace: Trace): number => {
  const last = trace.events.length - 1
  return Math.max(0, Math.min(checkpoint.at(trace) ?? last, last) - 1)
}

/**
 * The last event the page may show, so nothing gives a waiting answer away: while a lesson still
 * has a question to answer, only the steps up to the playhead (which stops before the question's
 * answer). `null` when everything may show: no lesson, no trace, or every question answered.
 */
export const selectRevealLimit = (s: RoundtripState): number | null => {
  const lesson = selectActiveLesson(s)
  if (!lesson || !s.trace?.events.length) return null
  const answered = s.lessonCheckpoint + (s.lessonAnswer ? 1 : 0)
  if (answered >= lesson.checkpoints.length) return null
  return Math.max(0, Math.min(s.playhead, lessonLimit(s), s.trace.events.length - 1))
}

let revealed: { trace: Trace; limit: number; value: Trace } | null = null

/**
 * The trace as far as it may be shown (see `selectRevealLimit`): the events up to the limit, and
 * no response or error yet. The same object while the trace and limit stay, so selectors are stable.
 */
export const selectRevealedTrace = (s: RoundtripState): Trace | null => {
  const limit = selectRevealLimit(s)
  if (limit === null || !s.trace) return s.trace
  if (revealed?.trace !== s.trace || revealed.limit !== limit) {
    const value: Trace = {
      events: s.trace.events.slice(0, limit + 1),
      connection: s.trace.connection,
    }
    revealed = { trace: s.trace, limit, value }
  }
  return revealed.value
}

const NO_EVENTS: readonly TraceEvent[] = []

/** The events of `selectRevealedTrace`. */
export const selectRevealedEvents = (s: RoundtripState): readonly TraceEvent[] =>
  selectRevealedTrace(s)?.events ?? NO_EVENTS

/**
 * Where the learner is: `watching` (playing towards the next question or the end), `asking` (the
 * playhead reached a question), `revealed` (answered, the explanation shows), `complete` (all
 * answered and the journey watched to its end); `loading` before the trace, `none` without a lesson.
 */
type LessonPhase = 'none' | 'loading' | 'watching' | 'asking' | 'revealed' | 'complete'

export const selectLessonPhase = (s: RoundtripState): LessonPhase => {
  const lesson = selectActiveLesson(s)
  if (!lesson) return 'none'
  if (!s.trace?.events.length) return 'loading'
  if (s.lessonCheckpoint < lesson.checkpoints.length) {
    if (s.lessonAnswer) return 'revealed'
    return s.playhead >= lessonLimit(s) ? 'asking' : 'watching'
  }
  return s.playhead >= s.trace.events.length - 1 ? 'complete' : 'watching'
}

export const selectLessonScores = (s: RoundtripState) => s.lessonScores
export const selectLessonActions = (s: RoundtripState) => ({
  startLesson: s.startLesson,
  answerCheckpoint: s.answerCheckpoint,
  continueLesson: s.continueLesson,
  exitLesson: s.exitLesson,
})

// ── The slice ──────────────────────────────────────────────────────────────────────────────

const freshRun = { lessonCheckpoint: 0, lessonAnswer: null, lessonResults: [], lessonHeld: [] }

const lessonsInitial = {
  lessonId: null,
  ...freshRun,
  lessonScores: readLessonScores(),
  lessonNudges: 0,
} satisfies Partial<LessonsSlice>

export const createLessonsSlice: SliceCreator<LessonsSlice> = (set, get) => ({
  ...lessonsInitial,

  startLesson: (id) => {
    const lesson = findLesson(id)
    if (!lesson) return false
    get().loadScenario(lesson.scenarioId)
    set({ lessonId: lesson.id, ...freshRun })
    // The answers are computed from this trace, so every run of the lesson starts the same way.
    void get().sendRequest({ cold: true })
    return true
  },

  answerCheckpoint: (value) => {
    const state = get()
    const lesson = selectActiveLesson(state)
    const checkpoint = selectCheckpoint(state)
    if (!lesson || !checkpoint || !state.trace || selectLessonPhase(state) !== 'asking') return
    const correct = answerIsCorrect(checkpoint, state.trace, value)
    const results = [...state.lessonResults, correct]
    // The next question stops at this same step: ask it before revealing anything, so this
    // reveal cannot answer it. Both are revealed together once it is answered.
    const next = lesson.checkpoints[state.lessonCheckpoint + 1]
    if (next && stopOf(next, state.trace) === stopOf(checkpoint, state.trace))
      return set({
        lessonHeld: [...state.lessonHeld, { checkpoint: state.lessonCheckpoint, value, correct }],
        lessonCheckpoint: state.lessonCheckpoint + 1,
        lessonResults: results,
      })
    const finished = results.length >= lesson.checkpoints.length
    const lessonScores = finished
      ? {
          ...state.lessonScores,
          [lesson.id]: { right: results.filter(Boolean).length, total: results.length },
        }
      : state.lessonScores
    set({ lessonAnswer: { value, correct }, lessonResults: results, lessonScores })
    if (finished) writeLessonScores(lessonScores)
  },

  continueLesson: () => {
    if (!get().lessonAnswer) return
    set((s) => ({ lessonCheckpoint: s.lessonCheckpoint + 1, lessonAnswer: null, lessonHeld: [] }))
    // Playback shows why: it runs on to the next question or the end.
    get().play()
  },

  exitLesson: () => set({ lessonId: null, ...freshRun }),
})
