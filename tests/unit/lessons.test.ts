import { describe, expect, it } from 'vitest'
import type { Checkpoint, Trace } from '../../src/engine'
import {
  MISCONCEPTIONS,
  SCENARIO_THEMES,
  LIBRARY_THEMES,
  answerText,
  findLesson,
  findScenario,
  isCorrect,
  lessons,
  scenarios,
  simulate,
  textOf,
} from '../../src/engine'

/** The misconceptions listed in /work/shared/DOMAIN.md, as written there. */
const DOMAIN_MISCONCEPTIONS = [
  'My view is slow, so my API is slow',
  'Every request changes data on the server',
  'The browser decides what the response contains',
  'The framework shares request data between users',
  'A response is always a whole web page',
  'Any middleware order works',
]

/** The trace a lesson plays: its scenario from a cold browser, as the lesson sends it. */
const traceOf = (scenarioId: string): Trace => {
  const curated = findScenario(scenarioId)
  if (!curated) throw new Error(`no scenario ${scenarioId}`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const pauseIndex = (checkpoint: Checkpoint, trace: Trace) => checkpoint.at(trace)

describe('scenario themes', () => {
  it('shelves every curated scenario under exactly one known theme, and nothing else', () => {
    const known = new Set<string>(LIBRARY_THEMES.map((t) => t.id))
    expect(Object.keys(SCENARIO_THEMES).sort()).toEqual(scenarios.map((s) => s.id).sort())
    for (const [id, theme] of Object.entries(SCENARIO_THEMES)) {
      expect(known.has(theme), `${id} → ${theme}`).toBe(true)
    }
  })

  it('leaves no theme empty', () => {
    for (const theme of LIBRARY_THEMES) {
      expect(Object.values(SCENARIO_THEMES)).toContain(theme.id)
    }
  })
})

describe('lessons', () => {
  it('has at least 12 lessons with unique ids, each on a curated scenario', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12)
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length)
    for (const lesson of lessons) {
      expect(findScenario(lesson.scenarioId), lesson.id).toBeDefined()
      expect(findLesson(lesson.id)).toBe(lesson)
      expect(lesson.checkpoints.length, lesson.id).toBeGreaterThan(0)
    }
  })

  it('covers exactly the misconceptions DOMAIN.md lists', () => {
    expect(Object.values(MISCONCEPTIONS).sort()).toEqual([...DOMAIN_MISCONCEPTIONS].sort())
    const covered = new Set(lessons.map((l) => MISCONCEPTIONS[l.misconception]))
    expect([...covered].sort()).toEqual([...DOMAIN_MISCONCEPTIONS].sort())
  })

  // Page lessons stop their own page playhead (tests/unit/lessonsPage.test.ts checks those stops).
  const requestLessons = lessons.filter((l) => !l.page)
  describe.each(requestLessons.map((l) => [l.id, l] as const))('%s', (_id, lesson) => {
    const trace = traceOf(lesson.scenarioId)

    it('pauses each checkpoint on a real step, in order, before what gives it away', () => {
      let previous = 0
      for (const checkpoint of lesson.checkpoints) {
        const at = pauseIndex(checkpoint, trace)
        expect(at, textOf(checkpoint.question, trace)).toBeDefined()
        // Index 0 is shown at once, so there must be a step before the reveal to stop on.
        expect(at!).toBeGreaterThanOrEqual(1)
        expect(at!).toBeLessThan(trace.events.length)
        expect(at!).toBeGreaterThanOrEqual(previous)
        previous = at!
      }
    })

    it('has an answer computed from the trace that is one of its choices', () => {
      for (const checkpoint of lesson.checkpoints) {
        if (checkpoint.kind === 'choice') {
          expect(checkpoint.choices).toContain(checkpoint.answer(trace))
          expect(new Set(checkpoint.choices).size).toBe(checkpoint.choices.length)
          expect(isCorrect(checkpoint, trace, checkpoint.answer(trace))).toBe(true)
          const wrong = checkpoint.choices.find((c) => c !== checkpoint.answer(trace))!
          expect(isCorrect(checkpoint, trace, wrong)).toBe(false)
        } else {
          const answer = checkpoint.answer(trace)
          expect(answer).toBeGreaterThanOrEqual(checkpoint.min)
          expect(answer).toBeLessThanOrEqual(checkpoint.max)
          expect(isCorrect(checkpoint, trace, answer + checkpoint.tolerance)).toBe(true)
          expect(isCorrect(checkpoint, trace, answer + checkpoint.tolerance + 1)).toBe(false)
          expect(answerText(checkpoint, trace)).toContain(checkpoint.unit)
        }
        expect(textOf(checkpoint.question, trace).length).toBeGreaterThan(10)
        expect(textOf(checkpoint.explanation, trace).length).toBeGreaterThan(10)
      }
    })
  })

  it('computes answers that follow the simulation, not a hard-coded key', () => {
    const lesson = findLesson('router-says-404')!
    const handler = lesson.checkpoints[0]!
    expect(handler.kind === 'choice' && handler.answer(traceOf('not-found'))).toBe('No')
    // The same question on a request that does reach the view flips the answer.
    expect(handler.kind === 'choice' && handler.answer(traceOf('get-user'))).toBe('Yes')
  })

  it('tells the share of the view from the trace’s own numbers', () => {
    const trace = traceOf('slow-database')
    const share = findLesson('view-vs-database')!.checkpoints[0]!
    expect(share.kind === 'choice' && share.answer(trace)).toBe('Under 5%')
    expect(textOf(share.question, trace)).toMatch(/takes \d+ ms/)
  })
})
