import { screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCENARIO_ID, findScenario, scenarios } from '../../src/engine'
import { decodeState } from '../../src/link/hash'
import { useStore } from '../../src/store'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

const picker = () => screen.getByRole('combobox', { name: 'Scenario' })

describe('choosing a scenario', () => {
  useCleanApp()

  it('opens the scenario named in #scenario=<id>', () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    expect(picker()).toHaveValue('not-found')
    expect(ui.requestLine()).toBe('GET https://api.example.com/userz/42')
  })

  it('falls back to the default with a one-line notice for an unknown id', () => {
    renderApp({ hash: '#scenario=no-such-thing' })
    expect(picker()).toHaveValue(DEFAULT_SCENARIO_ID)
    expect(screen.getByText(/no-such-thing/)).toHaveTextContent(
      `"${findScenario(DEFAULT_SCENARIO_ID)!.title}" is open instead`,
    )
  })

  it('never throws on a malformed hash', () => {
    for (const hash of [
      '#scenario=%E0%A4%A',
      '#%%%',
      '#scenario',
      '#scenario=&scenario=x',
      '#=',
      '#step=abc',
    ])
      expect(() => decodeState(hash)).not.toThrow()
    expect(decodeState('#scenario=%E0%A4%A').state.scenarioId).toBe(DEFAULT_SCENARIO_ID)
    expect(decodeState('#step=4').notice).toBeNull()
    expect(decodeState('').state.scenarioId).toBe(DEFAULT_SCENARIO_ID)
  })

  it('offers every curated scenario in the labelled picker', () => {
    renderApp()
    const options = Array.from(picker().querySelectorAll('option')).map((o) => o.value)
    expect(options).toEqual(scenarios.map((s) => s.id))
  })

  it('switching in the picker loads the scenario, clears the old trace and updates the link', async () => {
    const ui = renderApp({ hash: '#host=canvas' })
    await ui.send()
    await ui.step(2)
    await ui.user.selectOptions(picker(), 'not-found')
    expect(useStore.getState().trace).toBeNull()
    expect(ui.status()).toMatch(/Send request/)
    expect(ui.currentGroup()).toBeNull()
    const link = () => new URLSearchParams(window.location.hash.slice(1))
    expect(link().get('scenario')).toBe('not-found')
    // Keys owned by other features are kept; the old trace's step goes with the trace.
    await waitFor(() => expect(link().has('step')).toBe(false))
    expect(link().get('host')).toBe('canvas')
  })

  it('follows the hash when it changes (a link clicked on the same page)', () => {
    renderApp()
    window.location.hash = '#scenario=not-found'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    expect(useStore.getState().scenarioId).toBe('not-found')
  })
})
