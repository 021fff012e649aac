import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import { MIN_PROPORTIONAL_STEP_MS, PROPORTIONAL_STRETCH } from '../../src/ui/playback/pacing'
import { renderApp } from './driver'
import { useCleanApp, useFakeClock } from './setup'

const getUser = findScenario('get-user')!
const { events } = simulate({ scenario: getUser.scenario, request: getUser.request, seed: 1 })
const firstOf = (stage: string) => events.findIndex((e) => e.stage === stage) + 1

describe('jumping a layer at a time', () => {
  useCleanApp()

  it('"Next layer" and "Previous layer" go to the first step of the next or previous layer', async () => {
    const ui = renderApp()
    await ui.send()
    const next = screen.getByRole('button', { name: 'Next layer' })
    const previous = screen.getByRole('button', { name: 'Previous layer' })
    await ui.user.click(next)
    expect(ui.stepNumber()).toBe(firstOf('dns'))
    await ui.user.click(next)
    expect(ui.stepNumber()).toBe(firstOf('tcp'))
    await ui.user.click(previous)
    expect(ui.stepNumber()).toBe(firstOf('dns'))
    await ui.user.click(previous)
    expect(ui.stepNumber()).toBe(1)
    // Already in the first layer: stays on step 1.
    await ui.user.click(previous)
    expect(ui.stepNumber()).toBe(1)
  })

  it('] and Shift+→ jump forward, [ and Shift+← jump back', async () => {
    const ui = renderApp()
    await ui.send()
    ;(document.activeElement as HTMLElement | null)?.blur()
    await ui.press(']')
    expect(ui.stepNumber()).toBe(firstOf('dns'))
    await ui.press('{Shift>}{ArrowRight}{/Shift}')
    expect(ui.stepNumber()).toBe(firstOf('tcp'))
    await ui.press('{Shift>}{ArrowRight}{/Shift}')
    expect(ui.stepNumber()).toBe(firstOf('tls'))
    await ui.press('[[')
    expect(ui.stepNumber()).toBe(firstOf('tcp'))
    await ui.press('{Shift>}{ArrowLeft}{/Shift}')
    expect(ui.stepNumber()).toBe(firstOf('dns'))
  })

  it('treats each middleware ring as its own layer', async () => {
    const unauthorized = findScenario('unauthorized')!
    const trace = simulate({ scenario: unauthorized.scenario, request: unauthorized.request })
    const logging = trace.events.findIndex((e) => e.stage === 'middleware:logging')
    const auth = trace.events.findIndex((e) => e.stage === 'middleware:auth')
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    act(() => useStore.getState().seek(logging))
    await ui.user.click(screen.getByRole('button', { name: 'Next layer' }))
    expect(ui.stepNumber()).toBe(auth + 1)
  })

  it('jumps are disabled until there is a trace', () => {
    renderApp()
    expect(screen.getByRole('button', { name: 'Next layer' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Previous layer' })).toBeDisabled()
  })
})

describe('the playhead slider', () => {
  useCleanApp()

  it('is a keyboard-operable slider named "Playhead" that says which step it is on', async () => {
    const ui = renderApp()
    const slider = screen.getByRole('slider', { name: 'Playhead' })
    expect(slider).toHaveAttribute('aria-disabled', 'true')
    await ui.send()
    expect(slider).not.toHaveAttribute('aria-disabled')
    expect(slider).toHaveAttribute('aria-valuemin', '1')
    expect(slider).toHaveAttribute('aria-valuemax', String(events.length))
    expect(slider).toHaveAttribute('aria-valuenow', '1')
    expect(slider).toHaveAttribute(
      'aria-valuetext',
      `Step 1 of ${events.length}: ${events[0]!.title}`,
    )

    slider.focus()
    await ui.press('{ArrowRight}{ArrowUp}')
    expect(slider).toHaveAttribute('aria-valuenow', '3')
    expect(ui.stepNumber()).toBe(3)
    await ui.press('{ArrowDown}')
    expect(ui.stepNumber()).toBe(2)
    await ui.press('{End}')
    expect(slider).toHaveAttribute('aria-valuenow', String(events.length))
    expect(ui.finalStatus()).toBe('200 OK')
    await ui.press('{Home}')
    expect(ui.stepNumber()).toBe(1)
    await ui.press('{PageDown}')
    expect(ui.stepNumber()).toBe(2)
    // Shift+→ on the slider is still the page's layer jump.
    await ui.press('{Shift>}{ArrowRight}{/Shift}')
    expect(ui.stepNumber()).toBe(firstOf('dns'))
  })

  it('scrubs to the step under the pointer, and follows a drag', async () => {
    const ui = renderApp()
    await ui.send()
    const slider = screen.getByRole('slider', { name: 'Playhead' })
    const track = slider.querySelector<HTMLElement>('.scrub-track')!
    vi.spyOn(track, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 100, y: 0, width: 330, height: 10 }),
    )
    const last = events.length - 1
    fireEvent.pointerDown(slider, { clientX: 100 + 330 * (10 / last), button: 0, pointerId: 1 })
    expect(ui.stepNumber()).toBe(11)
    fireEvent.pointerMove(slider, { clientX: 100 + 330, pointerId: 1 })
    expect(ui.stepNumber()).toBe(events.length)
    fireEvent.pointerUp(slider, { pointerId: 1 })
    fireEvent.pointerMove(slider, { clientX: 100, pointerId: 1 })
    expect(ui.stepNumber()).toBe(events.length)
    expect(slider).toHaveFocus()
  })
})

describe('pacing', () => {
  useCleanApp()

  it('"Proportional" plays real time stretched: each step lasts its duration × the stretch', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'Pacing' }), 'proportional')
    expect(useStore.getState().pacing).toBe('proportional')
    const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))
    const hold = (index: number) =>
      Math.max(MIN_PROPORTIONAL_STEP_MS, events[index]!.duration * PROPORTIONAL_STRETCH)

    // Jump to the resolver query (a few ms of virtual time: most of a second on screen).
    const query = events.findIndex((e) => e.type === 'dns:query')
    act(() => useStore.getState().seek(query))
    await ui.play()
    await wait(hold(query) - 10)
    expect(ui.stepNumber()).toBe(query + 1)
    // Taken just after the first frame once its time is up (the fake clock's frames: 16 ms).
    await wait(10 + 17)
    expect(ui.stepNumber()).toBe(query + 2)
    await ui.pause()
  })
})

