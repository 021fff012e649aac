import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import type { PresentMessage } from '../../src/ui/present/channel'
import { CHANNEL_NAME, envelope, parsePresentMessage } from '../../src/ui/present/channel'
import PresenterApp from '../../src/ui/present/presenter/PresenterApp'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

/** An in-memory BroadcastChannel: what one instance posts, every other one of that name hears. */
class FakeChannel {
  static open = new Set<FakeChannel>()
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null
  constructor(readonly name: string) {
    FakeChannel.open.add(this)
  }
  postMessage(data: unknown) {
    const copy = structuredClone(data)
    for (const other of FakeChannel.open)
      if (other !== this && other.name === this.name)
        queueMicrotask(() => other.onmessage?.(new MessageEvent('message', { data: copy })))
  }
  close() {
    FakeChannel.open.delete(this)
  }
}

/** The test's own end of the channel, as the other window would be. */
const otherWindow = () => {
  const heard: PresentMessage[] = []
  const channel = new FakeChannel(CHANNEL_NAME)
  channel.onmessage = (event) => {
    const message = parsePresentMessage(event.data)
    if (message) heard.push(message)
  }
  return {
    heard,
    post: (message: PresentMessage) => act(async () => channel.postMessage(envelope(message))),
    close: () => channel.close(),
  }
}

const root = () => document.documentElement

