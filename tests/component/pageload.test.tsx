import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSession } from '../../src/embed/session'
import { pageView, resetPageView } from '../../src/link/page'
import type { PresentMessage } from '../../src/ui/present/channel'
import { CHANNEL_NAME, envelope, parsePresentMessage } from '../../src/ui/present/channel'
import PresenterApp from '../../src/ui/present/presenter/PresenterApp'
import { EmbedApp } from '../../src/ui/embed/EmbedApp'
import { MotionRoot } from '../../src/ui/shell/MotionRoot'
import type { Trace } from '../../src/engine'
import {
  PAGE_SCENARIOS,
  findPageScenario,
  pageApp,
  pageInputOf,
  simulatePage,
} from '../../src/engine'
import { contextAt, explain } from '../../src/ui/narration/explain'
import { networkView } from '../../src/ui/network/model'
import { useStore } from '../../src/store'
import { pageMarkdown } from '../../src/ui/page/markdown'
import { segmentsOf, stepsOf, viewAt } from '../../src/ui/page/model'
import { fakeTransport, renderApp } from './driver'
import { useCleanApp } from './setup'

describe('page load: the model the view draws', () => {
  const page = simulatePage({ scenario: pageApp, protocol: 'h2' })

  it('lays out each bar phase after phase, from discovery to the last byte', () => {
    for (const r of page.requests) {
      const segments = segmentsOf(r)
      expect(segments[0]!.from).toBeCloseTo(r.start, 6)
      expect(segments.at(-1)!.to).toBeCloseTo(r.end, 3)
      segments.forEach((s, i) => i > 0 && expect(s.from).toBeCloseTo(segments[i - 1]!.to, 6))
    }
    const font = page.requests.find((r) => r.name === 'inter.woff2')!
    expect(segmentsOf(font).map((s) => s.label)).toContain('Content Download')
  })

  it('steps through time in order and builds the page as it goes', () => {
    const steps = stepsOf(page)
    expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort((a, b) => a - b))
    expect(steps[0]!.text).toMatch(/^\/ discovered/)
    const paint = page.marks.find((m) => m.id === 'first-paint')!.at
    expect(viewAt(page, 0)).toMatchObject({ html: false, styled: false, data: 'idle' })
    expect(viewAt(page, paint - 1).styled).toBe(false)
    expect(viewAt(page, paint).styled).toBe(true)
    const end = viewAt(page, page.end)
    expect(end.data).toBe('success')
    expect(end.images.size).toBe(page.requests.filter((r) => r.kind === 'image').length)
  })
})

describe('page load: Markdown', () => {
  it('writes one table row per request, numbers from the trace', () => {
    const page = simulatePage({ scenario: pageApp, protocol: 'h2' })
    const md = pageMarkdown(page)
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Name') && !l.startsWith('| ---'))
    expect(rows).toHaveLength(page.requests.length)
    const font = page.requests.find((r) => r.name === 'inter.woff2')!
    const row = rows.find((l) => l.startsWith('| inter.woff2 |'))!
    expect(row).toContain(`| HTTP/2 | ${font.connection} stream ${font.stream} | theme.css |`)
    expect(row.endsWith(`| ${Math.round(font.end - font.start)} |`)).toBe(true)
    expect(md).toContain(
      `- First paint: ${Math.round(page.marks.find((m) => m.id === 'first-paint')!.at)} ms`,
    )
  })
})

describe('page load: an HTTP/3 request in the Network panel', () => {
  it('has no TCP section, and its TLS summary says QUIC', () => {
    const page = simulatePage({ ...pageInputOf(findPageScenario('page-load-h3')!) })
    const hop = networkView(page.requests[0]!.trace).hops[0]!
    expect(hop.transport).toBe('quic')
    expect(hop.sections.tcp.messages).toHaveLength(0)
    expect(hop.sections.tls.summary).toBe('QUIC with TLS 1.3: transport and keys in 1 round trip')
    const h2 = simulatePage({ scenario: pageApp, protocol: 'h2' })
    expect(networkView(h2.requests[0]!.trace).hops[0]!.transport).toBe('tcp')
  })
})

beforeEach(() => resetPageView())
afterEach(() => resetPageView())

