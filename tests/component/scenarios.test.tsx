import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { scenarios } from '../../src/engine'
import { middlewareName } from '../../src/ui/model/middleware'
import { GROUP_NAMES, renderApp, renderJourney } from './driver'
import { useCleanApp } from './setup'

// Picked by what they show, not by id, so the engine can rename or add scenarios freely.
const networkFailure = scenarios.find((s) => s.expectedStatus === null)
const deepStack = [...scenarios].sort(
  (a, b) => b.scenario.middleware.length - a.scenario.middleware.length,
)[0]!

describe('every curated scenario', () => {
  useCleanApp()

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s: steps to the end with one current layer at a time and the expected outcome',
    async (id, curated) => {
      // The journey alone: walking every step of the whole App is what made this file slow.
      const ui = renderJourney({ scenario: id })
      await ui.send()
      const total = ui.stepCount()!
      for (let step = 2; step <= total; step++) {
        ui.stepForward()
        expect(GROUP_NAMES).toContain(ui.currentGroup())
      }
      expect(ui.stepNumber()).toBe(total)
      if (curated.expectedStatus !== null)
        // Over HTTP/2 the status travels alone: no reason phrase follows the number.
        expect(ui.finalStatus()).toMatch(new RegExp(`^${curated.expectedStatus}( |$)`))
      else expect(ui.finalStatus()).toMatch(/^ERR_/)
    },
    // Walking a long trace in jsdom takes a few seconds on a busy machine.
    20_000,
  )
})

describe('a network failure', () => {
  useCleanApp()

  it.runIf(networkFailure)('shows the error code, and says where the request stopped', async () => {
    const ui = renderApp({ hash: `#scenario=${networkFailure!.id}` })
    await ui.send()
    await ui.press('{End}')
    expect(ui.finalStatus()).toMatch(/^ERR_[A-Z_]+$/)
    expect(ui.group('Handler')).toHaveTextContent(/Not reached: the request failed in /)
    expect(ui.packet()).toHaveTextContent(ui.finalStatus())
  })
})

describe('the middleware stack', () => {
  useCleanApp()

  it('nests the configured middleware outermost first', () => {
    renderApp({ hash: `#scenario=${deepStack.id}` })
    const names = deepStack.scenario.middleware.map((m) => middlewareName(m.kind))
    expect(names.length).toBeGreaterThan(1)
    let block: HTMLElement | null = ui().querySelector('.mw-block')
    for (const name of names) {
      expect(block).not.toBeNull()
      expect(within(block!).getAllByText(name)[0]).toBeVisible()
      block = block!.querySelector(':scope > .mw-block')
    }
  })
})

const ui = () => screen.getByRole('group', { name: 'Middleware' })
