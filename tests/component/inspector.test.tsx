import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { EventType, Trace, TraceEvent } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import InspectorPanel from '../../src/ui/inspector/InspectorPanel'
import { useCleanApp } from './setup'

/** A fixture trace: the engine run on a curated scenario, as the transport would return it. */
const traceOf = (id: string): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no curated scenario "${id}"`)
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

const indexOf = (trace: Trace, type: EventType): number => {
  const index = trace.events.findIndex((e) => e.type === type)
  if (index < 0) throw new Error(`no ${type} event in the trace`)
  return index
}

/**
 * Renders the inspector with `trace` loaded at `playhead`. Steps go through the store's own
 * actions (what the buttons and arrow keys call), so the panel is tested on its own.
 */
const open = (trace: Trace, playhead = 0) => {
  act(() => useStore.setState({ trace, playhead, playing: false }))
  const user = userEvent.setup()
  render(<InspectorPanel />)
  const inspector = () => screen.getByRole('region', { name: 'Inspector' })
  return {
    user,
    inspector,
    startLine: () => within(inspector()).getByTestId('start-line').textContent,
    /** The headers table row of one header, by its wire name ("X-Forwarded-For"). */
    row: (name: string) => within(inspector()).getByRole('row', { name: new RegExp(`^${name} `) }),
    summary: () => within(inspector()).getByRole('region', { name: 'What this step changed' }),
    pressed: (group: string) =>
      within(within(inspector()).getByRole('group', { name: group }))
        .getAllByRole('button')
        .filter((b) => b.getAttribute('aria-pressed') === 'true')
        .map((b) => b.textContent?.replace(/[↑↓]/g, '').trim()),
    seek: (index: number) => act(() => useStore.getState().seek(index)),
    stepForward: () => act(() => useStore.getState().stepForward()),
    stepBack: () => act(() => useStore.getState().stepBack()),
  }
}

describe('Inspector', () => {
  useCleanApp()

  it('asks for a request before there is a trace', () => {
    render(<InspectorPanel />)
    expect(screen.getByRole('region', { name: 'Inspector' })).toHaveTextContent(/Send the request/)
  })

  it('shows the request line at the current step', () => {
    const trace = traceOf('get-user')
    const ui = open(trace, indexOf(trace, 'proxy:forward'))
    expect(ui.startLine()).toBe('GET /users/42 HTTP/1.1')
    expect(ui.pressed('Message')).toEqual(['Request'])
    // No layer has answered yet, so there is no response to switch to.
    expect(within(ui.inspector()).getByRole('button', { name: 'Response' })).toBeDisabled()
  })

  it('marks X-Forwarded-For as added at the proxy step, and says nginx set it', async () => {
    const trace = traceOf('get-user')
    const ui = open(trace, indexOf(trace, 'proxy:forward'))
    const row = ui.row('X-Forwarded-For')
    expect(within(row).getByText('Added')).toBeInTheDocument()
    expect(within(row).getByText('nginx')).toBeInTheDocument()
    // Headers the browser set earlier are credited to it, and not marked as this step's.
    const agent = ui.row('User-Agent')
    expect(within(agent).getByText('Browser')).toBeInTheDocument()
    expect(within(agent).queryByText('Added')).toBeNull()
    expect(ui.summary()).toHaveTextContent(/Added\s*X-Forwarded-For: 203\.0\.113\.7/)
    expect(within(ui.summary()).getByText('nginx')).toBeInTheDocument()
    // One step earlier nginx had not added it yet.
    ui.stepBack()
    expect(within(ui.inspector()).queryByRole('row', { name: /^X-Forwarded-For / })).toBeNull()
  })

  it('shows the compression step adding Content-Encoding and changing Content-Length', () => {
    const trace = traceOf('compression')
    const step = indexOf(trace, 'middleware:gzip')
    const gzip = trace.events[step] as Extract<TraceEvent, { type: 'middleware:gzip' }>
    const { bytesBefore, bytesAfter } = gzip.data
    const ui = open(trace, step)
    expect(ui.pressed('Message')).toEqual(['Response'])
    expect(ui.startLine()).toBe('HTTP/1.1 200 OK')

    const encoding = ui.row('Content-Encoding')
    expect(within(encoding).getByText('Added')).toBeInTheDocument()
    expect(within(encoding).getByText('Compression middleware')).toBeInTheDocument()

    const length = ui.row('Content-Length')
    expect(within(length).getByText('Changed')).toBeInTheDocument()
    expect(length).toHaveTextContent(`${bytesAfter}was ${bytesBefore}`)
    expect(length).toHaveTextContent(/Handler list_users\(\)\s*changed by\s*Compression middleware/)

    const sizes = `${bytesBefore.toLocaleString('en-US')} bytes → ${bytesAfter} bytes`
    expect(ui.summary()).toHaveTextContent(`Compressed with gzip: ${sizes}`)
    expect(ui.inspector()).toHaveTextContent(`On the wire it is ${bytesAfter} bytes of gzip data`)
  })

  it('names the stage behind every header of the final response', () => {
    const trace = traceOf('login-session')
    const ui = open(trace, trace.events.length - 1)
    expect(within(ui.row('Set-Cookie')).getByText('Session middleware')).toBeInTheDocument()
    expect(within(ui.row('X-Response-Time')).getByText('Logging middleware')).toBeInTheDocument()
    expect(ui.row('Server')).toHaveTextContent(/gunicorn\s*changed by\s*nginx/)
    expect(within(ui.row('Content-Type')).getByText('Handler login()')).toBeInTheDocument()
  })

  it('pretty-prints a JSON body', () => {
    const trace = traceOf('login-session')
    const ui = open(trace, indexOf(trace, 'client:build-request'))
    const body = within(ui.inspector()).getByTestId('body-text')
    expect(body).toHaveAttribute('data-kind', 'json')
    const sent = trace.events[indexOf(trace, 'client:build-request')]!.request.body
    expect(body.textContent).toBe(JSON.stringify(JSON.parse(sent), null, 2))
    expect(body.textContent).toContain('\n  "username": "ada"')
  })

  it('previews an HTML body in a sandboxed frame that cannot run scripts', () => {
    const trace = traceOf('html-page')
    const ui = open(trace, trace.events.length - 1)
    const frame = within(ui.inspector()).getByTitle(/Preview of the HTML body/)
    expect(frame.tagName).toBe('IFRAME')
    expect(frame.getAttribute('sandbox')).toBe('')
    expect(frame.getAttribute('sandbox')).not.toMatch(/allow-scripts/)
    expect(frame.getAttribute('srcdoc')).toContain('<h1>Ada Lovelace</h1>')
    expect(within(ui.inspector()).getByTestId('html-source')).toHaveTextContent(
      '<h1>Ada Lovelace</h1>',
    )
  })

  it('says so when a response has no body', () => {
    const trace = traceOf('delete-user')
    const ui = open(trace, trace.events.length - 1)
    // Werkzeug writes its reason phrases in capitals.
    expect(ui.startLine()).toBe('HTTP/1.1 204 NO CONTENT')
    expect(ui.inspector()).toHaveTextContent('No body (204 NO CONTENT)')
  })

  it('shows a HEAD response losing its body on the way out, headers intact', () => {
    const trace = traceOf('head-request')
    const dropped = trace.events.findIndex(
      (e, i) => e.response?.body === '' && trace.events[i - 1]?.response?.body,
    )
    expect(dropped).toBeGreaterThan(0)
    const before = trace.events[dropped - 1]!.response!.body.length
    const ui = open(trace, dropped)
    expect(ui.summary()).toHaveTextContent(`Body left out (it was ${before} bytes)`)
    act(() => useStore.getState().seek(trace.events.length - 1))
    expect(ui.inspector()).toHaveTextContent(
      'No body (the answer to a HEAD request is headers only)',
    )
    expect(ui.row('Content-Length')).toHaveTextContent(String(before))
  })

  it('says which layer made a short-circuit response', () => {
    const trace = traceOf('not-found')
    const ui = open(trace, indexOf(trace, 'router:not-found'))
    expect(ui.startLine()).toBe('HTTP/1.1 404 NOT FOUND')
    expect(ui.summary()).toHaveTextContent('Router created this response: 404 NOT FOUND.')
  })

  it('shows the raw text with its line endings, and the same diff marks', async () => {
    const trace = traceOf('compression')
    const ui = open(trace, indexOf(trace, 'middleware:gzip'))
    await ui.user.click(within(ui.inspector()).getByRole('button', { name: 'Raw' }))
    expect(ui.pressed('View')).toEqual(['Raw'])
    const raw = within(ui.inspector()).getByTestId('raw-text')
    const lines = raw.querySelectorAll('.raw-line')
    expect(lines[0]).toHaveTextContent(/^HTTP\/1\.1 200 OK/)
    const encoding = [...lines].find((l) => l.textContent?.includes('Content-Encoding: gzip'))
    expect(encoding).toHaveAttribute('data-change', 'added')
    // The CRLF markers are drawn for the eye and hidden from screen readers.
    const crlf = raw.querySelectorAll('.crlf')
    // One per line, the empty line that ends the headers included.
    expect(crlf.length).toBe(lines.length)
    crlf.forEach((mark) => expect(mark.closest('[aria-hidden="true"]')).not.toBeNull())
  })

  it('on the way back, shows the request as the browser sent it when asked', async () => {
    const trace = traceOf('get-user')
    const ui = open(trace, trace.events.length - 1)
    expect(ui.pressed('Message')).toEqual(['Response'])
    await ui.user.click(within(ui.inspector()).getByRole('button', { name: 'Request' }))
    expect(ui.startLine()).toBe('GET /users/42 HTTP/1.1')
    expect(ui.summary()).toHaveTextContent(/as Browser saw it on the way in/)
    expect(ui.row('User-Agent')).toBeInTheDocument()
    expect(within(ui.inspector()).queryByRole('row', { name: /^X-Forwarded-For / })).toBeNull()
  })

  it('restores exactly what a step showed when stepping back to it', async () => {
    const trace = traceOf('compression')
    const step = indexOf(trace, 'middleware:gzip')
    const ui = open(trace, step)
    const before = ui.inspector().innerHTML

    ui.stepForward()
    expect(ui.inspector().innerHTML).not.toBe(before)
    ui.stepBack()
    expect(ui.inspector().innerHTML).toBe(before)

    // A message picked at one step does not follow the playhead: each step opens on its own.
    await ui.user.click(within(ui.inspector()).getByRole('button', { name: 'Request' }))
    ui.seek(step + 1)
    ui.seek(step)
    expect(ui.pressed('Message')).toEqual(['Response'])
    expect(ui.inspector().innerHTML).toBe(before)
  })

  it('caps a 1 MB body and shows the rest only when asked', async () => {
    const base = traceOf('get-user')
    const big = JSON.stringify({ rows: 'x'.repeat(1024 * 1024) })
    const events = base.events.map((event) =>
      event.response ? { ...event, response: { ...event.response, body: big } } : event,
    )
    const trace: Trace = { ...base, events }
    const ui = open(trace, trace.events.length - 1)
    const body = within(ui.inspector()).getByTestId('body-text')
    expect(body.textContent!.length).toBeLessThanOrEqual(64 * 1024)
    const more = within(ui.inspector()).getByRole('button', { name: 'Show all 1.0 MB' })
    await ui.user.click(more)
    expect(within(ui.inspector()).getByTestId('body-text').textContent!.length).toBeGreaterThan(
      1024 * 1024,
    )
    expect(within(ui.inspector()).queryByRole('button', { name: /^Show all/ })).toBeNull()
  })
})