describe('page load: the dialog', { timeout: 20_000 }, () => {
  useCleanApp()

  const open = async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.user.click(screen.getByRole('button', { name: 'Page load' }))
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    return { ui, dialog }
  }

  it('steps with the arrow keys and says where it is', async () => {
    const { ui, dialog } = await open()
    const status = within(dialog).getByRole('status')
    expect(status).toHaveTextContent(/^Step 1 of \d+: \/ discovered/)
    await ui.user.keyboard('{ArrowRight}')
    expect(status).toHaveTextContent(/^Step 2 of/)
    await ui.user.keyboard('{End}')
    const [, n, total] = /^Step (\d+) of (\d+)/.exec(status.textContent ?? '')!
    expect(n).toBe(total)
    await ui.user.keyboard('{Home}')
    expect(status).toHaveTextContent(/^Step 1 of/)
  })

  it('shows HTTP/2 streams in the waterfall when HTTP/2 is chosen', async () => {
    const { ui, dialog } = await open()
    await ui.user.click(within(dialog).getByRole('radio', { name: 'HTTP/2' }))
    const table = within(dialog).getByRole('table')
    expect(within(table).getAllByText('HTTP/2').length).toBe(25)
    const doc = within(table)
      .getByRole('button', { name: 'Open the journey of / (document)' })
      .closest('tr')!
    expect(doc).toHaveTextContent('c1 stream 1')
  })

  it('opens a curated page load, and names it when the choices match one', async () => {
    const { ui, dialog } = await open()
    const picker = within(dialog).getByRole('combobox', { name: 'Page scenario' })
    expect(picker).toHaveValue('page-load')
    await ui.user.selectOptions(picker, 'cdn-miss')
    expect(within(dialog).getByRole('radio', { name: 'HTTP/2' })).toBeChecked()
    expect(within(dialog).getByRole('radio', { name: 'MISS' })).toBeChecked()
    expect(picker).toHaveValue('cdn-miss')
    expect(within(dialog).getAllByText('CDN MISS').length).toBeGreaterThan(10)
    await ui.user.click(within(dialog).getByRole('radio', { name: /Lossy/ }))
    expect(picker).toHaveValue('')
    expect(within(picker).getByRole('option', { name: 'Your own choice' })).toBeInTheDocument()
  })

  it('asks before it shows: the answer comes from the trace', async () => {
    const { ui, dialog } = await open()
    await ui.user.click(within(dialog).getByRole('button', { name: 'Predict' }))
    const first = within(dialog).getByRole('group', { name: /How many connections/ })
    const check = within(dialog).getAllByRole('button', { name: 'Check my answer' })[0]!
    expect(check).toBeDisabled()
    await ui.user.click(within(first).getByRole('radio', { name: '6' }))
    await ui.user.click(check)
    const cdn = simulatePage({ scenario: pageApp }).connections.filter(
      (c) => c.origin === 'https://cdn.example.net',
    ).length
    expect(first.closest('li')).toHaveTextContent(`Right. ${cdn}. A browser keeps at most 6`)
    const lossy = within(dialog).getByRole('group', { name: /lossy|loses/ })
    await ui.user.click(within(lossy).getByRole('radio', { name: 'HTTP/2' }))
    await ui.user.click(within(dialog).getAllByRole('button', { name: 'Check my answer' })[0]!)
    expect(lossy.closest('li')).toHaveTextContent(
      /Not quite: you chose HTTP\/2\. HTTP\/3: HTTP\/2 took/,
    )
  })

  it('opens a request as the main journey, with the page’s own trace', async () => {
    const { ui, dialog } = await open()
    await ui.user.click(
      within(dialog).getByRole('button', { name: 'Open the journey of app.js (script)' }),
    )
    expect(screen.queryByRole('dialog', { name: 'Page load' })).not.toBeInTheDocument()
    const { trace, traced, playhead } = useStore.getState()
    expect(traced?.request.url).toBe('https://www.example.com/static/app.js')
    expect(trace?.response?.status).toBe(200)
    expect(playhead).toBe(0)
  })
})

/** The step line's numbers: [N, M] of "Step N of M". */
const stepOf = (dialog: HTMLElement) =>
  /^Step (\d+) of (\d+)/
    .exec(within(dialog).getByRole('status').textContent ?? '')!
    .slice(1)
    .map(Number)

