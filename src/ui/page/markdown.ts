import type { PageTrace } from '../../engine'
import { markdownText } from '../common/escape'
import { PROTOCOL_NAMES } from './model'

const n = (ms: number): string =>
  ms === 0 ? '0' : ms < 10 ? ms.toFixed(1) : String(Math.round(ms))

/**
 * The page load as a Markdown table in DevTools' columns, with its milestones: every number from
 * the trace, and every name escaped so nothing in a URL can become markup.
 */
export const pageMarkdown = (page: PageTrace): string => {
  const nameOf = (id: string | null) => page.requests.find((r) => r.id === id)?.name ?? 'Other'
  const lines = [
    `# Page load over ${PROTOCOL_NAMES[page.protocol]}, ${page.network} network (simulated)`,
    '',
    `${page.requests.length} requests on ${page.connections.length} connections; the page finished at ${n(page.end)} ms.`,
    '',
    page.marks.map((m) => `- ${m.label}: ${n(m.at)} ms`).join('\n'),
    '',
    '| Name | Status | Protocol | Connection | Initiator | Start | Queueing | Stalled | DNS | Connect | SSL | Waiting (TTFB) | Download | Total |',
    '| --- | --: | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...page.requests.map((r) => {
      const p = r.phases
      const cells = [
        markdownText(r.name),
        r.status === null ? 'failed' : String(r.status),
        PROTOCOL_NAMES[r.protocol],
        `${r.connection}${r.stream === undefined ? '' : ` stream ${r.stream}`}`,
        markdownText(nameOf(r.initiator)),
        n(r.start),
        n(p.queueing),
        n(p.stalled),
        n(p.dns),
        n(p.connect),
        n(p.ssl),
        n(p.waiting),
        n(p.download),
        n(r.end - r.start),
      ]
      return `| ${cells.join(' | ')} |`
    }),
    '',
    'Times in ms on the page’s clock, simulated by Roundtrip.',
    '',
  ]
  return lines.join('\n')
}
