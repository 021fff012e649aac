import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { TraceEvent } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import { formatMs } from '../../src/ui/format'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import TimelinePanel from '../../src/ui/timeline/TimelinePanel'
import { PHASES } from '../../src/ui/timeline/phases'
import { useCleanApp } from './setup'

/** The trace "Send request" produces for a scenario (the store sends with seed 1). */
const traceOf = (id: string) => {
  const curated = findScenario(id)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

/**
 * What a screen reader announces for a row ("DNS Lookup, 35.3 ms, go to step 3"): its text without
 * the parts hidden from assistive technology. (A row has no aria-label: its name is its content.)
 */
const nameOf = (element: Element) => {
  const copy = element.cloneNode(true) as Element
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove())
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
}
/**
 * The row button labelled `label` (found by its visible name: computing every row's accessible
 * name for each query would make the tests slow; `expectName` checks the accessible name).
 */
const rowIn = (scope: Pick<typeof screen, 'getByText'>, label: string): HTMLButtonElement =>
  scope.getByText(label, { selector: '.tl-name' }).closest('button')!

const expectName = (element: Element, expected: string | RegExp) =>
  typeof expected === 'string'
    ? expect(nameOf(element)).toBe(expected)
    : expect(nameOf(element)).toMatch(expected)

const sum = (events: readonly TraceEvent[]) => events.reduce((total, e) => total + e.duration, 0)
const ofLayers = (events: readonly TraceEvent[], ...layers: string[]) =>
  events.filter((e) => layers.includes(e.layer))

/** The timeline as the app shows it; playback goes through the store's actions, as the controls do. */
function Page() {
  return (
    <MotionRoot>
      <TimelinePanel />
    </MotionRoot>
  )
}

/** Loads the trace of scenario `id` as "Send request" would (playhead on step 1) and renders. */
const openTimeline = async (id: string) => {
  act(() => useStore.setState({ trace: traceOf(id), playhead: 0, playing: false }))
  const user = userEvent.setup()
  render(<Page />)
  const panel = within(screen.getByRole('region', { name: 'Timeline' }))
  /** The row button whose accessible name starts with `label` followed by a comma. */
  const row = (label: string) => rowIn(panel, label)
  const queryRow = (label: string) =>
    panel.queryByText(label, { selector: '.tl-name' })?.closest('button') ?? null
  const playheadMarker = () => panel.getByTestId('timeline-playhead')
  const shares = () =>
    [...panel.getByRole('list', { name: /Share of the total/ }).querySelectorAll('li')].map(
      (li) => ({
        id: li.dataset.share,
        percent: Number(li.dataset.percent),
        text: li.textContent ?? '',
      }),
    )
  const ui = {
    user,
    press: (keys: string) => user.keyboard(keys),
    /** Step forward (or back, for a negative `n`) as the Step buttons and arrow keys do. */
    step(n: number) {
      const { stepForward, stepBack } = useStore.getState()
      for (let i = 0; i < Math.abs(n); i++) act(() => (n >= 0 ? stepForward() : stepBack()))
    },
    /** The last step, as End does. */
    end: () => act(() => useStore.getState().seek(Number.MAX_SAFE_INTEGER)),
  }
  return { ui, panel, row, queryRow, playheadMarker, shares }
}

/** Where the marker should stand for event `index`, as a percentage of the whole trace. */
const expectedOffset = (events: readonly TraceEvent[], index: number) => {
  const start = events[0]!.at
  const end = Math.max(...events.map((e) => e.at + e.duration))
  return Math.round(((events[index]!.at - start) / (end - start)) * 100_000) / 1000
}

