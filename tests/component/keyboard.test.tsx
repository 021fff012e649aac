import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useStore } from '../../src/store'
import { fakeTransport, renderApp } from './driver'
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

  it('Space plays on a focused playback button, as the help says; Enter presses the button', async () => {
    const ui = renderApp()
    await ui.send()
    screen.getByRole('button', { name: 'Step forward' }).focus()
    await ui.press(' ')
    expect(ui.stepNumber()).toBe(1)
    expect(useStore.getState().playing).toBe(true)
    await ui.press(' ')
    expect(useStore.getState().playing).toBe(false)
    await ui.press('{Enter}')
    expect(ui.stepNumber()).toBe(2)
  })

  it('Space on "Send request" after a send plays the trace instead of sending it again', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ transport })
    await ui.send()
    const send = screen.getByRole('button', { name: 'Send request' })
    expect(send).toHaveFocus()
    await ui.press(' ')
    expect(transport.calls).toHaveLength(1)
    expect(useStore.getState().playing).toBe(true)
    // Enter (or a click) still sends again: on purpose, not by accident.
    await ui.press('{Enter}')
    await ui.settle()
    expect(transport.calls).toHaveLength(2)
  })

  it('inside a form Space presses the focused button, except Send request', async () => {
    const transport = fakeTransport()
    const ui = renderApp({ transport })
    await ui.send()
    await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
    const panel = await screen.findByRole('tabpanel', { name: 'Request' })
    const add = await within(panel).findByRole('button', { name: 'Add header' })
    add.focus()
    await ui.press(' ')
    expect(within(panel).getByRole('textbox', { name: 'Header 1 name' })).toBeInTheDocument()
    expect(useStore.getState().playing).toBe(false)
    within(panel).getByRole('button', { name: 'Send request' }).focus()
    await ui.press(' ')
    expect(useStore.getState().playing).toBe(true)
    expect(transport.calls).toHaveLength(1)
  })
})

describe('Space in the lesson card', () => {
  useCleanApp()

  it(
    'plays from the lesson’s title (not a control); presses the card’s own buttons',
    { timeout: 20_000 },
    async () => {
      const ui = renderApp({ hash: '#lesson=logging-order' })
      const title = await screen.findByRole(
        'heading',
        { name: 'Logging inside auth', level: 2 },
        { timeout: 5000 },
      )
      await waitFor(() => expect(ui.stepNumber()).toBe(1), { timeout: 5000 })
      title.focus()
      await ui.press(' ')
      expect(useStore.getState().playing).toBe(true)
      await ui.press(' ')
      expect(useStore.getState().playing).toBe(false)
      // "Leave lesson" is the card's: Space presses it.
      screen.getByRole('button', { name: 'Leave lesson' }).focus()
      await ui.press(' ')
      expect(useStore.getState().lessonId).toBeNull()
    },
  )
})

describe('Space after "Open presenter view"', () => {
  useCleanApp()

  it('plays instead of opening the presenter window again', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const ui = renderApp()
    await ui.send()
    await ui.press('p')
    const button = screen.getByRole('button', { name: 'Open presenter view' })
    button.focus()
    await ui.press(' ')
    expect(open).not.toHaveBeenCalled()
    expect(useStore.getState().playing).toBe(true)
    open.mockRestore()
  })
})
