import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { MiddlewareKind, Trace, TraceEvent } from '../../src/engine'
import { findScenario, scenarios, simulate } from '../../src/engine'
import type { Depth } from '../../src/store'
import { DEPTHS, useStore } from '../../src/store'
import ExplainPanel from '../../src/ui/narration/ExplainPanel'
import type { ExplainContext } from '../../src/ui/narration/explain'
import { contextAt, explain, misconceptionFor } from '../../src/ui/narration/explain'
import { useCleanApp, useFakeClock } from './setup'

const traceOf = (id: string): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no curated scenario "${id}"`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const middlewareOf = (id: string): MiddlewareKind[] =>
  findScenario(id)?.scenario.middleware.map((m) => m.kind) ?? []

/** Opens a scenario with its trace already received, the playhead on the first matching event. */
const openAt = (id: string, match: (event: TraceEvent) => boolean = () => true): TraceEvent => {
  const trace = traceOf(id)
  const index = trace.events.findIndex(match)
  if (index < 0) throw new Error(`no such event in ${id}`)
  act(() => {
    useStore.getState().loadScenario(id)
    useStore.setState({ trace, playhead: index })
  })
  return trace.events[index]!
}

const setDepth = (depth: Depth) => act(() => useStore.getState().setDepth(depth))

/** The explanation as the panel shows it: code marks (backticks) become <code>, so drop them. */
const shown = (text: string): string => text.replace(/`/g, '')

const panel = () => screen.getByRole('region', { name: 'Explanation' })
const explanationText = () => screen.getByTestId('explanation').textContent ?? ''