describe('the timeline of GET /users/42', () => {
  useCleanApp()
  const trace = traceOf('get-user')
  const { events } = trace

  it('says what will appear before anything is sent', () => {
    render(<TimelinePanel />)
    expect(screen.getByRole('region', { name: 'Timeline' })).toHaveTextContent(
      /Press “Send request”/,
    )
  })

  it('names each network phase as DevTools does, with the sum of its events and a one-line explanation', async () => {
    const { row } = await openTimeline('get-user')
    const byType = (...types: string[]) => events.filter((e) => types.includes(e.type))
    const expected: [string, readonly TraceEvent[], string][] = [
      ['Queueing', byType('client:parse-url', 'client:build-request'), PHASES.queueing.about],
      ['DNS Lookup', ofLayers(events, 'dns'), PHASES.dns.about],
      // As in DevTools, Initial connection includes the TLS handshake that SSL shows.
      [
        'Initial connection',
        byType(
          'tcp:syn',
          'tcp:syn-ack',
          'tcp:ack',
          'tls:client-hello',
          'tls:server-hello',
          'tls:certificate',
          'tls:finished',
        ),
        PHASES.connect.about,
      ],
      [
        'SSL',
        byType('tls:client-hello', 'tls:server-hello', 'tls:certificate', 'tls:finished'),
        PHASES.ssl.about,
      ],
      [
        'Content Download',
        byType('tls:decrypt', 'tcp:keep-alive', 'client:receive'),
        PHASES.download.about,
      ],
    ]
    for (const [name, own, about] of expected) {
      expect(own.length).toBeGreaterThan(0)
      const button = row(name)
      expectName(button, `${name}, ${formatMs(sum(own))}, go to step ${own[0]!.seq + 1}`)
      expect(button).toHaveAccessibleDescription(about)
    }
    // Request sent is the writing of the request only, not its trip to the server.
    const receive = events.find((e) => e.type === 'proxy:receive')!
    if (receive.type !== 'proxy:receive') throw new Error('no proxy:receive')
    expectName(
      row('Request sent'),
      `Request sent, ${formatMs(receive.data.wireMs)}, go to step ${receive.seq + 1}`,
    )
    expect(row('Request sent')).toHaveAccessibleDescription(PHASES.request.about)
    // Sensible precision: 35.3 ms, not 35.317 ms; 0.05 ms, not 0 ms.
    expect(row('DNS Lookup')).toHaveTextContent('35.3 ms')
    expect(row('Content Download')).toHaveTextContent('0.05 ms')
  })

  it('opens Waiting (TTFB) into the server layers, each one further in, down to the database query', async () => {
    const { panel, row } = await openTimeline('get-user')
    const server = events.filter((e) =>
      ['proxy', 'server', 'middleware', 'router', 'validation', 'handler'].includes(e.layer),
    )
    // Waiting starts once the request is written: its trip to the server is part of it.
    const receive = server[0]!
    if (receive.type !== 'proxy:receive') throw new Error('no proxy:receive')
    expectName(
      row('Waiting (TTFB)'),
      `Waiting (TTFB), ${formatMs(sum(server) - receive.data.wireMs)}, go to step ${receive.seq + 1}`,
    )

    const inside = within(panel.getByRole('list', { name: 'Inside Waiting (TTFB)' }))
    const names = inside.getAllByRole('button').map(nameOf)
    const order = [
      /^The request travels to the server, /,
      /^nginx \(reverse proxy\), /,
      /^gunicorn \(WSGI\), /,
      /^Logging middleware, /,
      /^Router, /,
      /^Validation, /,
      /^View: get_user\(\), /,
      /^The view’s own code, /,
      /^Database query, /,
      /^The answer travels back, /,
    ]
    expect(names).toHaveLength(order.length)
    order.forEach((pattern, i) => expect(names[i]).toMatch(pattern))

    // Each layer sits one step further in than the one that wraps it.
    const depth = (label: string) =>
      Number(row(label).closest<HTMLElement>('.tl-line')!.style.getPropertyValue('--depth'))
    const layers = [
      'nginx (reverse proxy)',
      'gunicorn (WSGI)',
      'Logging middleware',
      'Router',
      'Validation',
      'View: get_user()',
      'Database query',
    ]
    layers.slice(1).forEach((label, i) => expect(depth(label)).toBeGreaterThan(depth(layers[i]!)))

    // A layer's time is its own events: the logging middleware on the way in and out.
    const logging = events.filter((e) => e.stage === 'middleware:logging')
    expect(logging).toHaveLength(2)
    expectName(
      row('Logging middleware'),
      `Logging middleware, ${formatMs(sum(logging))}, go to step ${logging[0]!.seq + 1}`,
    )
    const query = events.find((e) => e.type === 'handler:db-query')!
    expect(row('Database query')).toHaveTextContent(formatMs(query.duration))
    expect(row('Database query')).toHaveAccessibleDescription(/SELECT \* FROM users/)
  })

  it('moves the playhead to a phase’s first event when its bar is clicked', async () => {
    const { ui, row } = await openTimeline('get-user')
    const firstDns = events.findIndex((e) => e.layer === 'dns')
    await ui.user.click(row('DNS Lookup'))
    expect(useStore.getState().playhead).toBe(firstDns)
    expect(row('DNS Lookup')).toHaveAttribute('aria-current', 'true')

    const query = events.findIndex((e) => e.type === 'handler:db-query')
    await ui.user.click(row('Database query'))
    expect(useStore.getState().playhead).toBe(query)
    // The innermost row holding the event is the current one, and only it.
    expect(row('Database query')).toHaveAttribute('aria-current', 'true')
    expect(document.querySelectorAll('.timeline [aria-current="true"]')).toHaveLength(1)
  })

  it('can be driven from the keyboard: Up and Down move between rows, Enter jumps', async () => {
    const { ui, row } = await openTimeline('get-user')
    row('Queueing').focus()
    await ui.press('{ArrowDown}')
    expect(row('DNS Lookup')).toHaveFocus()
    await ui.press('{ArrowDown}')
    expect(row('Initial connection')).toHaveFocus()
    await ui.press('{ArrowUp}')
    expect(row('DNS Lookup')).toHaveFocus()
    await ui.press('{Enter}')
    expect(useStore.getState().playhead).toBe(events.findIndex((e) => e.layer === 'dns'))

    // Space on a row jumps too, as on any button.
    row('SSL').focus()
    await ui.press(' ')
    expect(useStore.getState().playhead).toBe(events.findIndex((e) => e.layer === 'tls'))
  })

  it('draws the playhead at the current event’s time and moves it with the store', async () => {
    const { ui, playheadMarker } = await openTimeline('get-user')
    expect(playheadMarker().style.transform).toBe('translateX(0%)')

    ui.step(10)
    expect(playheadMarker().style.transform).toBe(`translateX(${expectedOffset(events, 10)}%)`)
    expect(playheadMarker().dataset.at).toBe(String(events[10]!.at))

    act(() => useStore.getState().seek(25))
    expect(playheadMarker().style.transform).toBe(`translateX(${expectedOffset(events, 25)}%)`)

    ui.step(-5)
    expect(playheadMarker().style.transform).toBe(`translateX(${expectedOffset(events, 20)}%)`)
  })

  it('glides the playhead unless motion is reduced', async () => {
    const { panel } = await openTimeline('get-user')
    const waterfall = () => panel.getByTestId('timeline-playhead').closest('.tl-waterfall')!
    act(() => useStore.getState().setMotion('full'))
    expect(waterfall()).not.toHaveAttribute('data-still')
    act(() => useStore.getState().setMotion('reduce'))
    expect(waterfall()).toHaveAttribute('data-still')
  })
})

