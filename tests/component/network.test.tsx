import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { ConnectionState, EventType, Trace } from '../../src/engine'
import { findScenario, simulate } from '../../src/engine'
import { useStore } from '../../src/store'
import NetworkPanel from '../../src/ui/network/NetworkPanel'
import { PlayheadMotion } from '../../src/ui/playback/PlayheadMotion'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import { useCleanApp } from './setup'

/** A fixture trace of a curated scenario, as the engine makes it (no transport, no msw). */
const traceOf = (id: string, connection?: ConnectionState): Trace => {
  const curated = findScenario(id)
  if (!curated) throw new Error(`no scenario ${id}`)
  return simulate({
    scenario: curated.scenario,
    request: curated.request,
    seed: 1,
    ...(connection ? { connection } : {}),
  })
}

const indexOf = (trace: Trace, type: EventType, nth = 0): number => {
  const found = trace.events.flatMap((e, i) => (e.type === type ? [i] : []))[nth]
  if (found === undefined) throw new Error(`no ${type} in the trace`)
  return found
}

/** Opens the scenario, puts its trace in the store with the playhead at `playhead`, renders the panel. */
const showTrace = (id: string, trace: Trace, playhead = trace.events.length - 1) => {
  act(() => {
    useStore.getState().loadScenario(id)
    useStore.setState({ trace, playhead, playing: false })
  })
  render(
    <MotionRoot>
      <PlayheadMotion>
        <NetworkPanel />
      </PlayheadMotion>
    </MotionRoot>,
  )
  return screen.getByRole('region', { name: 'Network close-up' })
}

// `hidden: true` skips jsdom's slow per-element visibility check; the panel hides nothing it names.
const diagram = (name: string) => screen.getByRole('figure', { name, hidden: true })
/** The message names a diagram's description lists, in order (what a screen reader hears first). */
const namesIn = (name: string) => {
  const described = diagram(name).getAttribute('aria-describedby') ?? ''
  return (document.getElementById(described)?.textContent ?? '')
    .replace(/^[^:]*: /, '')
    .replace(/\.$/, '')
    .split(', then ')
}
/**
 * The button of the message whose first arrow is labelled `label` (found by its drawing, which is
 * quick; computing every button's accessible name in jsdom is not). Tests then check its name.
 */
const messageButton = (label: string): HTMLElement => {
  const found = [...document.querySelectorAll<HTMLElement>('.seq-button')].find(
    (button) => button.querySelector('.seq-name')?.textContent === label,
  )
  if (!found) throw new Error(`no message labelled ${label}`)
  return found
}
const current = () => document.querySelector('.seq-button[aria-current="true"]')

const drawn = (transform: string) => /^(none|translateX\(0%\))?$/.test(transform)
/** A transform part-way along the arrow (neither end). */
const between = (transform: string) => {
  const match = /translateX\((-?[\d.]+)%\)/.exec(transform)
  return match !== null && Math.abs(Number(match[1])) > 1 && Math.abs(Number(match[1])) < 99
}

/** Steps forward and records every position the new current arrow takes until it is drawn. */
const stepAndWatchArrow = async (): Promise<string[]> => {
  act(() => useStore.getState().stepForward())
  const fill = current()!.querySelector<HTMLElement>('.seq-fill')!
  const seen = [fill.style.transform]
  const observer = new MutationObserver(() => seen.push(fill.style.transform))
  observer.observe(fill, { attributes: true, attributeFilter: ['style'] })
  // The glide lasts well under a second; a loaded machine may take longer to play it.
  await waitFor(() => expect(drawn(fill.style.transform)).toBe(true), { timeout: 10_000 })
  observer.disconnect()
  return seen
}
const nowLine = () => document.querySelector('.net-now')?.textContent ?? ''
/** The current message in words, shown under its arrow (inside its list item). */
const explained = () => current()?.closest('li')?.querySelector('.seq-explain')?.textContent ?? ''

