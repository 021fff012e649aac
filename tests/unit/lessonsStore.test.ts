// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Checkpoint } from '../../src/engine'
import { findLesson, simulate } from '../../src/engine'
import { parseLink } from '../../src/link/hash'
import { hashOf } from '../../src/link/state'
import {
  LESSON_SCORES_KEY,
  lessonLimit,
  readLessonScores,
  resetStore,
  selectLessonPhase,
  useStore,
} from '../../src/store'
import { loadCatalogue } from '../../src/store/catalogue'

// The store knows the whole catalogue once it is loaded, as a page does just after first paint.
await loadCatalogue()

const store = () => useStore.getState()

/** Opens a lesson with an in-process transport and waits for its trace. */
const openLesson = async (id: string) => {
  store().setTransport({ mode: 'in-process', send: (input) => Promise.resolve(simulate(input)) })
  expect(store().startLesson(id)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(store().trace).not.toBeNull()
}

const rightAnswer = (checkpoint: Checkpoint) => checkpoint.answer(store().trace!)

beforeEach(() => {
  localStorage.clear()
  resetStore()
})
afterEach(() => {
  localStorage.clear()
  resetStore()
})

describe('lessons slice', () => {
  it('clamps stepping, End and playing to the step before the question, and allows going back', async () => {
    await openLesson('router-says-404')
    const limit = lessonLimit(store())
    const at = findLesson('router-says-404')!.checkpoints[0]!.at(store().trace!)!
    expect(limit).toBe(at - 1)
    expect(selectLessonPhase(store())).toBe('watching')

    store().seek(Number.MAX_SAFE_INTEGER)
    expect(store().playhead).toBe(limit)
    expect(selectLessonPhase(store())).toBe('asking')
    store().stepForward()
    expect(store().playhead).toBe(limit)
    store().play()
    expect(store().playing).toBe(false)
    expect(store().playhead).toBe(limit)

    store().stepBack()
    expect(store().playhead).toBe(limit - 1)
    store().play()
    store().advance()
    expect(store().playhead).toBe(limit)
    expect(store().playing).toBe(false)
  })

  it('asks two questions that stop at one step one after the other, and reveals them together', async () => {
    await openLesson('router-says-404')
    const [first, second] = findLesson('router-says-404')!.checkpoints
    store().seek(Number.MAX_SAFE_INTEGER)
    store().answerCheckpoint('Yes')
    // Held back: the second question stops at the same step, and this reveal would answer it.
    expect(store().lessonAnswer).toBeNull()
    expect(store().lessonHeld).toEqual([{ checkpoint: 0, value: 'Yes', correct: false }])
    expect(store().lessonCheckpoint).toBe(1)
    expect(selectLessonPhase(store())).toBe('asking')
    // The limit holds while the second question waits.
    store().stepForward()
    expect(store().playhead).toBe(lessonLimit(store()))

    store().answerCheckpoint(rightAnswer(second!))
    expect(store().lessonAnswer).toEqual({ value: 'Router', correct: true })
    expect(selectLessonPhase(store())).toBe('revealed')
    expect(store().lessonResults).toEqual([false, true])
    expect(store().lessonScores['router-says-404']).toEqual({ right: 1, total: 2 })
    expect(readLessonScores()['router-says-404']).toEqual({ right: 1, total: 2 })
    expect(rightAnswer(first!)).toBe('No')

    store().continueLesson()
    expect(store().lessonHeld).toEqual([])
    expect(lessonLimit(store())).toBe(Infinity)
    store().seek(Number.MAX_SAFE_INTEGER)
    expect(store().playhead).toBe(store().trace!.events.length - 1)
    expect(selectLessonPhase(store())).toBe('complete')
  })

  it('counts a step, End or Play refused at a waiting question; after the reveal they play on', async () => {
    await openLesson('wrong-method')
    const [first] = findLesson('wrong-method')!.checkpoints
    store().seek(Number.MAX_SAFE_INTEGER)
    const limit = lessonLimit(store())
    const nudges = store().lessonNudges
    expect(nudges).toBe(1)
    store().stepForward()
    store().play()
    expect(store().lessonNudges).toBe(nudges + 2)
    expect(store().playing).toBe(false)
    // Going back is no attempt to pass the question.
    store().stepBack()
    store().stepForward()
    expect(store().lessonNudges).toBe(nudges + 2)

    store().answerCheckpoint(rightAnswer(first!))
    expect(selectLessonPhase(store())).toBe('revealed')
    // → after the reveal moves on, as Continue does: no "answer first", no dead key.
    store().stepForward()
    expect(store().lessonCheckpoint).toBe(1)
    expect(store().playhead).toBe(limit + 1)
    expect(store().lessonNudges).toBe(nudges + 2)
    store().play()
    expect(store().playing).toBe(true)
  })

  it('ignores an answer while no question waits', async () => {
    await openLesson('get-only-reads')
    store().answerCheckpoint('No: it only reads')
    expect(store().lessonAnswer).toBeNull()
    expect(store().lessonResults).toEqual([])
  })

  it('stops being active when another scenario opens', async () => {
    await openLesson('logging-order')
    store().loadScenario('get-user')
    expect(selectLessonPhase(store())).toBe('none')
    expect(lessonLimit(store())).toBe(Infinity)
  })

  it('ignores corrupt, foreign or old saved scores', () => {
    localStorage.setItem(LESSON_SCORES_KEY, '{not json')
    expect(readLessonScores()).toEqual({})
    localStorage.setItem(LESSON_SCORES_KEY, JSON.stringify({ version: 0, scores: {} }))
    expect(readLessonScores()).toEqual({})
    localStorage.setItem(
      LESSON_SCORES_KEY,
      JSON.stringify({
        version: 1,
        scores: {
          'logging-order': { right: 2, total: 2 },
          'cors-order': { right: 5, total: 2 },
          'no-such-lesson': { right: 1, total: 1 },
          'delete-writes': 'three',
        },
      }),
    )
    expect(readLessonScores()).toEqual({ 'logging-order': { right: 2, total: 2 } })
  })
})

describe('lesson hash', () => {
  const lessonFromHash = (hash: string) => {
    const link = parseLink(hash)
    return { id: link.values.lesson ?? null, notice: link.problems.lesson ?? null }
  }

  it('reads a known lesson, reports an unknown one, ignores its absence', () => {
    expect(lessonFromHash('#lesson=cors-order')).toEqual({ id: 'cors-order', notice: null })
    expect(lessonFromHash('#scenario=get-user')).toEqual({ id: null, notice: null })
    const unknown = lessonFromHash('#lesson=%3Cscript%3E')
    expect(unknown.id).toBeNull()
    expect(unknown.notice).toContain('"<script>"')
  })

  it('writes the lesson with its scenario, keeps other keys, and removes it', async () => {
    await openLesson('cors-order')
    const hash = hashOf(store(), parseLink('#step=3&future=1'))
    const params = new URLSearchParams(hash)
    expect(params.get('lesson')).toBe('cors-order')
    expect(params.get('scenario')).toBe('cors-missing-on-errors')
    expect(params.get('future')).toBe('1')
    store().exitLesson()
    expect(hashOf(store(), parseLink(`#${hash}`))).not.toContain('lesson=')
    // A lesson the link names that does not exist stays in the address for the reader to see.
    expect(hashOf(store(), parseLink('#lesson=intro'))).toContain('lesson=intro')
  })
})