describe('page load: links and the Library', { timeout: 30_000 }, () => {
  useCleanApp()

  it('a link reopens the view at its page load, step and chosen request', async () => {
    renderApp({ hash: '#scenario=get-user&page=page-load-lossy&pstep=40&preq=r6' })
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    expect(within(dialog).getByRole('combobox', { name: 'Page scenario' })).toHaveValue(
      'page-load-lossy',
    )
    expect(within(dialog).getByRole('radio', { name: 'HTTP/2' })).toBeChecked()
    expect(within(dialog).getByRole('radio', { name: /Lossy/ })).toBeChecked()
    expect(stepOf(dialog)[0]).toBe(40)
    const chosen = within(dialog).getByRole('region', { name: /^Chosen request: / })
    const r6 = simulatePage({ ...pageInputOf(findPageScenario('page-load-lossy')!) }).requests[6]!
    expect(chosen).toHaveAccessibleName(`Chosen request: ${r6.name}`)
    expect(chosen).toHaveTextContent(`on ${r6.connection}, stream ${r6.stream}`)
    expect(within(dialog).getByRole('button', { name: `Choose ${r6.name}` })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })

  it('the address follows the view: its step, its request, its choices', async () => {
    const ui = renderApp({ hash: '#scenario=get-user&page=page-load' })
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    await ui.user.click(within(dialog).getByRole('button', { name: 'Choose app.js' }))
    await ui.user.click(within(dialog).getByRole('button', { name: 'Step forward' }))
    await ui.user.click(within(dialog).getByRole('radio', { name: 'HTTP/3' }))
    // A new protocol starts the page load over (step 1, nothing chosen), written at once.
    await waitFor(() => expect(window.location.hash).toContain('proto=h3'))
    expect(window.location.hash).not.toMatch(/pstep|preq/)
    await ui.user.click(within(dialog).getByRole('button', { name: 'Choose app.js' }))
    await ui.user.click(within(dialog).getByRole('button', { name: 'Step forward' }))
    await waitFor(() => expect(window.location.hash).toContain('pstep=2'), { timeout: 2000 })
    const app = simulatePage({ scenario: pageApp, protocol: 'h3' }).requests.find(
      (r) => r.name === 'app.js',
    )!
    expect(new URLSearchParams(window.location.hash.slice(1)).get('preq')).toBe(app.id)
    await ui.user.click(within(dialog).getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(window.location.hash).not.toContain('page='))
  })

  it('a bad value keeps what was open and says why in the view', async () => {
    renderApp({ hash: '#scenario=get-user&page=cdn-miss&pstep=3' })
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    expect(stepOf(dialog)[0]).toBe(3)
    await act(async () => {
      window.location.hash = '#scenario=get-user&page=no-such-page&pstep=9'
      window.dispatchEvent(new HashChangeEvent('hashchange'))
    })
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      /page load "no-such-page" that does not exist/,
    )
    expect(within(dialog).getByRole('combobox', { name: 'Page scenario' })).toHaveValue('cdn-miss')
    expect(stepOf(dialog)[0]).toBe(3)
  })

  it('a step past the end or a request the page lacks is named, and the rest shown', async () => {
    renderApp({ hash: '#page=page-load-h2&pstep=99999&preq=r777' })
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    const [n, total] = stepOf(dialog)
    expect(n).toBe(total)
    const alert = within(dialog).getByRole('alert')
    expect(alert).toHaveTextContent(`has ${total} steps, so step 99999 could not be shown`)
    expect(alert).toHaveTextContent('has no request r777 (it has r0 to r24)')
    expect(within(dialog).queryByRole('region', { name: /^Chosen request/ })).toBeNull()
  })

  it('the Library lists the page loads in their own shelf and opens one', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.user.click(screen.getByRole('button', { name: 'Library' }))
    const library = await screen.findByRole('dialog', { name: 'Library' }, { timeout: 5000 })
    const shelf = within(library).getByRole('region', { name: /^Page loads/ })
    const links = within(shelf).getAllByRole('link')
    expect(links.map((a) => a.getAttribute('href'))).toEqual(
      PAGE_SCENARIOS.map((s) => `#page=${s.id}`),
    )
    await ui.user.type(within(library).getByRole('searchbox'), 'quic')
    expect(within(shelf).getAllByRole('link').length).toBeLessThan(links.length)
    await ui.user.click(within(shelf).getByRole('link', { name: 'HTTP/3 on a lossy network' }))
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    expect(within(dialog).getByRole('combobox', { name: 'Page scenario' })).toHaveValue(
      'page-load-lossy-h3',
    )
    await waitFor(() => expect(window.location.hash).toContain('page=page-load-lossy-h3'))
  })

  it('Share or embed offers a link and an iframe that reopen this page load, and its exports', async () => {
    const ui = renderApp({ hash: '#page=cdn-miss&pstep=12&preq=r3' })
    const dialog = await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    await ui.user.click(within(dialog).getByRole('button', { name: 'Share or embed' }))
    const share = await screen.findByRole('dialog', { name: 'Share or embed' }, { timeout: 5000 })
    const link = within(share).getByRole('textbox', { name: 'Link to this page load' })
    expect((link as HTMLInputElement).value).toMatch(/#page=cdn-miss&pstep=12&preq=r3$/)
    const iframe = within(share).getByRole('textbox', { name: 'iframe' })
    expect((iframe as HTMLTextAreaElement).value).toContain(
      'embed.html#page=cdn-miss&amp;pstep=12&amp;preq=r3',
    )
    expect((iframe as HTMLTextAreaElement).value).toContain('title="Roundtrip: CDN cache MISS"')
    await ui.user.click(within(share).getByRole('checkbox', { name: /^Open at step 12 of/ }))
    expect((link as HTMLInputElement).value).toMatch(/#page=cdn-miss$/)
    expect(within(share).getByRole('button', { name: 'Markdown' })).toBeEnabled()
    expect(within(share).getByRole('button', { name: 'Mermaid' })).toBeEnabled()
  })
})

describe('page load: the widget', { timeout: 20_000 }, () => {
  useCleanApp()

  it('shows a page load the host loads, steps it on command, and sends nothing', async () => {
    const transport = fakeTransport()
    useStore.getState().setTransport(transport)
    const session = createSession(useStore)
    render(
      <MotionRoot>
        <EmbedApp onStart={() => session.start(null)} fullAppHref={() => './index.html#x'} />
      </MotionRoot>,
    )
    await act(() =>
      session.execute({
        name: 'load',
        target: { kind: 'page', id: 'page-load-h3', step: 5, request: 'r0' },
      }),
    )
    const status = await screen.findByText(/^Step 5 of \d+:/, {}, { timeout: 5000 })
    expect(status).toHaveAttribute('role', 'status')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Page load')
    expect(screen.queryByRole('button', { name: /^Start:/ })).toBeNull()
    expect(screen.getByRole('region', { name: 'Chosen request: /' })).toBeInTheDocument()
    // The widget has no journey to open: a name chooses its request.
    expect(screen.queryByRole('button', { name: 'Open its journey' })).toBeNull()
    await act(() => session.execute({ name: 'step', by: 2 }))
    expect(screen.getByRole('status')).toHaveTextContent(/^Step 7 of/)
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Open the journey of app.js (script)' }))
    expect(pageView.getState().request).toBe(
      simulatePage({ ...pageInputOf(findPageScenario('page-load-h3')!) }).requests.find(
        (r) => r.name === 'app.js',
      )!.id,
    )
    expect(transport.calls).toHaveLength(0)
  })
})

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
  }
}