describe('where the time went', () => {
  useCleanApp()

  it('in slow-database: the shares add up to 100 % and the database, not the view, is the biggest', async () => {
    const trace = traceOf('slow-database')
    const { ui, panel, row, shares } = await openTimeline('slow-database')
    ui.end()

    const list = shares()
    expect(list.reduce((total, s) => total + s.percent, 0)).toBe(100)
    expect(list[0]!.id).toBe('data')
    expect(list[0]!.text).toMatch(/Database & external calls.*biggest share/)
    // Largest first.
    const percents = list.map((s) => s.percent)
    expect([...percents].sort((a, b) => b - a)).toEqual(percents)

    const total = sum(trace.events)
    const db = sum(trace.events.filter((e) => e.type === 'handler:db-query'))
    const view = sum(
      trace.events.filter(
        (e) =>
          e.layer === 'handler' &&
          e.type !== 'handler:db-query' &&
          e.type !== 'handler:external-call',
      ),
    )
    expect(Math.abs(list[0]!.percent - (db / total) * 100)).toBeLessThan(1)
    const viewShare = list.find((s) => s.id === 'view')!
    expect(viewShare.text).toMatch(/your code/)
    expect(viewShare.percent).toBeLessThanOrEqual(2)

    const finding = panel.getByText(/^Your view’s own code took/)
    expect(finding).toHaveTextContent(
      `Your view’s own code took ${formatMs(view)} of ${formatMs(total)} (${viewShare.percent} %); the database took ${list[0]!.percent} %.`,
    )

    // The slow query shows its own time on its own row.
    const slow = trace.events.find((e) => e.type === 'handler:db-query' && e.data.slow)!
    expect(row('Slow database query')).toHaveTextContent(formatMs(slow.duration))
  })

  it('in get-user: the network is the biggest share and the sentence says so', async () => {
    const { panel, shares } = await openTimeline('get-user')
    const list = shares()
    expect(list.reduce((total, s) => total + s.percent, 0)).toBe(100)
    expect(list[0]!.id).toBe('network')
    expect(panel.getByText(/^Your view’s own code took/)).toHaveTextContent(
      new RegExp(`; the network took ${list[0]!.percent} %\\.$`),
    )
  })

  it('with "Reveal as it plays": what lies ahead stays hidden until the playhead gets there', async () => {
    const { ui, panel, row } = await openTimeline('get-user')
    const toggle = panel.getByRole('button', { name: 'Reveal as it plays' })
    await ui.user.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expectName(row('DNS Lookup'), /^DNS Lookup, not reached yet, /)
    expect(panel.getByText(/^Predict first/)).toBeInTheDocument()
    expect(panel.queryByRole('list', { name: /Share of the total/ })).toBeNull()

    ui.step(3)
    // Part of the DNS lookup has happened: its bar and time grow step by step.
    const trace = traceOf('get-user')
    const reached = trace.events.slice(0, 4).filter((e) => e.layer === 'dns')
    expect(row('DNS Lookup')).toHaveTextContent(formatMs(sum(reached)))

    ui.end()
    expect(panel.queryByText(/^Predict first/)).toBeNull()
    expect(panel.getByRole('list', { name: /Share of the total/ })).toBeInTheDocument()
    expect(row('DNS Lookup')).toHaveTextContent(formatMs(sum(ofLayers(trace.events, 'dns'))))
  })
})