describe('network close-up', () => {
  useCleanApp()

  it('asks nothing of layout on a step while its tab is hidden, and does when shown', () => {
    const trace = traceOf('get-user')
    const styles = vi.spyOn(window, 'getComputedStyle')
    const boxes = vi.spyOn(Element.prototype, 'getBoundingClientRect')
    /** Layout questions asked while the playhead walks the TCP handshake. */
    const asked = (hidden: boolean) => {
      act(() => {
        useStore.getState().loadScenario('get-user')
        useStore.setState({ trace, playhead: 0, playing: false })
      })
      const { unmount } = render(
        <div hidden={hidden}>
          <MotionRoot>
            <PlayheadMotion>
              <NetworkPanel />
            </PlayheadMotion>
          </MotionRoot>
        </div>,
      )
      styles.mockClear()
      boxes.mockClear()
      const from = indexOf(trace, 'tcp:syn')
      for (let i = from; i < from + 3; i++) act(() => useStore.setState({ playhead: i }))
      const count = styles.mock.calls.length + boxes.mock.calls.length
      unmount()
      return count
    }
    expect(asked(true)).toBe(0)
    expect(asked(false)).toBeGreaterThan(0)
    styles.mockRestore()
    boxes.mockRestore()
  })

  it('before any trace, says what will appear', () => {
    render(
      <PlayheadMotion>
        <NetworkPanel />
      </PlayheadMotion>,
    )
    expect(screen.getByText(/Press “Send request”/)).toBeInTheDocument()
    expect(screen.queryByRole('figure')).toBeNull()
  })

  it('draws DNS, TCP and TLS for GET /users/42 with each message named, in order', () => {
    const trace = traceOf('get-user')
    showTrace('get-user', trace)

    // The handshake, then (once the response is back) the connection stays open.
    expect(namesIn('TCP three-way handshake')).toEqual([
      'SYN',
      'SYN-ACK',
      'ACK',
      'Connection kept open',
    ])
    expect(namesIn('TLS handshake')).toEqual([
      'ClientHello',
      'ServerHello + Certificate + Finished',
      'Certificate check: valid',
      'Finished',
    ])
    const dns = namesIn('DNS resolution')
    expect(dns[0]).toBe('Cache lookup: miss')
    expect(dns.at(-1)).toBe('Answer: 93.184.216.34, TTL 300 s')
    expect(messageButton('93.184.216.34')).toHaveAccessibleName(/, Recursive resolver to Browser$/)
    // The resolver walks root → TLD → authoritative.
    expect(dns.slice(2, 5)).toEqual([
      'Root: ask the .com servers',
      'TLD: ask the authoritative server',
      'Authoritative: 93.184.216.34',
    ])

    const tcp = within(diagram('TCP three-way handshake'))
    expect(tcp.getByText('TCP: 1 round trip')).toBeInTheDocument()
    const tls = within(diagram('TLS handshake'))
    expect(tls.getByText('TLS 1.3: 1 round trip')).toBeInTheDocument()
    // ClientHello carries the offered versions and ALPN, drawn on its arrow.
    expect(tls.getByText(/TLS 1\.3, TLS 1\.2 · ALPN h2, http\/1\.1/)).toBeInTheDocument()
  })

  it('labels every arrow with its time in ms', () => {
    const trace = traceOf('get-user')
    showTrace('get-user', trace)
    const syn = trace.events[indexOf(trace, 'tcp:syn')]!
    const row = messageButton('SYN')
    expect(row).toHaveAccessibleName(
      new RegExp(` ${Number(syn.duration.toFixed(1))} ms, Browser to Server \\(nginx\\)$`),
    )
    expect(row.querySelector('.seq-ms')?.textContent).toBe(`${Number(syn.duration.toFixed(1))} ms`)
    for (const arrow of document.querySelectorAll('.seq-arrow'))
      expect(arrow.querySelector('.seq-ms')?.textContent).toMatch(/ ms$/)
  })

  it('has accessible diagrams: a described figure with an ordered list of messages', () => {
    showTrace('get-user', traceOf('get-user'))
    const tcp = diagram('TCP three-way handshake')
    expect(tcp).toHaveAccessibleDescription(
      /Browser, Server \(nginx\).*SYN, then SYN-ACK, then ACK/,
    )
    expect(within(tcp).getByRole('list').tagName).toBe('OL')
  })

  it('shows TLS 1.2 as two round trips, the second one drawn both ways', () => {
    const trace = traceOf('tls12-handshake')
    showTrace('tls12-handshake', trace)
    const tls = within(diagram('TLS handshake'))
    expect(tls.getByText('TLS 1.2: 2 round trips')).toBeInTheDocument()
    expect(namesIn('TLS handshake')).toEqual([
      'ClientHello',
      'ServerHello + Certificate + ServerHelloDone',
      'Certificate check: valid',
      'Second round trip: key exchange + Finished',
    ])
    const second = tls.getByRole('button', { name: /Second round trip/ })
    expect(second).toHaveAccessibleName(/Browser to Server \(nginx\) and back/)
    expect(second.querySelectorAll('.seq-arrow')).toHaveLength(2)
  })

  it('on a kept-alive repeat, skips the handshakes and says the connection was reused', () => {
    const first = traceOf('get-user')
    const repeat = traceOf('get-user', first.connection)
    showTrace('get-user', repeat)
    expect(
      screen.getByText('Reused connection — no DNS, TCP or TLS handshake this time.'),
    ).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /DNS answered from cache/ })).toBeInTheDocument()
    expect(() => messageButton('SYN')).toThrow()
    expect(() => messageButton('ClientHello')).toThrow()
    expect(screen.queryByText(/round trip/)).toBeNull()
  })

  it('shows NXDOMAIN for a mistyped host, and that no connection follows', () => {
    const trace = traceOf('dns-failure')
    const nx = indexOf(trace, 'dns:nxdomain')
    showTrace('dns-failure', trace, nx - 1)
    // Before the failure, the student is not told what happens next.
    expect(screen.getByText('Comes after DNS.')).toBeInTheDocument()

    act(() => useStore.getState().seek(nx))
    expect(current()).toHaveAccessibleName(/NXDOMAIN: no such name/)
    expect(explained()).toMatch(/Recursive resolver → Browser/)
    expect(explained()).toMatch(/NXDOMAIN/)
    expect(explained()).toMatch(/ERR_NAME_NOT_RESOLVED/)
    expect(
      screen.getByText('Never reached: DNS found no address, so no connection was opened.'),
    ).toBeInTheDocument()
    expect(screen.queryByRole('figure', { name: 'TCP three-way handshake' })).toBeNull()
  })

  it('shows the TLS alert when the certificate has expired', () => {
    const trace = traceOf('tls-certificate-error')
    showTrace('tls-certificate-error', trace, indexOf(trace, 'tls:alert'))
    expect(namesIn('TLS handshake')).toEqual([
      'ClientHello',
      'ServerHello + Certificate + Finished',
      'Certificate check: fails',
      'Alert: certificate_expired',
    ])
    expect(current()).toHaveAccessibleName(/Alert: certificate_expired .*, Browser to Server/)
    expect(explained()).toMatch(/ERR_CERT_DATE_INVALID/)
    expect(screen.getByText(/expired 2025-04-14/)).toBeInTheDocument()
    expect(screen.getByText('TLS 1.3: aborted by an alert')).toBeInTheDocument()
  })

  it('shows RST when nothing listens on the port', () => {
    const trace = traceOf('connection-refused')
    showTrace('connection-refused', trace)
    expect(namesIn('TCP three-way handshake')).toEqual(['SYN', 'RST: connection refused'])
    expect(screen.getByText(/Never reached: the connection was refused/)).toBeInTheDocument()
  })

  it('follows the store playhead: earlier messages drawn, the current one highlighted and in words', () => {
    const trace = traceOf('get-user')
    const syn = indexOf(trace, 'tcp:syn')
    showTrace('get-user', trace, syn)
    expect(current()).toHaveAccessibleName(/^Step \d+ SYN to .*, Browser to Server \(nginx\)$/)
    expect(nowLine()).toBe('Now: TCP three-way handshake, message 1 of 4')
    expect(explained()).toMatch(/^Browser → Server \(nginx\) · \d+(\.\d+)? ms/)
    expect(explained()).toMatch(/open a connection on port 443/)
    // Only the current message is explained.
    expect(document.querySelectorAll('.seq-explain')).toHaveLength(1)
    const rows = () =>
      [...diagram('TCP three-way handshake').querySelectorAll('.seq-row')].map(
        (row) => (row as HTMLElement).dataset.state,
      )
    expect(rows()).toEqual(['current', 'future', 'future', 'future'])
    // Earlier messages (DNS) are drawn as past.
    expect(
      [...diagram('DNS resolution').querySelectorAll('.seq-row')].every(
        (row) => (row as HTMLElement).dataset.state === 'past',
      ),
    ).toBe(true)

    act(() => useStore.getState().stepForward())
    expect(current()).toHaveAccessibleName(/^Step \d+ SYN-ACK .*, Server \(nginx\) to Browser$/)
    expect(rows()).toEqual(['past', 'current', 'future', 'future'])

    // On a step outside the network, no message is current and the line says where the request is.
    act(() => useStore.getState().seek(indexOf(trace, 'handler:call')))
    expect(current()).toBeNull()
    expect(nowLine()).toMatch(/^Now in Handler: Call get_user\(id\)/)
    expect(nowLine()).toMatch(/handshakes below are done/)
    expect(document.querySelector('.seq-explain')).toBeNull()
  })

  it('seeks the playhead when a message is clicked, or chosen with the keyboard', async () => {
    const user = userEvent.setup()
    const trace = traceOf('get-user')
    showTrace('get-user', trace, 0)
    await user.click(messageButton('ACK'))
    expect(useStore.getState().playhead).toBe(indexOf(trace, 'tcp:ack'))
    expect(current()).toHaveAccessibleName(/^Step \d+ ACK /)

    messageButton('ClientHello').focus()
    await user.keyboard('{Enter}')
    expect(useStore.getState().playhead).toBe(indexOf(trace, 'tls:client-hello'))
  })

  it('has no TLS section for plain http://, and a second connection after the redirect', async () => {
    const user = userEvent.setup()
    const trace = traceOf('redirect')
    showTrace('redirect', trace, indexOf(trace, 'tcp:ack'))
    expect(
      screen.getByText('No TLS: plain HTTP — anyone on the path can read it.'),
    ).toBeInTheDocument()
    expect(namesIn('TCP three-way handshake')[0]).toBe('SYN')
    expect(screen.getByText(/to 93\.184\.216\.34:80/)).toBeInTheDocument()

    const hops = screen.getByRole('navigation', { name: 'Round trips in this trace' })
    await user.click(within(hops).getByRole('button', { name: 'Request 2 · https, after 301' }))
    const second = indexOf(trace, 'client:parse-url', 1)
    expect(useStore.getState().playhead).toBe(second)
    expect(screen.getByText(/follows the 301 redirect/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /DNS answered from cache/ })).toBeInTheDocument()
    expect(screen.getByText(/to 93\.184\.216\.34:443/)).toBeInTheDocument()
    expect(screen.getByText('TLS 1.3: 1 round trip')).toBeInTheDocument()
  })

  it('says so when a fresh cached copy means no network at all', () => {
    showTrace('cache-fresh', traceOf('cache-fresh'))
    expect(screen.getByText(/No network at all/)).toBeInTheDocument()
    expect(screen.queryByRole('figure')).toBeNull()
  })

  it('with reduced motion, the current message fades in place; otherwise it travels its arrow', async () => {
    const trace = traceOf('get-user')
    const synAck = indexOf(trace, 'tcp:syn-ack')
    act(() => useStore.getState().setMotion('reduce'))
    const panel = showTrace('get-user', trace, synAck - 1)
    // LazyMotion's DOM features load after first paint; by the time a trace plays they are here.
    await act(async () => {
      await import('../../src/ui/shell/motionFeatures')
    })
    expect(panel).toHaveAttribute('data-reduced', 'true')
    const reduced = await stepAndWatchArrow()
    expect(current()).toHaveAccessibleName(/^Step \d+ SYN-ACK /)
    expect(within(current() as HTMLElement).getByTestId('seq-fade')).toBeInTheDocument()
    // Drawn in full at once: no position between the two ends.
    expect(reduced.filter(between)).toEqual([])

    act(() => useStore.getState().setMotion('full'))
    expect(panel).not.toHaveAttribute('data-reduced')
    const full = await stepAndWatchArrow()
    expect(current()).toHaveAccessibleName(/^Step \d+ ACK /)
    expect(within(current() as HTMLElement).queryByTestId('seq-fade')).toBeNull()
    // The ACK travels from the browser's end of its arrow to the server's.
    expect(full.filter(between).length).toBeGreaterThan(0)
  })
})
