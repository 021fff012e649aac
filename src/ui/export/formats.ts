/**
 * Exports for people without the tool: the trace on screen as a Markdown transcript, a Mermaid
 * sequence diagram, and the same diagram as a self-contained SVG. Pure functions of the trace.
 */
import { headingText, inlineCode, markdownText, mermaidText, xml } from '../common/escape'
import type { ExportInput, Sequence } from './sequence'
import {
  answeringEvent,
  layerLabel,
  ms,
  outcomeOf,
  requestLineOf,
  sequenceOf,
  totalOf,
} from './sequence'

// ─── Markdown ───────────────────────────────────────────────────────────────────────────────────

/**
 * A Markdown transcript: the request, who answered, the outcome and total time, then one table
 * row per step with its start time and layer.
 */
export const toMarkdown = ({ title, request, trace }: ExportInput): string => {
  const answered = answeringEvent(trace)
  const first = trace.events[0]?.at ?? 0
  const lines = [
    `# ${headingText(title)}`,
    '',
    `- Request: ${inlineCode(requestLineOf(request))}`,
    trace.response
      ? `- Answered by: ${answered ? `${markdownText(layerLabel(answered))} (${markdownText(answered.title)})` : 'unknown'}`
      : `- Failed at: ${answered ? markdownText(layerLabel(answered)) : 'the network'}`,
    `- ${trace.response ? 'Status' : 'Error'}: ${markdownText(outcomeOf(trace))}`,
    `- Total: ${ms(totalOf(trace))} of simulated time, ${trace.events.length} steps`,
    '',
    '| Step | Time | Layer | What happens |',
    '| ---: | ---: | --- | --- |',
    ...trace.events.map(
      (event, i) =>
        `| ${i + 1} | +${ms(event.at - first)} | ${markdownText(layerLabel(event))} | ${markdownText(event.title)} |`,
    ),
    '',
    'Made with Roundtrip: times are simulated, not measured.',
    '',
  ]
  return lines.join('\n')
}

// ─── Mermaid ────────────────────────────────────────────────────────────────────────────────────

const drawnLabel = (title: string, duration: number) => `${title} (${ms(duration)})`

/** A Mermaid `sequenceDiagram`: a participant per layer that took part, an arrow per hand-over. */
export const toMermaid = (input: ExportInput): string => {
  const { participants, items } = sequenceOf(input.trace)
  const lines = [
    'sequenceDiagram',
    `  title ${mermaidText(`${input.title}: ${requestLineOf(input.request)}`)}`,
    ...participants.map((p) => `  participant ${p.id} as ${mermaidText(p.label)}`),
    ...items.map((item) => {
      const label = mermaidText(drawnLabel(item.event.title, item.event.duration))
      return item.kind === 'arrow'
        ? `  ${item.from}${item.back ? '-->>' : '->>'}${item.to}: ${label}`
        : `  Note right of ${item.over}: ${label}`
    }),
    `  Note over ${participants[0]?.id ?? 'client'}: ${mermaidText(`${outcomeOf(input.trace)} after ${ms(totalOf(input.trace))}`)}`,
  ]
  return `${lines.join('\n')}\n`
}

// ─── SVG ────────────────────────────────────────────────────────────────────────────────────────

/** Fixed colours (a file has no CSS tokens): the light theme's layer hues, AA on white. */
const HUES: Record<string, string> = {
  '--hue-client': '#4a5675',
  '--hue-network': '#0e6f7c',
  '--hue-proxy': '#2e7d3b',
  '--hue-server': '#7a5f00',
  '--hue-middleware': '#a8461a',
  '--hue-router': '#b02d5b',
  '--hue-validation': '#7b3fb0',
  '--hue-handler': '#3550c0',
}
const INK = '#1b1e25'
const MUTED = '#4d5463'

const COLUMN = 150
const LEFT = 92
const TOP = 84
const HEAD = 40
const ROW = 30
const FONT = 13
/** Rough width of a character at 13px in a sans-serif face: enough to size boxes and the canvas. */
const CHAR = 7

/** At most `max` characters (code points: an emoji is never cut in half), with `…` when cut. */
const truncate = (text: string, max: number) => {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text
}