describe('the help dialog', () => {
  useCleanApp()

  it('opens from the "?" button as a modal dialog, lists every shortcut, and Escape returns focus', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal')
    const ui = renderApp()
    await ui.send()
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' })
    await ui.user.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    // A native modal <dialog>: the browser makes the page behind inert and keeps Tab inside
    // (jsdom does not; the end-to-end dialog tests check both in Chromium).
    expect(dialog.tagName).toBe('DIALOG')
    expect(showModal).toHaveBeenCalledOnce()
    expect(dialog).toHaveAttribute('open')
    for (const action of [
      'Play or pause',
      'Step forward one event',
      'Step back one event',
      'Jump to the next layer',
      'Jump to the previous layer',
      'First step',
      'Last step',
      'Show these shortcuts',
    ])
      expect(within(dialog).getByText(action)).toBeInTheDocument()
    for (const key of ['Space', '→', '←', 'Page Down', 'Page Up', 'Home', 'End', '[', ']', '?'])
      expect(within(dialog).getAllByText(key).length).toBeGreaterThan(0)

    const close = within(dialog).getByRole('button', { name: 'Close' })
    expect(close).toHaveFocus()

    // The page's keys wait while the dialog is open.
    await ui.press('{ArrowRight}')
    expect(ui.stepNumber()).toBe(1)

    await ui.press('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(opener).toHaveFocus()
    showModal.mockRestore()
  })

  it('opens with the ? key and gives the focus back to where it was', async () => {
    const ui = renderApp()
    await ui.send()
    const forward = screen.getByRole('button', { name: 'Step forward' })
    forward.focus()
    await ui.press('?')
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument()
    await ui.user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(forward).toHaveFocus()
  })
})
