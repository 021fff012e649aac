import { act, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useStore } from '../../src/store'
import { renderApp, renderJourney } from './driver'
import { useCleanApp } from './setup'

describe('a check that runs after the router turns the request back', () => {
  useCleanApp()

  it('shows the Router as passed and only Validation and Handler as not reached (Django CSRF)', async () => {
    const ui = renderApp({ hash: '#scenario=csrf-forged-post' })
    await ui.send()
    await ui.press('{End}')
    expect(ui.finalStatus()).toBe('403 Forbidden')
    expect(ui.group('Router')).not.toHaveTextContent(/Not reached/)
    for (const name of ['Validation', 'Handler'])
      expect(ui.group(name)).toHaveTextContent(
        'Not reached: the response turned back at Middleware.',
      )
  }, 20_000)
})

describe('before the first Send', () => {
  useCleanApp()

  it('the packet waits in the Client band, on the way-in track, and nowhere else', () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    const packets = document.querySelectorAll('.packet')
    expect(packets).toHaveLength(1)
    expect(ui.group('Client').contains(packets[0]!)).toBe(true)
    expect(packets[0]!.getAttribute('data-rail')).toBe('in')
  })
})

describe('a step that changes many bands at once', () => {
  useCleanApp()

  const BELOW = ['Reverse proxy', 'App server', 'Middleware', 'Router', 'Validation', 'Handler']
  const notReached = (name: string, journey: ReturnType<typeof renderJourney>) =>
    /Not reached/.test(journey.group(name).textContent ?? '')

  /** The bands that turn "not reached", in the order they do, one list per DOM task. */
  const watchSkips = () => {
    const batches: string[][] = []
    const observer = new MutationObserver((records) => {
      const skipped = records
        .filter((r) => r.attributeName === 'data-state')
        .map((r) => r.target as HTMLElement)
        .filter((band) => band.dataset.state === 'skipped')
        .map((band) => band.getAttribute('aria-label') ?? '')
      if (skipped.length) batches.push(skipped)
    })
    observer.observe(document.body, { subtree: true, attributes: true })
    return { batches, stop: () => observer.disconnect() }
  }

  it('while playing, the bands below a failure turn "not reached" a frame apart, top down', async () => {
    const journey = renderJourney({ scenario: 'dns-failure' })
    await journey.send()
    const last = (useStore.getState().trace?.events.length ?? 0) - 1
    act(() => useStore.getState().seek(last - 1))
    act(() => useStore.setState({ playing: true }))
    const watch = watchSkips()
    // Playback's last step: the store stops playing in the same change.
    act(() => useStore.getState().advance())
    expect(useStore.getState().playing).toBe(false)
    expect(journey.currentGroup()).toMatch(/^Client/)
    expect(BELOW.filter((name) => notReached(name, journey))).toEqual([])
    await waitFor(() => expect(BELOW.every((name) => notReached(name, journey))).toBe(true))
    watch.stop()
    expect(watch.batches.map((batch) => batch.length)).toEqual([1, 1, 1, 1, 1, 1])
    expect(
      watch.batches.flat().map((label) => BELOW.find((name) => label.startsWith(name))),
    ).toEqual(BELOW)
  })

  it('stepping by hand, they all turn in the same render', async () => {
    const journey = renderJourney({ scenario: 'dns-failure' })
    await journey.send()
    const last = (useStore.getState().trace?.events.length ?? 0) - 1
    act(() => useStore.getState().seek(last - 1))
    const watch = watchSkips()
    journey.stepForward()
    expect(BELOW.every((name) => notReached(name, journey))).toBe(true)
    await act(async () => {})
    watch.stop()
    expect(watch.batches.map((batch) => batch.length)).toEqual([BELOW.length])
  })
})
