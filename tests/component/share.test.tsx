import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { findScenario } from '../../src/engine'
import type { Scenario } from '../../src/engine'
import { encodeState } from '../../src/link/hash'
import { useStore } from '../../src/store'
import { renderApp, selectedText } from './driver'
import { useCleanApp } from './setup'

const link = () => new URLSearchParams(window.location.hash.slice(1))

describe('deep links', () => {
  useCleanApp()
  afterEach(() => {
    delete document.documentElement.dataset.theme
  })

  it('a link with a step sends the request itself and opens at that step', async () => {
    const ui = renderApp({ hash: '#scenario=not-found&step=4&depth=deep' })
    await waitFor(() => expect(ui.stepNumber()).toBe(4))
    expect(ui.requestLine()).toBe('GET https://api.example.com/userz/42')
    expect(useStore.getState().depth).toBe('deep')
  })

  it('a link carrying an edited app and request opens them', async () => {
    const base = findScenario('get-user')!
    const scenario: Scenario = { ...base.scenario, framework: 'django' }
    const hash = encodeState({
      scenarioId: 'get-user',
      scenario,
      request: { method: 'GET', url: 'https://api.example.com/users/7' },
      step: 2,
    })
    const ui = renderApp({ hash: `#${hash}` })
    expect(ui.requestLine()).toBe('GET https://api.example.com/users/7')
    await waitFor(() => expect(ui.stepNumber()).toBe(2))
    expect(useStore.getState().working.scenario.framework).toBe('django')
    expect(useStore.getState().scenarioNotice).toBeNull()
  })

  it('a tampered link opens the default scenario and says what was wrong', () => {
    const hash = encodeState({
      scenarioId: 'not-found',
      scenario: { ...findScenario('not-found')!.scenario, framework: 'rails' as 'flask' },
    })
    const ui = renderApp({ hash: `#${hash}` })
    expect(
      screen.getByText(/^The link's app could not be read: framework must be one of/),
    ).toBeInTheDocument()
    expect(ui.requestLine()).toBe('GET https://api.example.com/users/42')
  })

  it('the address bar follows the step, and a theme in the link sets the page theme', async () => {
    const ui = renderApp({ hash: '#theme=dark&lesson=intro' })
    expect(document.documentElement.dataset.theme).toBe('dark')
    await ui.send()
    await ui.step(2)
    await waitFor(() => expect(link().get('step')).toBe('3'))
    expect(link().get('theme')).toBe('dark')
    expect(link().get('lesson')).toBe('intro')
  })

  it('keeps working where history changes are refused (a sandboxed frame)', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    const refuse = vi.spyOn(window.history, 'replaceState').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError')
    })
    await ui.send()
    await ui.step(2)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(refuse).toHaveBeenCalled()
    expect(ui.stepNumber()).toBe(3)
    refuse.mockRestore()
  })
})

describe('the Share dialog', () => {
  useCleanApp()

  const open = async (ui: ReturnType<typeof renderApp>) => {
    await ui.user.click(screen.getByRole('button', { name: 'Share' }))
    return screen.findByRole('dialog', { name: 'Share or embed' }, { timeout: 5000 })
  }

  it('offers the link to this step and the embed snippets with the same state', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    await ui.send()
    await ui.step(2)
    const dialog = await open(ui)
    const linkField = within(dialog).getByRole('textbox', { name: 'Link to this moment' })
    const url = new URL((linkField as HTMLInputElement).value)
    expect(url.hash).toBe('#scenario=not-found&step=3')

    const iframe = (within(dialog).getByRole('textbox', { name: 'iframe' }) as HTMLTextAreaElement)
      .value
    expect(iframe).toMatch(/^<iframe src="[^"]*\/embed\.html#scenario=not-found&amp;step=3"/)
    expect(iframe).toContain('title="Roundtrip: ')
    expect(iframe).toContain('loading="lazy"')
    expect(iframe).toContain('allow="fullscreen"')
    const element = within(dialog).getByRole('textbox', { name: 'Element with the loader script' })
    expect((element as HTMLTextAreaElement).value).toMatch(
      /<roundtrip-embed scenario="not-found" step="3"/,
    )

    // Without the step, and in the dark theme.
    await ui.user.click(within(dialog).getByRole('checkbox', { name: /Open at step 3 of/ }))
    await ui.user.selectOptions(within(dialog).getByRole('combobox', { name: 'Theme' }), 'dark')
    expect(new URL((linkField as HTMLInputElement).value).hash).toBe(
      '#scenario=not-found&theme=dark',
    )
  }, 20_000)

  it('copies the link, or leaves it selected to copy by hand when the clipboard refuses', async () => {
    const ui = renderApp({ hash: '#scenario=not-found' })
    const dialog = await open(ui)
    const field = within(dialog).getByRole('textbox', { name: 'Link to this moment' })
    const copy = within(dialog).getByRole('button', { name: 'Copy link' })
    await ui.user.click(copy)
    expect(await within(dialog).findByText('Copied.')).toBeInTheDocument()
    expect(await navigator.clipboard.readText()).toBe((field as HTMLInputElement).value)

    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'))
    await ui.user.click(copy)
    expect(await within(dialog).findByText(/Copying was blocked here/)).toBeInTheDocument()
    expect(field).toHaveFocus()
    expect(selectedText(field)).toBe((field as HTMLInputElement).value)
    vi.restoreAllMocks()
  }, 20_000)

  it('exports are offered once there is a trace, and Escape closes back to the button', async () => {
    const ui = renderApp()
    let dialog = await open(ui)
    expect(within(dialog).getByRole('button', { name: 'Markdown' })).toBeDisabled()
    await ui.user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Share' })).toHaveFocus()

    await ui.send()
    dialog = await open(ui)
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:test'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await ui.user.click(within(dialog).getByRole('button', { name: 'Markdown' }))
    expect(click).toHaveBeenCalledTimes(1)
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.readAsText(created[0]!)
    })
    expect(text).toMatch(/^# Fetch a user/)
    expect(text.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(
      useStore.getState().trace!.events.length,
    )
    expect(within(dialog).getByText('Saved the Markdown transcript.')).toBeInTheDocument()
    vi.restoreAllMocks()
  }, 20_000)
})