describe('traces of other shapes', () => {
  useCleanApp()

  it('a redirect shows both round trips, each with its own phases', async () => {
    const trace = traceOf('redirect')
    const { panel } = await openTimeline('redirect')
    const first = within(panel.getByRole('group', { name: 'Round trip 1' }))
    const second = within(panel.getByRole('group', { name: 'Round trip 2' }))
    expect(first.getByRole('heading')).toHaveTextContent(
      'GET http://api.example.com/users/42 → 301 Moved Permanently',
    )
    expect(second.getByRole('heading')).toHaveTextContent(
      'GET https://api.example.com/users/42 → 200 OK',
    )
    const named = rowIn

    // The first trip is plain HTTP: no TLS; nginx answers the redirect itself.
    expect(first.queryByText('SSL', { selector: '.tl-name' })).toBeNull()
    expect(named(first, 'Browser follows the redirect')).toBeInTheDocument()
    const hop = trace.events.findIndex((e, i) => i > 0 && e.type === 'client:parse-url')
    const [one, two] = [trace.events.slice(0, hop), trace.events.slice(hop)]
    expect(named(first, 'DNS Lookup')).toHaveTextContent(formatMs(sum(ofLayers(one, 'dns'))))
    // The second asks the browser's DNS cache: a twentieth of a millisecond.
    expect(named(second, 'DNS Lookup')).toHaveTextContent(formatMs(sum(ofLayers(two, 'dns'))))
    expect(named(second, 'SSL')).toHaveTextContent(
      formatMs(sum(ofLayers(two, 'tls').filter((e) => e.direction === 'request'))),
    )
    expect(first.getByRole('list', { name: 'Inside Waiting (TTFB)' })).toBeInTheDocument()
    expect(
      rowIn(within(second.getByRole('list', { name: 'Inside Waiting (TTFB)' })), 'Database query'),
    ).toBeInTheDocument()

    // Clicking the second trip's DNS row jumps into the second trip.
    await act(async () => named(second, 'DNS Lookup').click())
    expect(useStore.getState().playhead).toBe(two.find((e) => e.layer === 'dns')!.seq)
  })

  it('a DNS failure shows the phases that happened, then the failure, and no server time', async () => {
    const trace = traceOf('dns-failure')
    const { panel, row, queryRow, shares } = await openTimeline('dns-failure')
    expect(row('Queueing')).toBeInTheDocument()
    expectName(
      row('DNS Lookup'),
      `DNS Lookup, failed, ${formatMs(sum(ofLayers(trace.events, 'dns')))}, go to step 3`,
    )
    expect(row('DNS Lookup')).toHaveTextContent(/failed/)
    const failure = row('(failed) net::ERR_NAME_NOT_RESOLVED')
    expect(failure).toHaveAccessibleDescription(PHASES.failure.about)
    for (const absent of ['Initial connection', 'SSL', 'Request sent', 'Waiting (TTFB)'])
      expect(queryRow(absent)).toBeNull()

    const list = shares()
    expect(list.reduce((total, s) => total + s.percent, 0)).toBe(100)
    expect(list[0]!.id).toBe('network')
    expect(panel.getByText(/^No HTTP was ever sent/)).toHaveTextContent(/ERR_NAME_NOT_RESOLVED/)

    await act(async () => failure.click())
    expect(useStore.getState().playhead).toBe(trace.events.length - 1)
  })

  it('a fresh cache hit has no network phases: the browser answers it alone', async () => {
    const { panel, row, queryRow, shares } = await openTimeline('cache-fresh')
    expect(row('(disk cache)')).toHaveAccessibleDescription(PHASES.cache.about)
    for (const absent of ['DNS Lookup', 'Initial connection', 'SSL', 'Waiting (TTFB)'])
      expect(queryRow(absent)).toBeNull()
    expect(shares()).toEqual([expect.objectContaining({ id: 'browser', percent: 100 })])
    expect(panel.getByText(/^Nothing crossed the network/)).toBeInTheDocument()
  })
})
