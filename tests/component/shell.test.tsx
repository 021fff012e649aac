import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useStore } from '../../src/store'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

const tab = (name: string) => screen.getByRole('tab', { name })
const panelOf = (name: string) => {
  const id = tab(name).getAttribute('aria-controls')!
  return document.getElementById(id)!
}

describe('the detail tabs', () => {
  useCleanApp()

  it('offer the five reading tabs then Request and App, with Explain open first', () => {
    renderApp()
    const list = screen.getByRole('tablist')
    expect(
      within(list)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Explain', 'Inspector', 'Timeline', 'Network', 'Code', 'Request', 'App'])
    expect(tab('Explain')).toHaveAttribute('aria-selected', 'true')
    expect(tab('Explain')).toHaveAttribute('tabindex', '0')
    expect(tab('Inspector')).toHaveAttribute('tabindex', '-1')
    expect(panelOf('Explain')).toBeVisible()
    expect(panelOf('Explain')).toHaveAttribute('role', 'tabpanel')
    expect(panelOf('Explain')).toHaveAttribute('aria-labelledby', tab('Explain').id)
    expect(panelOf('Inspector')).not.toBeVisible()
  })

  it('move with the arrow keys, Home and End (focus and selection together), without stepping', async () => {
    const ui = renderApp()
    await ui.send()
    tab('Explain').focus()
    await ui.press('{ArrowRight}')
    expect(tab('Inspector')).toHaveFocus()
    expect(tab('Inspector')).toHaveAttribute('aria-selected', 'true')
    expect(tab('Explain')).toHaveAttribute('aria-selected', 'false')
    expect(panelOf('Inspector')).toBeVisible()
    expect(panelOf('Explain')).not.toBeVisible()
    await ui.press('{End}')
    expect(tab('App')).toHaveFocus()
    await ui.press('{ArrowRight}')
    expect(tab('Explain')).toHaveFocus()
    await ui.press('{ArrowLeft}')
    expect(tab('App')).toHaveFocus()
    await ui.press('{Home}')
    expect(tab('Explain')).toHaveAttribute('aria-selected', 'true')
    // Those keys belonged to the tabs: the playhead did not move.
    expect(ui.stepNumber()).toBe(1)
  })

  it('load a panel the first time its tab opens, and keep it', async () => {
    const ui = renderApp()
    await ui.send()
    const timeline = panelOf('Timeline')
    expect(timeline).toBeEmptyDOMElement()
    await ui.user.click(tab('Timeline'))
    await waitFor(() => expect(timeline.querySelector('.panel-loading')).toBeNull())
    expect(timeline).not.toBeEmptyDOMElement()
    await ui.user.click(tab('Explain'))
    expect(timeline).not.toBeEmptyDOMElement()
    expect(timeline).not.toBeVisible()
  })

  it('open the Request tab when the request line in the client band is chosen', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.user.click(screen.getByRole('button', { name: /^Edit request:/ }))
    expect(tab('Request')).toHaveAttribute('aria-selected', 'true')
    expect(panelOf('Request')).toBeVisible()
    expect(panelOf('Explain')).not.toBeVisible()
  })
})

describe('the display menu', () => {
  useCleanApp()

  it('sets the theme and the motion switch, and Escape closes it back onto its button', async () => {
    const ui = renderApp()
    const button = screen.getByRole('button', { name: 'Display' })
    expect(button).toHaveAttribute('aria-expanded', 'false')
    await ui.user.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')
    await ui.user.click(screen.getByRole('radio', { name: 'Dark' }))
    expect(useStore.getState().theme).toBe('dark')
    await ui.user.click(screen.getByRole('switch', { name: 'Reduce motion' }))
    expect(useStore.getState().motion).toBe('reduce')
    await ui.user.keyboard('{Escape}')
    expect(button).toHaveAttribute('aria-expanded', 'false')
    expect(button).toHaveFocus()
  })
})

describe('explanation depth', () => {
  useCleanApp()

  it('is a radio group of Simple, Standard and Deep bound to the store', async () => {
    const ui = renderApp()
    const group = screen.getByRole('radiogroup', { name: 'Explanation depth' })
    const radios = within(group).getAllByRole('radio')
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual([
      'Simple',
      'Standard',
      'Deep',
    ])
    expect(within(group).getByRole('radio', { name: 'Standard' })).toBeChecked()

    await ui.user.click(within(group).getByRole('radio', { name: 'Deep' }))
    expect(useStore.getState().depth).toBe('deep')
    expect(within(group).getByRole('radio', { name: 'Deep' })).toBeChecked()

    await ui.user.click(within(group).getByRole('radio', { name: 'Simple' }))
    expect(useStore.getState().depth).toBe('simple')
  })

  it('moves with the arrow keys, which do not step the journey', async () => {
    const ui = renderApp()
    await ui.send()
    within(screen.getByRole('radiogroup', { name: 'Explanation depth' }))
      .getByRole('radio', { name: 'Standard' })
      .focus()
    await ui.press('{ArrowRight}')
    expect(useStore.getState().depth).toBe('deep')
    await ui.press('{ArrowLeft}{ArrowLeft}')
    expect(useStore.getState().depth).toBe('simple')
    expect(ui.stepNumber()).toBe(1)
  })

  it('follows the store when something else changes it', () => {
    renderApp()
    act(() => useStore.getState().setDepth('deep'))
    expect(screen.getByRole('radio', { name: 'Deep' })).toBeChecked()
  })
})
