// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { lessons } from '../../../src/engine'
import { LESSON_SCORES_KEY, loadCatalogue, readLessonScores } from '../../../src/store'

await loadCatalogue()

const save = (value: unknown) =>
  localStorage.setItem(LESSON_SCORES_KEY, typeof value === 'string' ? value : JSON.stringify(value))

afterEach(() => localStorage.clear())

describe('reading the saved lesson scores', () => {
  const [a, b, c] = lessons.map((l) => l.id)

  it('keeps each well-formed score of an existing lesson, and only right and total', () => {
    save({
      version: 1,
      scores: {
        [a!]: { right: 2, total: 3, extra: 'dropped' },
        [b!]: { right: 0, total: 1 },
        'no-such-lesson': { right: 1, total: 1 },
      },
    })
    expect(readLessonScores()).toEqual({
      [a!]: { right: 2, total: 3 },
      [b!]: { right: 0, total: 1 },
    })
  })

  it('drops scores that are not counts of at least one question', () => {
    save({
      version: 1,
      scores: {
        [a!]: { right: 2, total: 1 },
        [b!]: { right: 0, total: 0 },
        [c!]: { right: 1.5, total: 2 },
      },
    })
    expect(readLessonScores()).toEqual({})
    save({ version: 1, scores: { [a!]: { right: -1, total: 2 }, [b!]: [1, 2], [c!]: '1/2' } })
    expect(readLessonScores()).toEqual({})
  })

  it('reads nothing from another version, a wrong shape or text that is not JSON', () => {
    for (const saved of [
      { version: 2, scores: { [a!]: { right: 1, total: 1 } } },
      { scores: { [a!]: { right: 1, total: 1 } } },
      { version: 1, scores: null },
      { version: 1, scores: 'all of them' },
      [1, 2, 3],
      null,
      '{"version": 1,',
    ]) {
      save(saved)
      expect(readLessonScores()).toEqual({})
    }
  })
})