describe('page load: the presenter window', { timeout: 20_000 }, () => {
  useCleanApp()
  beforeEach(() => vi.stubGlobal('BroadcastChannel', FakeChannel))
  afterEach(() => FakeChannel.open.clear())

  const choice = {
    scenarioId: 'page-load-h2',
    protocol: 'h2',
    network: 'good',
    cdn: 'hit',
    altSvc: 'first',
    size: '25',
  } as const

  it('the projected window tells the presenter its page load, step and request, and obeys', async () => {
    renderApp({ hash: '#scenario=get-user&page=page-load-h2&pstep=5&preq=r3' })
    await screen.findByRole('dialog', { name: 'Page load' }, { timeout: 5000 })
    const presenter = otherWindow()
    await presenter.post({ type: 'hello' })
    await waitFor(() =>
      expect(presenter.heard).toContainEqual(
        expect.objectContaining({
          type: 'page',
          page: { choice, step: 4, request: 'r3', playing: false },
        }),
      ),
    )
    await presenter.post({ type: 'command', command: 'stepForward' })
    expect(pageView.getState().step).toBe(5)
    await waitFor(() =>
      expect(presenter.heard.at(-1)).toMatchObject({ type: 'page', page: { step: 5 } }),
    )
    await presenter.post({ type: 'command', command: 'seek', index: Number.MAX_SAFE_INTEGER })
    const dialog = screen.getByRole('dialog', { name: 'Page load' })
    const [n, total] = stepOf(dialog)
    expect(n).toBe(total)
  })

  it('the presenter shows the projected page load and its chosen request', async () => {
    const main = otherWindow()
    render(<PresenterApp />)
    await waitFor(() => expect(main.heard).toContainEqual({ type: 'hello' }))
    await main.post({
      type: 'page',
      session: 's1',
      page: { choice, step: 9, request: 'r2', playing: false },
    })
    const view = await screen.findByRole('region', { name: 'Page load' })
    expect(view).toHaveTextContent('Page load: The same page over HTTP/2')
    expect(within(view).getByRole('status')).toHaveTextContent(/^Step 10 of \d+: /)
    const r2 = simulatePage({ scenario: pageApp, protocol: 'h2' }).requests[2]!
    expect(within(view).getByRole('region', { name: `Chosen request: ${r2.name}` })).toBeVisible()
    await userEvent.setup().click(screen.getByRole('button', { name: /Step forward/ }))
    await waitFor(() =>
      expect(main.heard).toContainEqual({ type: 'command', command: 'stepForward' }),
    )
    await main.post({ type: 'page', session: 's1', page: null })
    expect(screen.queryByRole('region', { name: 'Page load' })).toBeNull()
  })

  it('ignores a page message that is not one of ours', () => {
    const good = {
      type: 'page',
      session: 's',
      page: { choice, step: 1, request: null, playing: false },
    }
    expect(parsePresentMessage(envelope(good as PresentMessage))).toEqual(good)
    const bad = [
      { ...good, page: { ...good.page, choice: { ...choice, scenarioId: 'nope' } } },
      { ...good, page: { ...good.page, choice: { ...choice, protocol: 'spdy' } } },
      { ...good, page: { ...good.page, request: '<img src=x>' } },
      { ...good, page: { ...good.page, step: -1 } },
      { ...good, page: { ...good.page, step: 1.5 } },
      { ...good, session: '' },
    ]
    for (const message of bad)
      expect(parsePresentMessage(envelope(message as PresentMessage))).toBeNull()
  })
})

