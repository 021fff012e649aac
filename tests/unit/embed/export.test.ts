// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { Trace } from '../../../src/engine'
import { findScenario, scenarios, simulate } from '../../../src/engine'
import { markdownText, mermaidText } from '../../../src/ui/common/escape'
import { toMarkdown, toMermaid, toSvg } from '../../../src/ui/export/formats'
import type { ExportInput } from '../../../src/ui/export/sequence'
import { answeringEvent, layerLabel, sequenceOf } from '../../../src/ui/export/sequence'

const inputFor = (id: string): ExportInput => {
  const s = findScenario(id)!
  return { title: s.title, request: s.request, trace: simulate({ ...s, seed: 1 }) }
}

/** A trace whose titles carry every character that could break Markdown, Mermaid or XML. */
const hostile = (input: ExportInput): ExportInput => {
  const nasty = 'a|b; <script>&"x"</script> #1 %% end\nnext `tick`'
  const trace: Trace = {
    ...input.trace,
    events: input.trace.events.map((e, i) => ({ ...e, title: i === 3 ? nasty : e.title })),
  }
  return { ...input, title: 'Title <with> & |pipes|', trace }
}

const tableRows = (md: string) => md.split('\n').filter((line) => /^\| \d+ \|/.test(line))

describe('Markdown transcript', () => {
  it('has one row per event, in order, with its layer and time', () => {
    const input = inputFor('get-user')
    const md = toMarkdown(input)
    const rows = tableRows(md)
    expect(rows).toHaveLength(input.trace.events.length)
    input.trace.events.forEach((event, i) => {
      expect(rows[i]).toMatch(new RegExp(`^\\| ${i + 1} \\| \\+\\d+\\.\\d ms \\| `))
      expect(rows[i]).toContain(`| ${layerLabel(event)} |`)
      expect(rows[i]).toContain(markdownText(event.title))
    })
    expect(md).toContain('- Request: `GET https://api.example.com/users/42`')
    expect(md).toContain('- Status: 200 OK')
    expect(md).toMatch(/- Answered by: Handler \(/)
  })

  it('names the layer that answered a short-circuit, and the network failure', () => {
    const unauthorized = inputFor('unauthorized')
    const answered = answeringEvent(unauthorized.trace)!
    expect(answered.layer).toBe('middleware')
    expect(toMarkdown(unauthorized)).toMatch(/- Answered by: Middleware · Authentication/)
    // Werkzeug's own capitals, as the status line carries them.
    expect(toMarkdown(unauthorized)).toContain('- Status: 401 UNAUTHORIZED')

    const dns = toMarkdown(inputFor('dns-failure'))
    expect(dns).toMatch(/- Failed at: Network · DNS/)
    expect(dns).toMatch(/- Error: \w+/)
  })

  it('keeps user text inside its cell', () => {
    const input = hostile(inputFor('get-user'))
    const rows = tableRows(toMarkdown(input))
    expect(rows).toHaveLength(input.trace.events.length)
    // Four unescaped pipes in the line's cells plus the two edges: five columns would be a break.
    expect(rows[3]!.replace(/\\\|/g, '').split('|')).toHaveLength(6)
    expect(toMarkdown(input).startsWith('# Title &lt;with&gt; &amp; \\|pipes\\|\n')).toBe(true)
  })
})

describe('Mermaid sequence diagram', () => {
  it('declares a participant per layer present and draws an arrow per hand-over', () => {
    for (const id of [
      'get-user',
      'unauthorized',
      'redirect',
      'dns-failure',
      'logging-inside-auth',
    ]) {
      const input = inputFor(id)
      const text = toMermaid(input)
      const lines = text.split('\n')
      expect(lines[0]).toBe('sequenceDiagram')
      const { participants, items } = sequenceOf(input.trace)
      const declared = lines.filter((l) => l.startsWith('  participant '))
      expect(declared.map((l) => l.split(' ')[3])).toEqual(participants.map((p) => p.id))
      // Every layer of the trace has its participant.
      const layers = new Set(input.trace.events.map((e) => e.layer))
      if (layers.has('dns')) expect(text).toContain('participant dns as DNS')
      if (layers.has('handler')) expect(text).toContain('participant handler as Handler')
      if (layers.has('router')) expect(text).toContain('participant router as Router')
      const arrows = lines.filter((l) => /^ {2}\w+-?->>\w+: /.test(l))
      const notes = lines.filter((l) => l.startsWith('  Note right of '))
      expect(arrows.length + notes.length).toBe(input.trace.events.length)
      // An arrow exactly where the participant changes from one step to the next.
      expect(arrows).toHaveLength(items.filter((i) => i.kind === 'arrow').length)
      items.forEach((item, i) => {
        if (item.kind === 'arrow') expect(item.from).not.toBe(item.to)
        const previous = items[i - 1]
        if (item.kind === 'note' && previous)
          expect(previous.kind === 'arrow' ? previous.to : previous.over).toBe(item.over)
      })
    }
  })

  it('draws the way back dashed and only through the layers that took part', () => {
    const lines = toMermaid(inputFor('unauthorized')).split('\n')
    const back = lines.filter((l) => l.includes('-->>'))
    expect(back.length).toBeGreaterThan(0)
    expect(lines.some((l) => l.includes('participant handler'))).toBe(false)
    expect(lines.some((l) => l.includes('participant router'))).toBe(false)
  })

  it('escapes what would break the syntax', () => {
    const text = toMermaid(hostile(inputFor('get-user')))
    expect(mermaidText('a;b#c<d>%%')).toBe('a#59;b#35;c#lt;d#gt;#37;#37;')
    const lines = text.split('\n')
    // No raw newline from a title: each event is still one line.
    expect(lines.filter((l) => l.includes('next `tick`'))).toHaveLength(1)
    for (const line of lines.slice(1)) {
      const label = line.slice(line.indexOf(': ') + 2)
      expect(label.replace(/#\w+;/g, '')).not.toMatch(/[#;<>%]/)
    }
  })
})

describe('SVG diagram', () => {
  it('parses as SVG with a title and every step as text', () => {
    const input = inputFor('get-user')
    const doc = new DOMParser().parseFromString(toSvg(input), 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.documentElement.tagName).toBe('svg')
    expect(doc.querySelector('title')?.textContent).toBe(
      'Fetch a user: GET https://api.example.com/users/42',
    )
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '')
    for (const event of input.trace.events)
      expect(texts.some((t) => t.startsWith(event.title.slice(0, 60)))).toBe(true)
    for (const p of sequenceOf(input.trace).participants) expect(texts).toContain(p.label)
  })

  it('escapes user text so it stays text', () => {
    const input = hostile(inputFor('get-user'))
    const svg = toSvg(input)
    expect(svg).not.toContain('<script>')
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.querySelector('script')).toBeNull()
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '')
    expect(texts.some((t) => t.includes('a|b; <script>&"x"</script> #1'))).toBe(true)
    expect(doc.querySelector('title')?.textContent).toContain('Title <with> & |pipes|')
  })

  it('draws every curated scenario without error', () => {
    for (const s of scenarios) {
      const svg = toSvg(inputFor(s.id))
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
      expect(doc.querySelector('parsererror')).toBeNull()
    }
  })
})
