/**
 * A page load as a Mermaid sequence diagram: the browser, the site's origin and the CDN as
 * participants, and one shaded block per connection holding the requests it carried, in the
 * order they left (HTTP/1.1: one after another; h2/h3: streams side by side). Every number comes
 * from the page trace; every name goes through `mermaidText`, so nothing in a URL becomes syntax.
 */
import type { PageConnection, PageRequest, PageTrace } from '../../engine'
import { mermaidText } from '../common/escape'

const PROTOCOL: Record<PageTrace['protocol'], string> = {
  'http/1.1': 'HTTP/1.1',
  h2: 'HTTP/2',
  h3: 'HTTP/3',
}

const n = (value: number): string => `${Math.round(value)} ms`

/** Light fills, one per origin, so the site's and the CDN's connections read apart. */
const FILL = { origin: 'rgb(236, 243, 255)', cdn: 'rgb(236, 248, 240)' } as const

export interface PageParticipant {
  readonly id: 'browser' | 'origin' | 'cdn'
  readonly label: string
}

/** Which participant an origin is: the document's is the site; any other is the CDN. */
const roleOf = (page: PageTrace, origin: string): 'origin' | 'cdn' => {
  const doc = page.requests[0]
  return !doc || new URL(doc.url).origin === origin ? 'origin' : 'cdn'
}

/** The participants: the browser, the site and (when the page uses one) the CDN. */
export const pageParticipants = (page: PageTrace): PageParticipant[] => {
  const doc = page.requests[0]
  const site = doc ? new URL(doc.url).host : 'site'
  const cdn = page.requests.find((r) => roleOf(page, new URL(r.url).origin) === 'cdn')
  return [
    { id: 'browser', label: 'Browser' },
    { id: 'origin', label: `${site} (origin)` },
    ...(cdn ? [{ id: 'cdn' as const, label: `${new URL(cdn.url).host} (CDN)` }] : []),
  ]
}

const connectionLine = (c: PageConnection): string => {
  const over = c.transport === 'quic' ? 'QUIC over UDP' : 'TCP'
  const ready = c.reused
    ? 'reused from an earlier visit'
    : `opened at ${n(c.start)}, ready at ${n(c.readyAt)}`
  return `${c.id}: ${PROTOCOL[c.protocol]} over ${over}, ${ready}`
}

const requestLines = (r: PageRequest, to: string): string[] => {
  const stream = r.stream === undefined ? '' : `stream ${r.stream}: `
  const wait = r.sentAt - r.start > 0.5 ? ` after waiting ${n(r.sentAt - r.start)}` : ''
  const ask = `  browser->>${to}: ${mermaidText(`${stream}${r.method} ${r.name} at ${n(r.sentAt)}${wait}`)}`
  if (r.status === null)
    return [ask, `  ${to}--xbrowser: ${mermaidText(`${r.name} failed below HTTP`)}`]
  const cdn = r.cdn ? `, X-Cache ${r.cdn.cache}` : ''
  const lost = r.phases.blocked > 0 ? `, ${n(r.phases.blocked)} held up by lost packets` : ''
  return [
    ask,
    `  ${to}-->>browser: ${mermaidText(`${r.status} ${r.name}${cdn}: TTFB ${n(r.phases.waiting)}, download ${n(r.phases.download)}${lost}, done at ${n(r.end)}`)}`,
  ]
}

/** The page load as a Mermaid `sequenceDiagram`. */
export const pageToMermaid = (page: PageTrace, title: string): string => {
  const participants = pageParticipants(page)
  const lines = [
    'sequenceDiagram',
    `  title ${mermaidText(`${title}: ${page.requests.length} requests over ${PROTOCOL[page.protocol]}, ${page.network} network (simulated)`)}`,
    ...participants.map((p) => `  participant ${p.id} as ${mermaidText(p.label)}`),
  ]
  const cached = page.requests.filter((r) => !page.connections.some((c) => c.id === r.connection))
  for (const c of page.connections) {
    const to = roleOf(page, c.origin)
    const on = page.requests
      .filter((r) => r.connection === c.id)
      .sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id, 'en', { numeric: true }))
    if (on.length === 0) continue
    lines.push(
      `  rect ${FILL[to]}`,
      `  Note over browser,${to}: ${mermaidText(connectionLine(c))}`,
      ...on.flatMap((r) => requestLines(r, to)),
      '  end',
    )
  }
  for (const r of cached)
    lines.push(
      `  Note over browser: ${mermaidText(`${r.name}: from the browser's own cache, done at ${n(r.end)}`)}`,
    )
  for (const m of page.marks)
    lines.push(`  Note over browser: ${mermaidText(`${m.label} at ${n(m.at)}`)}`)
  return `${lines.join('\n')}\n`
}
