import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findLesson, simulate } from '../../../src/engine'
import type { LessonEvent } from '../../../src/embed/lessonEvents'
import { lessonEventsOf } from '../../../src/embed/lessonEvents'
import { resetStore, useStore } from '../../../src/store'
import { loadCatalogue } from '../../../src/store/catalogue'

// The store knows the whole catalogue once it is loaded, as a page does just after first paint.
await loadCatalogue()

const store = () => useStore.getState()

/** Opens a lesson on the engine and records the lesson events every store change makes. */
const openLesson = async (id: string) => {
  store().setTransport({ mode: 'in-process', send: (input) => Promise.resolve(simulate(input)) })
  const events: LessonEvent[] = []
  useStore.subscribe((state, previous) => events.push(...lessonEventsOf(state, previous)))
  expect(store().startLesson(id)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 0))
  store().seek(Number.MAX_SAFE_INTEGER)
  return events
}

const rightAnswer = (lesson: string, index: number) =>
  findLesson(lesson)!.checkpoints[index]!.answer(store().trace!)

beforeEach(() => resetStore())
afterEach(() => resetStore())

describe('lesson events for the host page (xAPI-shaped)', () => {
  it('posts answer for each committed answer, then lessoncomplete with the score', async () => {
    const events = await openLesson('wrong-method')
    store().answerCheckpoint(rightAnswer('wrong-method', 0))
    expect(events).toEqual([
      {
        name: 'answer',
        payload: {
          lesson: 'wrong-method',
          lessonTitle: findLesson('wrong-method')!.title,
          checkpoint: 1,
          checkpoints: 2,
          question: expect.any(String),
          chosen: rightAnswer('wrong-method', 0),
          correct: true,
          answer: rightAnswer('wrong-method', 0),
          score: { right: 1, answered: 1, total: 2 },
        },
      },
    ])
    // Nothing more while the reveal shows, nor on Continue and playing on.
    store().continueLesson()
    store().seek(Number.MAX_SAFE_INTEGER)
    expect(events).toHaveLength(1)

    const wrong = findLesson('wrong-method')!.checkpoints[1]!
    const choice =
      wrong.kind === 'choice'
        ? wrong.choices.find((c) => c !== wrong.answer(store().trace!))!
        : wrong.min
    store().answerCheckpoint(choice)
    expect(events.map((e) => e.name)).toEqual(['answer', 'answer', 'lessoncomplete'])
    expect(events[1]!.payload).toMatchObject({
      checkpoint: 2,
      chosen: choice,
      correct: false,
      score: { right: 1, answered: 2, total: 2 },
    })
    expect(events[2]).toEqual({
      name: 'lessoncomplete',
      payload: {
        lesson: 'wrong-method',
        lessonTitle: findLesson('wrong-method')!.title,
        score: { raw: 1, min: 0, max: 2, scaled: 0.5 },
        right: 1,
        total: 2,
      },
    })
    // Serializable as it is: postMessage clones it, a host forwards it as JSON.
    expect(JSON.parse(JSON.stringify(events))).toEqual(events)
  })

  it('reports an answer whose reveal is held back (two questions at one step) when it is given', async () => {
    const events = await openLesson('router-says-404')
    store().answerCheckpoint('Yes')
    expect(store().lessonAnswer).toBeNull()
    expect(events).toHaveLength(1)
    expect(events[0]!.payload).toMatchObject({ checkpoint: 1, chosen: 'Yes', correct: false })
    store().answerCheckpoint('Router')
    expect(events.map((e) => e.name)).toEqual(['answer', 'answer', 'lessoncomplete'])
    expect(events[2]!.payload).toMatchObject({ score: { raw: 1, max: 2, scaled: 0.5 } })
  })

  it('a new run of the same lesson starts counting again', async () => {
    const events = await openLesson('router-says-404')
    store().answerCheckpoint('No')
    store().answerCheckpoint('Router')
    expect(events).toHaveLength(3)
    store().exitLesson()
    store().startLesson('router-says-404')
    await new Promise((resolve) => setTimeout(resolve, 0))
    store().seek(Number.MAX_SAFE_INTEGER)
    store().answerCheckpoint('No')
    expect(events).toHaveLength(4)
    expect(events[3]!.payload).toMatchObject({ checkpoint: 1, score: { answered: 1 } })
  })
})
