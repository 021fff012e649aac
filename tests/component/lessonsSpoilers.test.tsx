import { act, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { findLesson, findScenario, simulate } from '../../src/engine'
import { LESSON_SCORES_KEY, selectRevealLimit, useStore } from '../../src/store'
import { renderApp } from './driver'
import { useCleanApp, useFakeClock } from './setup'

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))

/** The trace the lesson plays, computed here independently of the app. */
const lessonTrace = (lessonId: string) => {
  const curated = findScenario(findLesson(lessonId)!.scenarioId)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const dots = (el: HTMLElement) => el.querySelectorAll('.event').length
const ring = (name: string) =>
  [...document.querySelectorAll<HTMLElement>('.mw-block')].find((b) =>
    b.querySelector('.mw-name-full')?.textContent?.includes(name),
  )!
const railGroups = () =>
  new Set([...document.querySelectorAll<HTMLElement>('.scrub-segment')].map((s) => s.dataset.group))

describe('lessons keep the answer hidden until it is given', () => {
  useCleanApp()

  it(
    'shows only the steps so far while a question waits, and everything once answered',
    { timeout: 30_000 },
    async () => {
      localStorage.removeItem(LESSON_SCORES_KEY)
      await useFakeClock()
      const trace = lessonTrace('logging-order')
      const firstAt = findLesson('logging-order')!.checkpoints[0]!.at(trace)!
      // The question stops before the middleware: auth answers there, logging never runs.
      expect(trace.events[firstAt]!.stage).toBe('middleware:auth')
      expect(trace.events.some((e) => e.stage === 'middleware:logging')).toBe(false)
      expect(trace.events.some((e) => e.layer === 'handler')).toBe(false)

      const ui = renderApp({ hash: '#lesson=logging-order' })
      await wait(0)
      await wait(0)
      const card = await screen.findByRole('region', { name: 'Logging inside auth' })
      await ui.play()
      await wait(120_000)
      expect(ui.stepNumber()).toBe(firstAt)
      within(card).getByRole('heading', { name: /Will the logging middleware record/ })
      expect(selectRevealLimit(useStore.getState())).toBe(firstAt - 1)

      // The middleware will be reached, the router and handler never: now they look the same.
      const middleware = ui.group('Middleware')
      const router = ui.group('Router')
      const handler = ui.group('Handler')
      expect(middleware.dataset.state).toBe('pending')
      expect(router.dataset.state).toBe(middleware.dataset.state)
      expect(handler.dataset.state).toBe(middleware.dataset.state)
      for (const band of [middleware, router, handler]) {
        expect(dots(band)).toBe(0)
        expect(band.querySelector('.band-total')).toHaveTextContent('')
      }
      // No ring gives away which middleware will run.
      expect(ring('Logging')).toBeDefined()
      for (const name of ['Logging', 'Auth']) {
        expect(dots(ring(name))).toBe(0)
        expect(ring(name).dataset.in).toBeUndefined()
      }
      // The network band counts only the steps so far, not the way back.
      const networkSoFar = trace.events
        .slice(0, firstAt)
        .filter((e) => ['dns', 'tcp', 'tls'].includes(e.layer)).length
      expect(dots(ui.group('Network'))).toBe(networkSoFar)
      // The client still waits; the rail is coloured only as far as the playhead.
      expect(ui.finalStatus()).toBe('—')
      expect(ui.group('Client')).toHaveTextContent('on its way…')
      expect(railGroups().has('middleware')).toBe(false)
      expect(document.querySelector('.scrub-turn')).toBeNull()
      expect(document.querySelector('.progress-text')).not.toHaveTextContent(/ of /)

      // Answered, but the next question (the status) still waits: nothing further shows yet.
      await ui.user.click(within(card).getByRole('radio', { name: 'No' }))
      await ui.user.click(within(card).getByRole('button', { name: 'Check answer' }))
      expect(within(card).getByText('Right.')).toBeInTheDocument()
      expect(dots(ring('Auth'))).toBe(0)
      await ui.user.click(within(card).getByRole('button', { name: 'Continue' }))
      await wait(120_000)
      within(card).getByRole('heading', { name: 'Which status will come back?' })
      // Auth's check is now in the past; its 401 is not.
      expect(dots(ring('Auth'))).toBe(1)
      expect(dots(ring('Logging'))).toBe(0)
      expect(ui.finalStatus()).toBe('—')

      // The last answer given: the whole journey shows again, as outside lessons.
      await ui.user.click(within(card).getByRole('radio', { name: '401' }))
      await ui.user.click(within(card).getByRole('button', { name: 'Check answer' }))
      expect(selectRevealLimit(useStore.getState())).toBeNull()
      const network = trace.events.filter((e) => ['dns', 'tcp', 'tls'].includes(e.layer)).length
      expect(dots(ui.group('Network'))).toBe(network)
      expect(dots(ring('Auth'))).toBe(
        trace.events.filter((e) => e.stage === 'middleware:auth').length,
      )
      expect(railGroups().has('middleware')).toBe(true)
      expect(document.querySelector('.scrub-turn')).not.toBeNull()
      expect(document.querySelector('.progress-text')).toHaveTextContent(/ of /)
      await ui.user.click(within(card).getByRole('button', { name: 'Continue' }))
      await wait(120_000)
      expect(ui.finalStatus()).toMatch(/^401/)
      expect(ui.group('Router').dataset.state).toBe('skipped')
    },
  )

  it('changes nothing outside a lesson: every step of the trace shows from the start', async () => {
    const ui = renderApp({ hash: '#scenario=logging-inside-auth' })
    await ui.send()
    expect(selectRevealLimit(useStore.getState())).toBeNull()
    const trace = useStore.getState().trace!
    expect(dots(ring('Auth'))).toBe(
      trace.events.filter((e) => e.stage === 'middleware:auth').length,
    )
    expect(railGroups().has('middleware')).toBe(true)
  })
})