describe('page load: the explanations say what QUIC and the CDN do', () => {
  /** Every depth of every event of a trace, with the event's type. */
  const textsOf = (trace: Trace) =>
    trace.events.map((e, i) => {
      const x = explain(e, contextAt(trace.events, i))
      return { type: e.type, text: `${x.simple} ${x.standard} ${x.deep}` }
    })

  it('QUIC: UDP, TLS 1.3 and the transport in one round trip, connection IDs, no TCP', () => {
    const first = simulatePage({ ...pageInputOf(findPageScenario('page-load-h3')!) }).requests[0]!
    const texts = textsOf(first.trace)
    const hello = texts.find((t) => t.type === 'tls:client-hello')!.text
    expect(hello).toMatch(/QUIC, on UDP port 443: there is no TCP handshake/)
    expect(hello).toMatch(/connection IDs/)
    expect(hello).toMatch(/0-RTT exists only when resuming/)
    expect(texts.find((t) => t.type === 'tls:server-hello')!.text).toMatch(
      /After this one round trip the connection is ready/,
    )
    expect(texts.find((t) => t.type === 'tls:finished')!.text).toMatch(/with no TCP handshake/)
    expect(first.trace.events.some((e) => e.layer === 'tcp')).toBe(false)
    // Over TCP the same events keep TLS's own words.
    const h2 = simulatePage({ scenario: pageApp, protocol: 'h2' }).requests[0]!
    expect(textsOf(h2.trace).find((t) => t.type === 'tls:client-hello')!.text).not.toMatch(/QUIC/)
  })

  it('the CDN edge speaks of its cache, HIT or MISS, never of nginx', () => {
    for (const id of ['cdn-hit', 'cdn-miss']) {
      const page = simulatePage({ ...pageInputOf(findPageScenario(id)!) })
      const photo = page.requests.find((r) => r.name === 'hero.jpg')!
      const texts = textsOf(photo.trace).filter((t) => t.type.startsWith('proxy:'))
      expect(texts.map((t) => t.type)).toEqual(['proxy:receive', 'proxy:static', 'proxy:send'])
      for (const t of texts) expect(t.text).not.toMatch(/nginx|location \/static|sendfile/)
      expect(texts[1]!.text).toContain(id === 'cdn-hit' ? 'X-Cache: HIT' : 'X-Cache: MISS')
    }
  })

  it('the step that moves an origin to HTTP/3 names the response that carried Alt-Svc', () => {
    const page = simulatePage({ ...pageInputOf(findPageScenario('page-load-h3-first-visit')!) })
    const texts = stepsOf(page).map((s) => s.text)
    expect(texts).toContain(
      '/’s response (over HTTP/2) carries Alt-Svc: h3=":443"; ma=86400, so requests to www.example.com from now on use HTTP/3',
    )
  })
})
