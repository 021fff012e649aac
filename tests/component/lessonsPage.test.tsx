import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { findLesson, lessonPageTrace } from '../../src/engine'
import { lessonEventsOf } from '../../src/embed/lessonEvents'
import { LESSON_SCORES_KEY, readLessonScores, useStore } from '../../src/store'
import { stepsOf } from '../../src/ui/page/model'
import { pagePlayhead } from '../../src/ui/lessons/pageLesson'
import { renderApp } from './driver'
import { useCleanApp, useFakeClock } from './setup'

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

const lesson = findLesson('how-a-page-loads')!
const plan = lesson.page!

/** Where a question stops, computed here from the page trace and the page view's steps. */
const stopOf = (i: number): number => {
  const c = plan.checkpoints[i]!
  const page = lessonPageTrace(plan.parts[c.part]!)
  const at = c.at(page)
  const steps = stepsOf(page)
  return steps.reduce((stop, s, k) => (s.at < at ? k : stop), 0)
}

const dialog = () => screen.getByRole('dialog', { name: 'Lesson: How a page loads' })
const pageStatus = () => within(dialog()).getByRole('status').textContent ?? ''
const pageStep = () => Number(/^Step (\d+) of/.exec(pageStatus())?.[1]) - 1

/** Picks a choice and commits it, as a learner does. */
const answer = (choice: RegExp) => {
  fireEvent.click(within(dialog()).getByRole('radio', { name: choice }))
  fireEvent.click(within(dialog()).getByRole('button', { name: 'Check answer' }))
}

describe('the page-load lesson', () => {
  useCleanApp()

  it(
    'stops the page load at each question, reveals, scores, and tells the host page',
    { timeout: 60_000 },
    async () => {
      localStorage.removeItem(LESSON_SCORES_KEY)
      await useFakeClock()
      renderApp({ hash: '#lesson=how-a-page-loads' })
      for (let i = 0; i < 6; i++) await wait(50)
      // The card sits beside the journey; the page load opens by itself at its first question.
      const card = await screen.findByRole('region', { name: 'How a page loads' })
      expect(
        within(card).getByText(/The journey here shows the first kind of request/),
      ).toBeInTheDocument()
      // The dialog's own chunk loads first. Its import takes real time (the first file of a
      // worker to open it transforms it), which the fake clock's steps do not: wait for it.
      for (let i = 0; i < 100 && !document.querySelector('dialog'); i++) {
        await vi.dynamicImportSettled()
        await wait(50)
      }
      await screen.findByRole('dialog', { name: 'Lesson: How a page loads' })
      const first = within(dialog()).getByRole('heading', { name: /what will the screen show/ })
      expect(first).toHaveFocus()
      expect(pageStep()).toBe(stopOf(0))

      // → and End do not pass the waiting question, and say so.
      fireEvent.keyDown(first, { key: 'ArrowRight' })
      fireEvent.keyDown(first, { key: 'End' })
      expect(pageStep()).toBe(stopOf(0))
      expect(within(dialog()).getByText(/^Answer first/)).toBeInTheDocument()

      // A wrong answer: revealed in words, recorded in the store, posted to the host page.
      const before = useStore.getState()
      answer(/The text without styles/)
      expect(within(dialog()).getByText('Not quite.')).toBeInTheDocument()
      expect(within(dialog()).getByText(/the answer is “Nothing yet/)).toBeInTheDocument()
      const events = lessonEventsOf(useStore.getState(), before)
      expect(events.map((e) => e.name)).toEqual(['answer'])
      expect(events[0]!.payload).toMatchObject({
        lesson: 'how-a-page-loads',
        checkpoint: 1,
        checkpoints: plan.checkpoints.length,
        correct: false,
        answer: plan.checkpoints[0]!.answer(lessonPageTrace(plan.parts[0]!)),
      })
      expect(within(dialog()).getByRole('button', { name: 'Continue' })).toHaveFocus()

      // Continue plays on to the next stop: the HTML's first bytes, nothing else discovered.
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Continue' }))
      await wait(60_000)
      expect(pageStep()).toBe(stopOf(1))
      expect(
        within(dialog()).getAllByRole('button', { name: /^Open the journey of/ }),
      ).toHaveLength(1)
      answer(/stylesheets, scripts and images/)
      expect(within(dialog()).getByText('Right.')).toBeInTheDocument()

      fireEvent.click(within(dialog()).getByRole('button', { name: 'Continue' }))
      await wait(60_000)
      expect(pageStep()).toBe(stopOf(2))
      answer(/^6$/)
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Continue' }))
      await wait(60_000)
      expect(pageStep()).toBe(stopOf(3))
      // Painted, the product list still empty: the fetch() has not started.
      expect(dialog().querySelector('.pl-data')).toHaveAttribute('data-state', 'idle')
      answer(/Loading/)
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Continue' }))
      await wait(60_000)
      // The end of the first page load: the data is in, the second part is offered.
      expect(dialog().querySelector('.pl-data')).toHaveAttribute('data-state', 'success')
      fireEvent.click(within(dialog()).getByRole('button', { name: /^Part 2:/ }))
      await wait(60_000)
      expect(pagePlayhead.getState().part).toBe(1)
      expect(pageStep()).toBe(stopOf(4))
      expect(dialog().querySelector('.pl-data')).toHaveAttribute('data-state', 'loading')
      const last = useStore.getState()
      answer(/only the product list/)
      const done = lessonEventsOf(useStore.getState(), last)
      expect(done.map((e) => e.name)).toEqual(['answer', 'lessoncomplete'])
      expect(done[1]!.payload).toMatchObject({ lesson: 'how-a-page-loads', right: 4, total: 5 })
      fireEvent.click(within(dialog()).getByRole('button', { name: 'Continue' }))
      await wait(60_000)
      expect(dialog().querySelector('.pl-data')).toHaveAttribute('data-state', 'error')
      expect(within(dialog()).getByText('Lesson complete: 4 of 5 right.')).toHaveFocus()

      // The score is saved where the store reads every lesson's, in its format.
      expect(readLessonScores()['how-a-page-loads']).toEqual({ right: 4, total: 5 })
      expect(useStore.getState().lessonScores['how-a-page-loads']).toEqual({ right: 4, total: 5 })
    },
  )
})