/**
 * The sequence diagram as a standalone SVG document: a `<title>` and `<desc>` for screen readers,
 * real `<text>` for every label, fixed colours and fonts, no scripts or external references.
 */
export const toSvg = (input: ExportInput, sequence: Sequence = sequenceOf(input.trace)): string => {
  const { participants, items } = sequence
  const x = new Map(participants.map((p, i) => [p.id, LEFT + COLUMN / 2 + i * COLUMN]))
  const first = input.trace.events[0]?.at ?? 0
  const labels = items.map((item) =>
    truncate(drawnLabel(item.event.title, item.event.duration), 90),
  )

  // Labels start at the arrow's left end (or beside the lifeline) and may run past the last column.
  let right = LEFT + participants.length * COLUMN
  items.forEach((item, i) => {
    const start =
      item.kind === 'arrow'
        ? Math.min(x.get(item.from)!, x.get(item.to)!) + 8
        : x.get(item.over)! + 10
    right = Math.max(right, start + labels[i]!.length * CHAR + 24)
  })
  const width = Math.ceil(right + 16)
  const bottom = TOP + HEAD + 20 + items.length * ROW
  const height = bottom + 56
  const title = `${input.title}: ${requestLineOf(input.request)}`
  const summary = `${outcomeOf(input.trace)} after ${ms(totalOf(input.trace))} of simulated time, ${input.trace.events.length} steps`

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="rt-title rt-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif" font-size="${FONT}">`,
    `<title id="rt-title">${xml(title)}</title>`,
    `<desc id="rt-desc">${xml(`A sequence diagram of the request's journey. ${summary}.`)}</desc>`,
    `<defs><marker id="rt-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${INK}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="30" font-size="19" font-weight="700" fill="${INK}">${xml(truncate(title, 110))}</text>`,
    `<text x="16" y="54" fill="${MUTED}">${xml(summary)}</text>`,
  ]
  for (const p of participants) {
    const cx = x.get(p.id)!
    const hue = HUES[p.hue] ?? INK
    out.push(
      `<line x1="${cx}" y1="${TOP + HEAD}" x2="${cx}" y2="${bottom}" stroke="${hue}" stroke-width="1.5" stroke-dasharray="4 4"/>`,
      `<rect x="${cx - COLUMN / 2 + 8}" y="${TOP}" width="${COLUMN - 16}" height="${HEAD - 6}" rx="8" fill="${hue}"/>`,
      `<text x="${cx}" y="${TOP + HEAD / 2 + 2}" text-anchor="middle" font-weight="700" fill="#ffffff">${xml(truncate(p.label, 18))}</text>`,
    )
  }
  items.forEach((item, i) => {
    const y = TOP + HEAD + 26 + i * ROW
    const event = item.event
    out.push(
      `<text x="16" y="${y + 4}" fill="${MUTED}" font-variant-numeric="tabular-nums">+${xml(ms(event.at - first))}</text>`,
    )
    if (item.kind === 'arrow') {
      const x1 = x.get(item.from)!
      const x2 = x.get(item.to)!
      const start = Math.min(x1, x2) + 8
      out.push(
        `<line x1="${x1}" y1="${y + 6}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${y + 6}" stroke="${INK}" stroke-width="1.5"${item.back ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#rt-head)"/>`,
        `<text x="${start}" y="${y}" fill="${INK}" stroke="#ffffff" stroke-width="4" paint-order="stroke">${xml(labels[i]!)}</text>`,
      )
    } else {
      const cx = x.get(item.over)!
      const w = labels[i]!.length * CHAR + 16
      out.push(
        `<rect x="${cx + 6}" y="${y - 12}" width="${w}" height="22" rx="5" fill="#faf9f5" stroke="#d6d2c6"/>`,
        `<text x="${cx + 14}" y="${y + 3}" fill="${INK}">${xml(labels[i]!)}</text>`,
      )
    }
  })
  out.push(
    `<text x="16" y="${height - 20}" fill="${MUTED}">Dashed arrows: the response on its way back. Times are simulated. Made with Roundtrip.</text>`,
    '</svg>',
  )
  return `${out.join('\n')}\n`
}
