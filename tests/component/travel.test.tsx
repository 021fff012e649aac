import { act, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { TraceEvent } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import { groupInfo, groupOf } from '../../src/ui/model/groups'
import { GROUP_NAMES, renderApp } from './driver'
import { useCleanApp } from './setup'

const traceOf = (id: string) => {
  const curated = findScenario(id)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const railOf = (event: TraceEvent) => (event.direction === 'request' ? 'in' : 'out')

describe('the packet follows the playhead', () => {
  useCleanApp()

  it('stands, at every step of GET /users/42, in the band of that step’s layer and on its track', async () => {
    const { events } = traceOf('get-user')
    const ui = renderApp()
    await ui.send()
    events.forEach((event, index) => {
      if (index > 0) ui.tap('ArrowRight')
      const packet = ui.packet()
      expect(packet).toHaveAttribute('data-step', String(index + 1))
      expect(packet).toHaveAttribute('data-at', groupOf(event.layer))
      expect(packet).toHaveAttribute('data-rail', railOf(event))
      expect(ui.currentGroup()).toBe(groupInfo(groupOf(event.layer)).label)
    })
  }, 20_000)

  it('carries method and path going in and the status coming back, and tags what a layer changed', async () => {
    const { events } = traceOf('get-user')
    const ui = renderApp()
    await ui.send()
    expect(ui.packet()).toHaveTextContent('GET/users/42')

    // nginx adds the X-Forwarded-* headers and a request id on its way to the app server.
    const forward = events.findIndex((e) => e.type === 'proxy:forward')
    act(() => useStore.getState().seek(forward))
    expect(ui.packet()).toHaveTextContent('+X-Forwarded-For +2')
    expect(ui.group('Reverse proxy')).toHaveTextContent(
      /Adds X-Forwarded-For, .* and X-Request-Id\./,
    )

    act(() => useStore.getState().seek(events.length - 1))
    expect(ui.packet()).toHaveAttribute('data-kind', 'response')
    expect(ui.packet()).toHaveTextContent('200OK')
  })

  it('shows compression as a size change on the way out', async () => {
    const { events } = traceOf('compression')
    const ui = renderApp({ hash: '#scenario=compression' })
    await ui.send()
    const gzip = events.findIndex((e) => e.type === 'middleware:gzip')
    act(() => useStore.getState().seek(gzip))
    expect(ui.packet()).toHaveAttribute('data-rail', 'out')
    expect(ui.packet()).toHaveTextContent(/gzip 2\.2 kB → 4\d\d B/)
    expect(ui.group('Middleware')).toHaveTextContent(/Compresses the body with gzip/)
  })
})

describe('a short-circuit turns back', () => {
  useCleanApp()

  it('401 in the auth middleware: the packet turns at Middleware; Router and Handler are never current', async () => {
    const { events } = traceOf('unauthorized')
    const turn = events.findIndex((e) => e.direction === 'response')
    expect(events[turn]!.type).toBe('middleware:auth-reject')

    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    const current = new Set<string>()
    for (let step = 1; step <= events.length; step++) {
      if (step > 1) ui.tap('ArrowRight')
      current.add(ui.currentGroup()!)
      const packet = ui.packet()
      if (step === turn) {
        // The last step in: still on the way-in track, inside the middleware.
        expect(packet).toHaveAttribute('data-at', 'middleware')
        expect(packet).toHaveAttribute('data-rail', 'in')
      }
      if (step === turn + 1) {
        // The turn: same band, the other track, and the packet now carries the 401.
        expect(packet).toHaveAttribute('data-at', 'middleware')
        expect(packet).toHaveAttribute('data-rail', 'out')
        expect(packet).toHaveTextContent('401UNAUTHORIZED')
        const lane = ui.group('Middleware').querySelector('.turn-link')
        expect(lane).toHaveAttribute('data-state', 'done')
        expect(ui.group('Middleware')).toHaveTextContent('Turned back here')
      }
    }
    for (const never of ['Router', 'Validation', 'Handler']) expect(current.has(never)).toBe(false)
    expect(current.has('Middleware')).toBe(true)
    for (const name of ['Router', 'Validation', 'Handler'])
      expect(ui.group(name)).toHaveTextContent(
        'Not reached: the response turned back at Middleware.',
      )
    expect(ui.finalStatus()).toBe('401 UNAUTHORIZED')
  }, 20_000)

  it('does not give the turn away: before it, the way in still runs down to the handler', async () => {
    const { events } = traceOf('unauthorized')
    const turn = events.findIndex((e) => e.direction === 'response')
    const ui = renderApp({ hash: '#scenario=unauthorized' })
    await ui.send()
    act(() => useStore.getState().seek(turn - 1))
    expect(ui.group('Handler').querySelector('.turn-link')).toHaveAttribute('data-state', 'ahead')
    expect(ui.group('Middleware').querySelector('.turn-link')).toBeNull()
    expect(ui.group('Router')).not.toHaveTextContent(/Not reached/)
  })

  it('429 at the reverse proxy: the request never reaches the app server', async () => {
    const ui = renderApp({ hash: '#scenario=rate-limited' })
    await ui.send()
    await ui.press('{End}')
    expect(ui.group('Reverse proxy').querySelector('.turn-link')).toHaveAttribute(
      'data-state',
      'done',
    )
    for (const name of GROUP_NAMES.slice(3))
      expect(ui.group(name)).toHaveTextContent(
        /Not reached: the response turned back at Reverse proxy/,
      )
    expect(ui.finalStatus()).toBe('429 Too Many Requests')
  })
})

describe('reduced motion', () => {
  useCleanApp()

  it('with the in-app switch, the packet does not travel: it sits in the current band, which is highlighted', async () => {
    const ui = renderApp()
    await ui.send()
    expect(ui.packet()).toHaveAttribute('data-motion', 'travel')
    // The switch lives in the header's Display menu.
    await ui.user.click(screen.getByRole('button', { name: 'Display' }))
    const toggle = screen.getByRole('switch', { name: 'Reduce motion' })
    expect(toggle).toHaveAttribute('aria-checked', 'false')
    await ui.user.click(toggle)
    expect(toggle).toHaveAttribute('aria-checked', 'true')
    expect(useStore.getState().motion).toBe('reduce')
    expect(document.documentElement).toHaveAttribute('data-motion', 'reduce')

    await ui.step(2)
    const packet = ui.packet()
    expect(packet).toHaveAttribute('data-motion', 'still')
    expect(packet.style.transform).toBe('')
    const network = ui.group('Network')
    expect(network).toHaveAttribute('aria-current', 'step')
    expect(within(network).getByTestId('packet')).toBe(packet)

    await ui.user.click(toggle)
    expect(useStore.getState().motion).toBe('full')
    expect(ui.packet()).toHaveAttribute('data-motion', 'travel')
    expect(network.contains(ui.packet())).toBe(false)
  })

  it('follows the system setting when the app has no preference of its own', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('prefers-reduced-motion'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }))
    const ui = renderApp()
    await ui.send()
    expect(useStore.getState().motion).toBe('system')
    expect(ui.packet()).toHaveAttribute('data-motion', 'still')
    expect(ui.group('Client').contains(ui.packet())).toBe(true)
    await ui.user.click(screen.getByRole('button', { name: 'Display' }))
    expect(screen.getByRole('switch', { name: 'Reduce motion' })).toHaveAttribute(
      'aria-checked',
      'true',
    )
  })
})