describe('the explanations', () => {
  it('say something different at each depth for every event of every curated scenario', () => {
    for (const curated of scenarios) {
      const trace = traceOf(curated.id)
      const middleware = middlewareOf(curated.id)
      trace.events.forEach((event, index) => {
        const where = `${curated.id} step ${index + 1} (${event.type})`
        const ctx: ExplainContext = contextAt(trace.events, index, middleware)
        const texts = explain(event, ctx)
        for (const depth of DEPTHS) {
          const text = texts[depth]
          expect(text.trim().length, `${where}: ${depth} is empty`).toBeGreaterThan(20)
          expect(text, `${where}: ${depth} has a hole`).not.toMatch(
            /undefined|NaN|\[object |\bnull\b/,
          )
          expect(text.split('`').length % 2, `${where}: ${depth} has an unclosed code mark`).toBe(1)
        }
        expect(new Set(DEPTHS.map((d) => texts[d])).size, `${where}: depths repeat`).toBe(3)
        const myth = misconceptionFor(event, ctx)
        if (myth) expect(myth.truth, where).not.toMatch(/undefined|NaN|\[object /)
      })
    }
  })

  it('cover the event types no curated scenario reaches: an idle connection closed, compression skipped', () => {
    const getUser = findScenario('get-user')!
    const first = simulate({ scenario: getUser.scenario, request: getUser.request, seed: 1 })
    const later = simulate({
      scenario: getUser.scenario,
      request: getUser.request,
      seed: 1,
      connection: { ...first.connection, now: first.connection.now + 120_000 },
    })
    const compression = findScenario('compression')!
    const plain = simulate({
      scenario: compression.scenario,
      request: { ...compression.request, headers: { 'accept-encoding': 'identity' } },
      seed: 1,
    })
    const idle = later.events.findIndex((e) => e.type === 'tcp:idle-closed')
    const skip = plain.events.findIndex((e) => e.type === 'middleware:gzip-skip')
    expect(idle).toBeGreaterThanOrEqual(0)
    expect(skip).toBeGreaterThanOrEqual(0)
    expect(explain(later.events[idle]!, contextAt(later.events, idle)).standard).toMatch(
      /idle for 2 min, longer than the server’s keep-alive timeout of 75 s/,
    )
    expect(explain(plain.events[skip]!, contextAt(plain.events, skip)).standard).toMatch(
      /did not offer gzip/,
    )
  })
})

describe('the Explain panel', () => {
  useCleanApp()

  it('welcomes the user and says how to start before there is any trace', () => {
    render(<ExplainPanel />)
    expect(
      within(panel()).getByRole('heading', { name: 'Follow one request, layer by layer' }),
    ).toBeInTheDocument()
    expect(panel()).toHaveTextContent('Press “Send request”.')
    expect(panel()).toHaveTextContent(/Simple for the analogy, Standard .*, Deep for protocol/)
    expect(screen.queryByTestId('explanation')).not.toBeInTheDocument()
  })

  it('shows the title, the numbered layer, the time and the explanation of the current step', () => {
    render(<ExplainPanel />)
    openAt('get-user', (e) => e.type === 'tls:server-hello')
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent(
      'ServerHello (TLS 1.3)',
    )
    expect(panel()).toHaveTextContent('Layer 1: Network and reverse proxy · TLS')
    expect(panel()).toHaveTextContent('↓ On the way in, at 53.8 ms, took 6.4 ms')
    expect(explanationText()).toContain(
      'The server picks TLS 1.3, the cipher TLS_AES_128_GCM_SHA256',
    )
  })

  it('names layer 7 on the way back', () => {
    render(<ExplainPanel />)
    openAt('get-user', (e) => e.type === 'handler:return')
    expect(panel()).toHaveTextContent('Layer 6: Your code · the handler')
    expect(panel()).toHaveTextContent('↑ 7 Response, on the way out')
  })

  it("puts this event's own facts in the Standard text", () => {
    render(<ExplainPanel />)
    setDepth('standard')
    openAt('get-user', (e) => e.type === 'dns:answer')
    expect(explanationText()).toMatch(/api\.example\.com is at 93\.184\.216\.34.*kept for 5 min/)
    openAt('get-user', (e) => e.type === 'proxy:forward')
    expect(explanationText()).toMatch(/worker 1 of 4/)
    expect(explanationText()).toMatch(/X-Forwarded-For, X-Forwarded-Proto and X-Request-Id/)
    openAt('not-found', (e) => e.type === 'router:not-found')
    expect(explanationText()).toMatch(/No route matches \/userz\/42/)
    openAt('compression', (e) => e.type === 'middleware:gzip')
    expect(explanationText()).toMatch(/from 2227 bytes to 410 bytes \(82% smaller\)/)
    openAt('validation-error', (e) => e.type === 'validation:error')
    expect(explanationText()).toMatch(/body\.email: “Field required”/)
  })

  it('changes the text, and says which depth it is, when the depth changes', () => {
    render(<ExplainPanel />)
    const event = openAt('get-user', (e) => e.type === 'tls:server-hello')
    const trace = useStore.getState().trace!
    const texts = explain(event, contextAt(trace.events, useStore.getState().playhead))
    const seen = new Set<string>()
    for (const depth of DEPTHS) {
      setDepth(depth)
      expect(explanationText()).toBe(shown(texts[depth]))
      expect(within(panel()).getByRole('heading', { level: 3 })).toHaveTextContent(
        { simple: 'Simple', standard: 'Standard', deep: 'Deep' }[depth],
      )
      seen.add(explanationText())
    }
    expect(seen.size).toBe(3)
    setDepth('simple')
    expect(explanationText()).toMatch(/nobody in between can read your letters/)
    setDepth('deep')
    expect(explanationText()).toMatch(/key_share/)
  })

  it('follows the playhead', () => {
    render(<ExplainPanel />)
    openAt('get-user')
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent('Parse the URL')
    act(() => useStore.getState().stepForward())
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Build the request',
    )
    act(() => useStore.getState().seek(7))
    expect(explanationText()).toMatch(/93\.184\.216\.34/)
  })

  it('brings a new step back to its header in a tab scrolled down, reading the tab only after a frame', async () => {
    await useFakeClock()
    render(
      <div role="tabpanel">
        <ExplainPanel />
      </div>,
    )
    const tab = screen.getByRole('tabpanel')
    let scrollTop = 0
    let reads = 0
    Object.defineProperty(tab, 'scrollTop', {
      configurable: true,
      get: () => (reads++, scrollTop),
      set: (value: number) => void (scrollTop = value),
    })
    openAt('get-user')
    // The commit that showed the step reads no layout: where the tab stands waits for a frame.
    expect(reads).toBe(0)
    scrollTop = 400
    act(() => vi.advanceTimersByTime(50))
    expect(reads).toBe(1)
    // Scrolled 400 px down, the step's header 300 px above the tab's top edge: the next step
    // scrolls the tab back to its top (the depth switch above the panel comes back too).
    vi.spyOn(panel(), 'getBoundingClientRect').mockReturnValue(new DOMRect(0, -300, 400, 900))
    act(() => useStore.getState().stepForward())
    expect(within(panel()).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Build the request',
    )
    expect(scrollTop).toBe(0)
  })

  it('leaves a tab at its top alone on the next step, reading no layout', () => {
    render(
      <div role="tabpanel">
        <ExplainPanel />
      </div>,
    )
    openAt('get-user')
    const rect = vi.spyOn(panel(), 'getBoundingClientRect')
    act(() => useStore.getState().stepForward())
    expect(rect).not.toHaveBeenCalled()
  })

  it('calls out "My view is slow" on the slow query of slow-database, not on the quick one of get-user', () => {
    render(<ExplainPanel />)
    openAt('slow-database', (e) => e.type === 'handler:db-query' && e.data.slow)
    const callout = screen.getByRole('complementary', { name: 'Misconception' })
    expect(callout).toHaveTextContent('“My view is slow, so my API is slow.”')
    const share = /This one wait took \d+ ms, (\d+)% of the \d+ ms/.exec(callout.textContent ?? '')
    expect(Number(share?.[1])).toBeGreaterThanOrEqual(70)
    // The header says there is a callout, for when it sits below a projected screen's fold.
    fireEvent.click(screen.getByRole('button', { name: 'Misconception below' }))

    openAt('slow-database', (e) => e.type === 'handler:logic')
    expect(screen.getByRole('complementary', { name: 'Misconception' })).toHaveTextContent(
      'My view is slow',
    )

    openAt('get-user', (e) => e.type === 'handler:db-query')
    expect(screen.queryByRole('complementary', { name: 'Misconception' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Misconception below' })).not.toBeInTheDocument()
  })

  it('calls out that the server decides on a 404, and that middleware order matters', () => {
    render(<ExplainPanel />)
    const callout = () => screen.getByRole('complementary', { name: 'Misconception' })
    openAt('not-found', (e) => e.type === 'router:not-found')
    expect(callout()).toHaveTextContent('The browser decides what the response contains.')
    expect(callout()).toHaveTextContent('The server’s router decided')

    openAt('logging-inside-auth', (e) => e.type === 'middleware:auth-reject')
    expect(callout()).toHaveTextContent('Any middleware order works.')
    expect(callout()).toHaveTextContent(/never reached it: no log line/)

    // The same 401 with logging outermost is not an ordering mistake.
    openAt('unauthorized', (e) => e.type === 'middleware:auth-reject')
    expect(screen.queryByRole('complementary', { name: 'Misconception' })).not.toBeInTheDocument()

    openAt('cors-missing-on-errors', (e) => e.type === 'middleware:unwind')
    expect(callout()).toHaveTextContent(/no Access-Control-Allow-Origin/)
  })

  it('renders the first step, the turning point and the last step of every curated scenario', () => {
    render(<ExplainPanel />)
    setDepth('standard')
    for (const curated of scenarios) {
      const trace = traceOf(curated.id)
      act(() => {
        useStore.getState().loadScenario(curated.id)
        useStore.setState({ trace, playhead: 0 })
      })
      const middleware = middlewareOf(curated.id)
      const turn = trace.events.findIndex((e) => e.direction === 'response')
      for (const index of new Set([0, Math.max(0, turn), trace.events.length - 1])) {
        act(() => useStore.getState().seek(index))
        const expected = explain(trace.events[index]!, contextAt(trace.events, index, middleware))
        expect(explanationText(), `${curated.id} step ${index + 1}`).toBe(shown(expected.standard))
      }
    }
  }, 15_000)
})
