import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

describe('keyboard', () => {
  useCleanApp()

  it('→ / ← step, Home / End jump to the first / last step', async () => {
    const ui = renderApp()
    await ui.send()
    const total = ui.stepCount()!
    await ui.press('{ArrowRight}{ArrowRight}{ArrowRight}')
    expect(ui.stepNumber()).toBe(4)
    await ui.press('{ArrowLeft}')
    expect(ui.stepNumber()).toBe(3)
    await ui.press('{End}')
    expect(ui.stepNumber()).toBe(total)
    await ui.press('{ArrowRight}')
    expect(ui.stepNumber()).toBe(total)
    await ui.press('{Home}')
    expect(ui.stepNumber()).toBe(1)
  })

  it('PageDown / PageUp step too (what a presenter’s clicker sends)', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.press('{PageDown}{PageDown}')
    expect(ui.stepNumber()).toBe(3)
    await ui.press('{PageUp}')
    expect(ui.stepNumber()).toBe(2)
  })

  it('ignores the keys while the focus is in a text field', async () => {
    const ui = renderApp({ extra: <input aria-label="Notes" /> })
    await ui.send()
    await ui.user.click(screen.getByRole('textbox', { name: 'Notes' }))
    await ui.press('{ArrowRight}{ArrowRight}{End} ')
    expect(ui.stepNumber()).toBe(1)
    expect(screen.getByRole('textbox', { name: 'Notes' })).toHaveValue(' ')
  })

  it('ignores the keys while a select has the focus', async () => {
    const ui = renderApp()
    await ui.send()
    screen.getByRole('combobox', { name: 'Speed' }).focus()
    await ui.press('{ArrowRight}{End}')
    expect(ui.stepNumber()).toBe(1)
  })

  it('ignores keys with Ctrl, Alt or Meta held (browser shortcuts)', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.press('{Control>}{ArrowRight}{/Control}{Alt>}{ArrowRight}{/Alt}')
    expect(ui.stepNumber()).toBe(1)
  })

  it('lets Space press a focused button instead of also toggling playback', async () => {
    const ui = renderApp()
    await ui.send()
    screen.getByRole('button', { name: 'Step forward' }).focus()
    await ui.press(' ')
    expect(ui.stepNumber()).toBe(2)
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
  })
})
