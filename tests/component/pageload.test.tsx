import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { findPageScenario, pageApp, pageInputOf, simulatePage } from '../../src/engine'
import { networkView } from '../../src/ui/network/model'
import { useStore } from '../../src/store'
import { pageMarkdown } from '../../src/ui/page/markdown'
import { segmentsOf, stepsOf, viewAt } from '../../src/ui/page/model'
import { renderApp } from './driver'
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