describe('presentation mode', { timeout: 20_000 }, () => {
  useCleanApp()
  beforeEach(() => {
    vi.stubGlobal('BroadcastChannel', FakeChannel)
  })
  afterEach(() => {
    FakeChannel.open.clear()
    delete root().dataset.theme
    delete root().dataset.presenting
  })

  it('P toggles it: projector theme on the root, header tools give way to "Exit presentation"', async () => {
    const ui = renderApp()
    await ui.send()
    expect(screen.getByRole('button', { name: 'Present' })).toBeInTheDocument()
    expect(root().dataset.presenting).toBeUndefined()

    await ui.press('p')
    // Presentation mode's code loads on demand, after first paint.
    await ui.settle()
    expect(root().dataset.presenting).toBe('')
    expect(root().dataset.theme).toBe('projector')
    expect(screen.queryByRole('button', { name: 'Present' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Exit presentation' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Open presenter view' })).toBeInTheDocument()
    // The journey, the status line and the playback controls stay.
    expect(ui.group('Client')).toBeInTheDocument()
    expect(ui.status()).toMatch(/^Step 1 of \d+: /)
    expect(screen.getByRole('button', { name: 'Step forward' })).toBeEnabled()
    // The address keeps the mode, so a reload presents again.
    expect(window.location.hash).toContain('present=1')

    await ui.press('P')
    expect(root().dataset.presenting).toBeUndefined()
    expect(root().dataset.theme).toBeUndefined()
    expect(window.location.hash).not.toContain('present')
    expect(screen.getByRole('button', { name: 'Present' })).toBeInTheDocument()
  })

  it('the Present button enters; Escape leaves and puts back the theme that was chosen before', async () => {
    root().dataset.theme = 'dark'
    const ui = renderApp()
    await ui.send()
    await ui.user.click(screen.getByRole('button', { name: 'Present' }))
    expect(root().dataset.theme).toBe('projector')
    await ui.press('{Escape}')
    expect(root().dataset.presenting).toBeUndefined()
    expect(root().dataset.theme).toBe('dark')
    // Focus comes back to the button that enters it again.
    expect(screen.getByRole('button', { name: 'Present' })).toHaveFocus()
  })

  it('clicker keys step: PageDown / → forward, PageUp / ← back, Home / End', async () => {
    const ui = renderApp({ hash: '#scenario=get-user&present=1' })
    expect(root().dataset.presenting).toBe('')
    await ui.send()
    const total = ui.stepCount()!
    await ui.press('{PageDown}{PageDown}{ArrowRight}')
    expect(ui.stepNumber()).toBe(4)
    await ui.press('{PageUp}{ArrowLeft}')
    expect(ui.stepNumber()).toBe(2)
    await ui.press('{End}')
    expect(ui.stepNumber()).toBe(total)
    await ui.press('{Home}')
    expect(ui.stepNumber()).toBe(1)
  })

  it('B blanks the screen and says so; any key brings it back without stepping', async () => {
    const ui = renderApp({ hash: '#present=1' })
    await ui.send()
    await ui.step(2)
    await ui.press('b')
    expect(screen.getByTestId('blank-screen')).toBeInTheDocument()
    expect(screen.getByText(/^Screen blanked/)).toBeInTheDocument()

    await ui.press('{PageDown}')
    expect(screen.queryByTestId('blank-screen')).toBeNull()
    expect(ui.stepNumber()).toBe(3)
    expect(screen.getByText('Screen shown again.')).toBeInTheDocument()

    // "." blanks too (some clickers send it); B again un-blanks, like any key.
    await ui.press('.')
    expect(screen.getByTestId('blank-screen')).toBeInTheDocument()
    await ui.press('B')
    expect(screen.queryByTestId('blank-screen')).toBeNull()
    expect(ui.stepNumber()).toBe(3)
  })

  it('blanking pauses playback and a click un-blanks', async () => {
    const ui = renderApp({ hash: '#present=1' })
    await ui.send()
    await ui.play()
    expect(useStore.getState().playing).toBe(true)
    await ui.press('b')
    expect(useStore.getState().playing).toBe(false)
    await ui.user.click(screen.getByTestId('blank-screen'))
    expect(screen.queryByTestId('blank-screen')).toBeNull()
  })

  it('B and Escape do nothing outside presentation mode', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.press('b.')
    expect(screen.queryByTestId('blank-screen')).toBeNull()
    await ui.press('{Escape}')
    expect(root().dataset.presenting).toBeUndefined()
  })

  it('leaves P and Escape to a dialog that has the focus', async () => {
    const ui = renderApp({
      extra: (
        <div role="dialog" aria-label="Share">
          <button type="button">Copy link</button>
        </div>
      ),
    })
    await ui.send()
    screen.getByRole('button', { name: 'Copy link' }).focus()
    await ui.press('p')
    expect(root().dataset.presenting).toBeUndefined()
  })

  it('shows the explanation in large type in place of the tabs while presenting', async () => {
    const ui = renderApp()
    await ui.send()
    const tabs = screen.getByRole('tablist', { name: 'Details' })
    expect(document.querySelector('.present-explain')).toBeNull()
    await ui.press('p')
    const slot = document.querySelector<HTMLElement>('.present-explain')
    expect(slot).not.toBeNull()
    await waitFor(() => expect(within(slot!).getByTestId('explanation')).toBeInTheDocument())
    // The tabs stay mounted (hidden by the presenting styles) so their state survives.
    expect(tabs).toBeInTheDocument()
  })

  it('asks for fullscreen on entering, survives a refusal, and leaving fullscreen leaves presenting', async () => {
    let fullscreen: Element | null = null
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: true })
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      get: () => fullscreen,
    })
    const request = vi.fn((): Promise<void> =>
      Promise.reject(new Error('Permissions check failed')),
    )
    root().requestFullscreen = request
    try {
      const ui = renderApp()
      await ui.send()
      await ui.press('p')
      expect(request).toHaveBeenCalledTimes(1)
      await ui.settle()
      expect(root().dataset.presenting).toBe('')
      await ui.press('p')

      // Allowed this time: the browser's own Esc ends fullscreen, and presenting ends with it.
      request.mockImplementation(() => {
        fullscreen = root()
        return Promise.resolve()
      })
      await ui.press('p')
      await ui.settle()
      fullscreen = null
      act(() => {
        document.dispatchEvent(new Event('fullscreenchange'))
      })
      expect(root().dataset.presenting).toBeUndefined()
    } finally {
      delete (document as { fullscreenEnabled?: boolean }).fullscreenEnabled
      delete (document as { fullscreenElement?: Element | null }).fullscreenElement
      delete (root() as { requestFullscreen?: unknown }).requestFullscreen
    }
  })

  it('opened from a link (present=1) asks for no fullscreen, and offers a "Full screen" button', async () => {
    let fullscreen: Element | null = null
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, value: true })
    Object.defineProperty(document, 'fullscreenElement', {
      configurable: true,
      get: () => fullscreen,
    })
    const request = vi.fn((): Promise<void> => {
      fullscreen = root()
      document.dispatchEvent(new Event('fullscreenchange'))
      return Promise.resolve()
    })
    root().requestFullscreen = request
    try {
      const ui = renderApp({ hash: '#scenario=get-user&present=1' })
      await ui.settle()
      expect(root().dataset.presenting).toBe('')
      // No user gesture yet: asking would only print a warning in the console.
      expect(request).not.toHaveBeenCalled()
      await ui.user.click(screen.getByRole('button', { name: 'Full screen' }))
      await ui.settle()
      expect(request).toHaveBeenCalledTimes(1)
      expect(screen.queryByRole('button', { name: 'Full screen' })).toBeNull()
      // The browser's own Esc ends it, and presenting with it.
      fullscreen = null
      act(() => {
        document.dispatchEvent(new Event('fullscreenchange'))
      })
      expect(root().dataset.presenting).toBeUndefined()
    } finally {
      delete (document as { fullscreenEnabled?: boolean }).fullscreenEnabled
      delete (document as { fullscreenElement?: Element | null }).fullscreenElement
      delete (root() as { requestFullscreen?: unknown }).requestFullscreen
    }
  })

  it('offers no "Full screen" button where the page may not go fullscreen', async () => {
    const ui = renderApp({ hash: '#present=1' })
    await ui.settle()
    expect(screen.getByRole('button', { name: 'Exit presentation' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Full screen' })).toBeNull()
  })

  it('posts no steps until a presenter has said hello', async () => {
    const presenter = otherWindow()
    const ui = renderApp()
    await ui.send()
    await ui.settle()
    const heard = presenter.heard.length
    await ui.step(3)
    await ui.settle()
    expect(presenter.heard.slice(heard).filter((m) => m.type === 'playhead')).toEqual([])

    await presenter.post({ type: 'hello' })
    await ui.step(1)
    await ui.settle()
    const last = presenter.heard.at(-1)
    expect(last?.type === 'playhead' && last.playhead).toBe(4)
  })

  it('answers a presenter: state on hello, a step on every step, and obeys its commands', async () => {
    const presenter = otherWindow()
    const ui = renderApp()
    await ui.send()
    await presenter.post({ type: 'hello' })
    const state = presenter.heard.find((m) => m.type === 'state')
    expect(state?.type === 'state' && state.shown?.trace.events.length).toBe(ui.stepCount())

    await ui.step(2)
    await ui.settle()
    const last = presenter.heard.at(-1)
    expect(last?.type === 'playhead' && last.playhead).toBe(2)

    await presenter.post({ type: 'command', command: 'stepForward' })
    expect(ui.stepNumber()).toBe(4)
    await presenter.post({ type: 'command', command: 'seek', index: 0 })
    expect(ui.stepNumber()).toBe(1)
    // Malformed commands are ignored.
    await presenter.post({ type: 'command', command: 'seek' } as PresentMessage)
    expect(ui.stepNumber()).toBe(1)
    presenter.close()
  })
})

describe('presenter view', { timeout: 20_000 }, () => {
  useCleanApp()
  beforeEach(() => {
    vi.stubGlobal('BroadcastChannel', FakeChannel)
  })
  afterEach(() => FakeChannel.open.clear())

  const fixture = () => {
    const curated = findScenario('get-user')!
    const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
    return {
      title: curated.title,
      scenario: curated.scenario,
      request: curated.request,
      trace,
    }
  }

  it('waits for the projected window, then follows it and steps it', async () => {
    const main = otherWindow()
    render(<PresenterApp />)
    await act(async () => undefined)
    // It said hello on opening; nobody has sent a request yet.
    expect(main.heard).toContainEqual({ type: 'hello' })
    const playhead = {
      session: 's1',
      traceId: 0,
      playhead: 0,
      playing: false,
      presenting: true,
      since: Date.now(),
    }
    await main.post({ type: 'state', shown: null, ...playhead })
    expect(screen.getByText('Waiting for the projected window to send a request.')).toBeVisible()

    const shown = fixture()
    await main.post({ type: 'state', shown, ...playhead, traceId: 1, playhead: 4 })
    const count = shown.trace.events.length
    expect(screen.getByRole('status')).toHaveTextContent(
      `Step 5 of ${count}: ${shown.trace.events[4]!.title}`,
    )
    expect(screen.getByTestId('explanation')).toHaveAttribute('data-depth', 'deep')
    const next = screen.getByRole('region', { name: 'Next step' })
    expect(within(next).getByText(shown.trace.events[5]!.title)).toBeInTheDocument()

    await main.post({ type: 'playhead', ...playhead, traceId: 1, playhead: 9 })
    expect(screen.getByRole('status')).toHaveTextContent(`Step 10 of ${count}`)

    fireEvent.click(screen.getByRole('button', { name: 'Step forward' }))
    fireEvent.keyDown(document.body, { key: 'PageUp' })
    await act(async () => undefined)
    expect(main.heard).toContainEqual({ type: 'command', command: 'stepForward' })
    expect(main.heard).toContainEqual({ type: 'command', command: 'stepBack' })

    // A playhead from a session it does not know (the projected window reloaded): hello again.
    const hellos = main.heard.filter((m) => m.type === 'hello').length
    await main.post({ type: 'playhead', ...playhead, session: 's2' })
    expect(main.heard.filter((m) => m.type === 'hello')).toHaveLength(hellos + 1)

    await main.post({ type: 'bye', from: 'main' })
    expect(screen.getByRole('alert')).toHaveTextContent(/projected window has gone/)
    main.close()
  })

  it('says plainly when the browser cannot link windows', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    render(<PresenterApp />)
    expect(screen.getByText(/cannot link two windows/)).toBeVisible()
    expect(screen.getByText('Not linked')).toBeInTheDocument()
  })

  it('the timer pauses and resets', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') })
    render(<PresenterApp />)
    const timer = screen.getByRole('timer')
    expect(timer).toHaveTextContent('0:00')
    await act(() => vi.advanceTimersByTimeAsync(65_000))
    expect(timer).toHaveTextContent('1:05')
    fireEvent.click(screen.getByRole('button', { name: 'Pause timer' }))
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(timer).toHaveTextContent('1:05')
    fireEvent.click(screen.getByRole('button', { name: 'Resume timer' }))
    await act(() => vi.advanceTimersByTimeAsync(5_000))
    expect(timer).toHaveTextContent('1:10')
    fireEvent.click(screen.getByRole('button', { name: 'Reset timer' }))
    expect(timer).toHaveTextContent('0:00')
  })
})
