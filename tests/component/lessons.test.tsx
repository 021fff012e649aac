import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { findLesson, findScenario, simulate } from '../../src/engine'
import { LESSON_SCORES_KEY, readLessonScores, useStore } from '../../src/store'
import { renderApp } from './driver'
import { useCleanApp, useFakeClock } from './setup'

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

/** The trace the lesson plays, computed here independently of the app. */
const traceOf = (scenarioId: string) => {
  const curated = findScenario(scenarioId)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const lessonCard = () => screen.getByRole('region', { name: /Who says “not found”\?/ })

describe('lessons', () => {
  useCleanApp()

  it(
    'pauses at each checkpoint, reveals right and wrong, and keeps the score',
    { timeout: 30_000 },
    async () => {
      localStorage.removeItem(LESSON_SCORES_KEY)
      await useFakeClock()
      const ui = renderApp({ hash: '#lesson=router-says-404' })
      await wait(0)
      await wait(0)
      const card = await screen.findByRole('region', { name: /Who says “not found”\?/ })
      expect(ui.stepNumber()).toBe(1)
      expect(new URLSearchParams(window.location.hash.slice(1)).get('scenario')).toBe('not-found')

      // Where the first question pauses: the step before the router's first event.
      const trace = traceOf('not-found')
      const at = findLesson('router-says-404')!.checkpoints[0]!.at(trace)!
      expect(trace.events[at]!.layer).toBe('router')

      await ui.play()
      await wait(120_000)
      expect(ui.stepNumber()).toBe(at) // step numbers count from 1: index at-1
      expect(useStore.getState().playing).toBe(false)
      const question = within(card).getByRole('heading', {
        name: 'Will the handler (the view function) run?',
      })
      expect(question).toHaveFocus()
      // Stepping on does not pass the question, and says so.
      ui.tap('ArrowRight')
      ui.tap('End')
      expect(ui.stepNumber()).toBe(at)
      expect(
        within(card).getByText(/^Answer first: the journey goes on once you have answered/),
      ).toBeInTheDocument()

      // Committing without a choice says what to do, where it happened.
      await ui.user.click(within(card).getByRole('button', { name: 'Check answer' }))
      const group = within(card).getByRole('group', { name: /handler/ })
      expect(group).toHaveAttribute('aria-invalid', 'true')
      expect(group).toHaveAccessibleDescription('Pick one answer first.')

      // Both questions stop before the same event: the second is asked before any reveal,
      // because the first one's explanation ("no view is ever called") would answer it.
      await ui.user.click(within(card).getByRole('radio', { name: 'Yes' }))
      await ui.user.click(within(card).getByRole('button', { name: 'Check answer' }))
      expect(within(card).queryByText('Not quite.')).toBeNull()
      expect(within(card).queryByText(/no view is ever called/)).toBeNull()
      expect(within(card).getByText(/Your answer is saved/)).toBeInTheDocument()
      expect(
        within(card).getByRole('heading', { name: 'Which layer answers this request?' }),
      ).toHaveFocus()
      const answer = findLesson('router-says-404')!.checkpoints[1]!
      expect(answer.kind === 'choice' && answer.answer(trace)).toBe('Router')
      await ui.user.click(within(card).getByRole('radio', { name: 'Router' }))
      await ui.user.click(within(card).getByRole('button', { name: 'Check answer' }))

      // Then both are revealed, each under its question: the wrong one in words and icon.
      expect(within(card).getByText('Not quite.')).toBeInTheDocument()
      expect(within(card).getByText(/no view is ever called/)).toBeInTheDocument()
      expect(within(card).getByText('Right.')).toBeInTheDocument()
      expect(within(card).getByText(/It is “Router”/)).toBeInTheDocument()
      const live = card.querySelector('.lesson-live')!
      expect(live).toHaveAttribute('aria-live', 'polite')
      expect(live).toHaveTextContent(/Will the handler.*Not quite\..*the answer is “No”.*Right\./)
      expect(live.getAttribute('role')).toBeNull()
      expect(screen.getAllByRole('status')).toHaveLength(1)
      expect(within(card).getByRole('button', { name: 'Continue' })).toHaveFocus()

      // Continue plays on to the end, where the score waits.
      await ui.user.click(within(card).getByRole('button', { name: 'Continue' }))
      expect(useStore.getState().playing).toBe(true)
      await wait(120_000)
      expect(ui.stepNumber()).toBe(trace.events.length)
      const score = within(lessonCard()).getByText('Lesson complete: 1 of 2 right.')
      expect(score).toHaveFocus()
      expect(
        within(lessonCard()).getByRole('button', { name: /^Next lesson: / }),
      ).toBeInTheDocument()

      // Kept in localStorage, in a form the next visit reads back.
      expect(JSON.parse(localStorage.getItem(LESSON_SCORES_KEY)!)).toEqual({
        version: 1,
        scores: { 'router-says-404': { right: 1, total: 2 } },
      })
      expect(readLessonScores()).toEqual({ 'router-says-404': { right: 1, total: 2 } })
    },
  )

  it(
    'opens lessons and scenarios from the library, shows scores, and searches',
    { timeout: 20_000 },
    async () => {
      localStorage.removeItem(LESSON_SCORES_KEY)
      useStore.setState({ lessonScores: { 'logging-order': { right: 2, total: 2 } } })
      const ui = renderApp()
      const libraryButton = screen.getByRole('button', { name: 'Library' })
      await ui.user.click(libraryButton)
      const dialog = await screen.findByRole('dialog', { name: 'Library' })
      const search = within(dialog).getByRole('searchbox', { name: 'Search' })
      expect(search).toHaveFocus()

      // Every shelf, and the lessons with their scores.
      for (const shelf of [
        'Lessons',
        'Basics',
        'Status codes',
        'Network and connections',
        'Middleware order',
        'Performance',
        'Security',
      ])
        expect(within(dialog).getByRole('region', { name: new RegExp(`^${shelf}`) })).toBeVisible()
      const lessonsShelf = within(dialog).getByRole('region', { name: /^Lessons/ })
      const logging = within(lessonsShelf).getByRole('link', { name: 'Logging inside auth' })
      expect(logging.closest('li')).toHaveTextContent('Last score: 2 of 2 right')
      expect(logging).toHaveAttribute('href', '#lesson=logging-order')

      // Search by status: the count is announced politely.
      await ui.user.type(search, '504')
      const count = within(dialog).getByText(/match\.$/)
      expect(count).toHaveAttribute('aria-live', 'polite')
      // The gateway timeout ends in 504; the overloaded server's goal says how to reach one.
      expect(count).toHaveTextContent('2 scenarios and 0 lessons match.')
      const timeout = within(dialog).getByRole('link', {
        name: 'A report slower than the proxy waits',
      })
      expect(timeout).toHaveAttribute('href', '#scenario=gateway-timeout')
      await ui.user.clear(search)
      await ui.user.type(search, 'zzzz')
      expect(within(dialog).getByText('Nothing matches “zzzz”.')).toBeInTheDocument()
      await ui.user.clear(search)
      await ui.user.type(search, 'gateway-timeout')

      // Choosing opens it, writes the link, closes the library and gives focus back.
      await ui.user.click(within(dialog).getByRole('link', { name: /slower than the proxy/ }))
      expect(screen.queryByRole('dialog')).toBeNull()
      expect(useStore.getState().scenarioId).toBe('gateway-timeout')
      expect(window.location.hash).toContain('scenario=gateway-timeout')
      expect(libraryButton).toHaveFocus()

      // A lesson from the library starts it: its card takes focus.
      await ui.user.click(libraryButton)
      const again = await screen.findByRole('dialog', { name: 'Library' })
      await ui.user.click(within(again).getByRole('link', { name: 'Logging inside auth' }))
      const title = await screen.findByRole('heading', { name: 'Logging inside auth' })
      await waitFor(() => expect(title).toHaveFocus())
      expect(useStore.getState().scenarioId).toBe('logging-inside-auth')
      expect(window.location.hash).toContain('lesson=logging-order')
    },
  )

  it('ends the lesson, and drops it from the link, when another scenario opens', async () => {
    const ui = renderApp({ hash: '#lesson=cors-order' })
    await screen.findByRole('region', { name: 'CORS inside error handling' })
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), 'get-user')
    expect(screen.queryByRole('region', { name: 'CORS inside error handling' })).toBeNull()
    expect(useStore.getState().lessonId).toBeNull()
    expect(window.location.hash).not.toContain('lesson=')
  })

  it('says so when a link names a lesson that does not exist', async () => {
    renderApp({ hash: '#lesson=no-such-lesson' })
    expect(await screen.findByText(/lesson "no-such-lesson" that does not exist/)).toBeVisible()
    expect(useStore.getState().lessonId).toBeNull()
  })
})
