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

  /**
   * What each DOM task changes in the bands: the band that became current, and the bands that
   * turned "not reached", one entry per task that changed either.
   */
  const watchBands = () => {
    const batches: { current: string[]; skipped: string[] }[] = []
    const observer = new MutationObserver((records) => {
      const bands = (name: string) =>
        records.filter((r) => r.attributeName === name).map((r) => r.target as HTMLElement)
      const current = bands('aria-current')
        .filter((band) => band.getAttribute('aria-current') === 'step')
        .map((band) => band.getAttribute('aria-label') ?? '')
      const skipped = bands('data-state')
        .filter((band) => band.dataset.state === 'skipped')
        .map((band) => band.getAttribute('aria-label') ?? '')
      if (current.length || skipped.length) batches.push({ current, skipped })
    })
    observer.observe(document.body, { subtree: true, attributes: true })
    return { batches, stop: () => observer.disconnect() }
  }

  it('while playing, the bands follow the step a frame later: the current one, then those below a failure one by one', async () => {
    const journey = renderJourney({ scenario: 'dns-failure' })
    await journey.send()
    const last = (useStore.getState().trace?.events.length ?? 0) - 1
    act(() => useStore.getState().seek(last - 1))
    expect(journey.currentGroup()).toMatch(/^Network/)
    act(() => useStore.setState({ playing: true }))
    const watch = watchBands()
    // Playback's last step: the store stops playing in the same change.
    act(() => useStore.getState().advance())
    expect(useStore.getState().playing).toBe(false)
    // The step's own render leaves every band as it was.
    expect(journey.currentGroup()).toMatch(/^Network/)
    expect(BELOW.filter((name) => notReached(name, journey))).toEqual([])
    await waitFor(() => expect(BELOW.every((name) => notReached(name, journey))).toBe(true))
    watch.stop()
    expect(journey.currentGroup()).toMatch(/^Client/)
    // First the band the step enters, alone; then the six below, a task each, top down.
    expect(watch.batches.map((batch) => batch.current.length)).toEqual([1, 0, 0, 0, 0, 0, 0])
    expect(watch.batches[0]!.current[0]).toMatch(/^Client/)
    expect(watch.batches.map((batch) => batch.skipped.length)).toEqual([0, 1, 1, 1, 1, 1, 1])
    expect(
      watch.batches
        .flatMap((batch) => batch.skipped)
        .map((label) => BELOW.find((name) => label.startsWith(name))),
    ).toEqual(BELOW)
  })

  it('stepping by hand, they all turn in the same render', async () => {
    const journey = renderJourney({ scenario: 'dns-failure' })
    await journey.send()
    const last = (useStore.getState().trace?.events.length ?? 0) - 1
    act(() => useStore.getState().seek(last - 1))
    const watch = watchBands()
    journey.stepForward()
    expect(journey.currentGroup()).toMatch(/^Client/)
    expect(BELOW.every((name) => notReached(name, journey))).toBe(true)
    await act(async () => {})
    watch.stop()
    expect(watch.batches).toEqual([
      { current: [expect.stringMatching(/^Client/)], skipped: expect.any(Array) },
    ])
    expect(watch.batches[0]!.skipped).toHaveLength(BELOW.length)
  })
})
