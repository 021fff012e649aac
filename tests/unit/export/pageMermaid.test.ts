// A page load as a Mermaid sequence diagram: the browser, the site and the CDN as participants,
// one block per connection with every request it carried, numbers from the trace, names escaped.
import { describe, expect, it } from 'vitest'
import type { PageSpec } from '../../../src/engine'
import { DEFAULT_PAGE, altSvcKnown, pageApp, simulatePage } from '../../../src/engine'
import { pageParticipants, pageToMermaid } from '../../../src/ui/export/pageMermaid'

const blocksOf = (text: string) =>
  [...text.matchAll(/^ {2}rect [^\n]*\n([\s\S]*?)^ {2}end$/gm)].map((m) => m[1]!)

describe('page load as Mermaid', () => {
  it.each(['http/1.1', 'h2', 'h3'] as const)(
    'over %s: one block per connection, each request asked once and answered once',
    (protocol) => {
      const page = simulatePage({
        scenario: pageApp,
        protocol,
        ...(protocol === 'h3' ? { connection: altSvcKnown() } : {}),
      })
      const text = pageToMermaid(page, 'Shop')
      expect(text.startsWith('sequenceDiagram\n')).toBe(true)
      expect(text).toContain('  participant browser as Browser')
      expect(text).toContain('  participant origin as www.example.com (origin)')
      expect(text).toContain('  participant cdn as cdn.example.net (CDN)')
      const blocks = blocksOf(text)
      expect(blocks).toHaveLength(page.connections.length)
      for (const [i, c] of page.connections.entries()) {
        const block = blocks[i]!
        expect(block).toMatch(new RegExp(`Note over browser,(origin|cdn): ${c.id}: `))
        const on = page.requests.filter((r) => r.connection === c.id)
        expect(block.match(/browser->>/g)).toHaveLength(on.length)
        expect(block.match(/-->>browser/g)).toHaveLength(on.length)
        for (const r of on) expect(block).toContain(`${r.status} ${r.name}`)
      }
      const asks = text.match(/^ {2}browser->>(origin|cdn): /gm) ?? []
      expect(asks).toHaveLength(page.requests.length)
      if (protocol === 'http/1.1') expect(text).not.toContain('stream ')
      else expect(text).toContain(`stream ${page.requests[0]!.stream}: GET /`)
      const doc = page.requests[0]!
      expect(text).toContain(`done at ${Math.round(doc.end)} ms`)
    },
  )

  it('HTTP/1.1 shows six CDN connections; HTTP/2 one', () => {
    const cdnBlocks = (protocol: 'http/1.1' | 'h2') =>
      blocksOf(pageToMermaid(simulatePage({ scenario: pageApp, protocol }), 'Shop')).filter((b) =>
        b.includes('Note over browser,cdn'),
      ).length
    expect(cdnBlocks('http/1.1')).toBe(6)
    expect(cdnBlocks('h2')).toBe(1)
  })

  it('keeps what a URL or title says from becoming Mermaid syntax', () => {
    const evil = '%%{init: x}%%;#<br>"&'
    const page: PageSpec = {
      ...DEFAULT_PAGE,
      resources: DEFAULT_PAGE.resources.map((r, i) =>
        i === 4
          ? { ...r, url: `https://www.example.com/static/${encodeURIComponent(evil)}x.svg` }
          : r,
      ),
    }
    const text = pageToMermaid(simulatePage({ scenario: pageApp, page, protocol: 'h2' }), evil)
    const body = text.split('\n').slice(1)
    // Entity codes (#37; for %) are Mermaid's own; nothing else of the text's syntax is left.
    const labels = body.map((line) => line.slice(line.indexOf(': ') + 2))
    for (const label of labels) expect(label.replace(/#\w+;/g, '')).not.toMatch(/%|;|<|>|"|#/)
    expect(text).toContain('#37;#37;{init: x}#37;#37;#59;#35;#lt;br#gt;#quot;#amp;')
  })

  it('without a CDN there are two participants', () => {
    const page = simulatePage({
      scenario: pageApp,
      page: {
        ...DEFAULT_PAGE,
        resources: DEFAULT_PAGE.resources.filter((r) => !r.url.includes('cdn.')),
      },
    })
    expect(pageParticipants(page).map((p) => p.id)).toEqual(['browser', 'origin'])
  })
})
