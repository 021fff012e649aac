import { create } from 'zustand'
import type { Lesson, PageCheckpoint, PageLessonPlan, PageTrace } from '../../engine'
import { lessonPageTrace } from '../../engine'
import type { LessonScore, RoundtripState } from '../../store'
import { LESSON_SCORES_KEY, useStore } from '../../store'
import type { PageStep } from '../page/model'
import { stepsOf } from '../page/model'

/**
 * A page lesson's own playhead: which page load (part) and which of its steps. The lesson's
 * progress (question, answer, results, scores) stays in the app store with every other lesson's,
 * so links, the Library's scores and the embed events read it as they always do.
 */
interface PagePlayhead {
  part: number
  step: number
  playing: boolean
  /** The lesson's dialog is open. */
  open: boolean
  /** Step forward, End or Play refused at a waiting question: "Answer first". */
  nudges: number
}

const START: PagePlayhead = { part: 0, step: 0, playing: false, open: false, nudges: 0 }

export const pagePlayhead = create<PagePlayhead>(() => ({ ...START }))

/** The lesson's page lesson plan, if it is one. */
export const planOf = (lesson: Lesson | null): PageLessonPlan | null => lesson?.page ?? null

const stepsCache = new WeakMap<PageTrace, PageStep[]>()

/** The same steps as the Page load view's (`stepsOf`), computed once per page trace. */
export const pageStepsOf = (page: PageTrace): PageStep[] => {
  let steps = stepsCache.get(page)
  if (!steps) {
    steps = stepsOf(page)
    stepsCache.set(page, steps)
  }
  return steps
}

/** The last step strictly before `at` (the moment that would give an answer away), else 0. */
export const stopBefore = (steps: readonly PageStep[], at: number): number => {
  let stop = 0
  for (let i = 0; i < steps.length; i += 1) if (steps[i]!.at < at) stop = i
  return stop
}

/** Where a question stops its part's playback. */
export const stopOf = (plan: PageLessonPlan, checkpoint: PageCheckpoint): number => {
  const page = lessonPageTrace(plan.parts[checkpoint.part]!)
  return stopBefore(pageStepsOf(page), checkpoint.at(page))
}

export type PageLessonPhase = 'watching' | 'asking' | 'revealed' | 'part-done' | 'complete'

export interface PageLessonView {
  readonly page: PageTrace
  readonly steps: readonly PageStep[]
  readonly last: number
  /** The furthest step playback may reach now. */
  readonly limit: number
  readonly phase: PageLessonPhase
  /** The question waiting or just answered in this part, if any. */
  readonly checkpoint: PageCheckpoint | null
}

type LessonProgress = Pick<RoundtripState, 'lessonCheckpoint' | 'lessonAnswer'>

/** Everything the dialog shows, from the plan, the store's progress and the page playhead. */
export const pageLessonView = (
  plan: PageLessonPlan,
  progress: LessonProgress,
  head: Pick<PagePlayhead, 'part' | 'step'>,
): PageLessonView => {
  const part = Math.min(head.part, plan.parts.length - 1)
  const page = lessonPageTrace(plan.parts[part]!)
  const steps = pageStepsOf(page)
  const last = steps.length - 1
  const next = plan.checkpoints[progress.lessonCheckpoint] ?? null
  const here = next && next.part === part ? next : null
  const limit = here && !progress.lessonAnswer ? stopOf(plan, here) : last
  const step = Math.min(head.step, limit)
  const phase: PageLessonPhase = progress.lessonAnswer
    ? 'revealed'
    : here && step >= limit
      ? 'asking'
      : step >= last && part < plan.parts.length - 1
        ? 'part-done'
        : step >= last && !next
          ? 'complete'
          : 'watching'
  return { page, steps, last, limit, phase, checkpoint: here }
}

/**
 * Whether the page preview would give a waiting answer away at `time`: a question not yet
 * answered in this part says from when on it does.
 */
export const previewCovered = (
  plan: PageLessonPlan,
  progress: LessonProgress,
  part: number,
  time: number,
): boolean =>
  plan.checkpoints.some((c, i) => {
    const answered =
      i < progress.lessonCheckpoint || (i === progress.lessonCheckpoint && progress.lessonAnswer)
    if (answered || c.part !== part || !c.coversPreviewFrom) return false
    return time >= c.coversPreviewFrom(lessonPageTrace(plan.parts[part]!))
  })

/**
 * The page as far as the playhead may show it: only requests discovered by then, and no
 * connection named for one not yet sent (it would tell how many connections there will be).
 */
export const revealedPage = (page: PageTrace, time: number): PageTrace => ({
  ...page,
  requests: page.requests
    .filter((r) => r.start <= time)
    .map((r) => {
      if (r.sentAt <= time) return r
      const { stream: _stream, ...unsent } = r
      return { ...unsent, connection: '…' }
    }),
})

// ── Actions: progress in the app store, the playhead here ──────────────────────────────────

const writeScores = (scores: Readonly<Record<string, LessonScore>>): void => {
  try {
    // The store's format (src/store/slices/lessons.ts reads it back with its schema).
    globalThis.localStorage?.setItem(LESSON_SCORES_KEY, JSON.stringify({ version: 1, scores }))
  } catch {
    // Full or forbidden storage: the score still shows for this visit.
  }
}

/** Commits an answer to the question waiting in this part; the reveal follows. */
export const answerPageCheckpoint = (lesson: Lesson, value: string): void => {
  const plan = planOf(lesson)
  const s = useStore.getState()
  if (!plan || s.lessonId !== lesson.id) return
  const head = pagePlayhead.getState()
  const view = pageLessonView(plan, s, head)
  if (view.phase !== 'asking' || !view.checkpoint) return
  const correct = value === view.checkpoint.answer(view.page)
  const results = [...s.lessonResults, correct]
  const finished = results.length >= plan.checkpoints.length
  const lessonScores = finished
    ? {
        ...s.lessonScores,
        [lesson.id]: { right: results.filter(Boolean).length, total: results.length },
      }
    : s.lessonScores
  pagePlayhead.setState({ playing: false })
  useStore.setState({ lessonAnswer: { value, correct }, lessonResults: results, lessonScores })
  if (finished) writeScores(lessonScores)
}

/** After a reveal: the next question, and playback goes on to show why. */
export const continuePageLesson = (): void => {
  const s = useStore.getState()
  if (!s.lessonAnswer) return
  useStore.setState({
    lessonCheckpoint: s.lessonCheckpoint + 1,
    lessonAnswer: null,
    lessonHeld: [],
  })
  pagePlayhead.setState({ playing: true })
}

/** From the end of one page load to the start of the next. */
export const nextPart = (plan: PageLessonPlan): void => {
  const { part } = pagePlayhead.getState()
  if (part >= plan.parts.length - 1) return
  pagePlayhead.setState({ part: part + 1, step: 0, playing: true })
}

/** Moves the playhead; a move past a waiting question is refused and said. */
export const goToStep = (plan: PageLessonPlan, to: number): void => {
  const head = pagePlayhead.getState()
  const view = pageLessonView(plan, useStore.getState(), head)
  const target = Math.max(0, Math.min(view.last, to))
  if (target > view.limit) {
    pagePlayhead.setState({ step: view.limit, playing: false, nudges: head.nudges + 1 })
    return
  }
  pagePlayhead.setState({ step: target, playing: false })
}

export const resetPagePlayhead = (open: boolean): void => pagePlayhead.setState({ ...START, open })
