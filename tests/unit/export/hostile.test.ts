// @vitest-environment jsdom
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import type { RequestSpec, Scenario } from '../../../src/engine'
import {
  findScenario,
  parseRequestSpec,
  parseScenario,
  scenarios,
  simulate,
} from '../../../src/engine'
import { toMarkdown, toMermaid, toSvg } from '../../../src/ui/export/formats'
import type { ExportInput } from '../../../src/ui/export/sequence'
import { layerLabel } from '../../../src/ui/export/sequence'
import { elementSnippet, iframeSnippet } from '../../../src/ui/share/snippets'

/** What an attacker types into every string an app or request holds. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '[click](javascript:alert(3))',
  '![x](javascript:alert(4))',
  '<a href="javascript:alert(5)">a</a>',
  '<svg onload=alert(6)><foreignObject><div onclick=alert(7)>',
  '<iframe src="javascript:alert(8)"></iframe><!-- c --><![CDATA[x]]>',
  '&lt;b&gt; &#106;avascript:alert(9) &amp;',
  '`tick` ``two`` | pipe | ~~del~~ *em* **strong** _u_ user_id \\ back\\slash',
  'ada@example.com ftp://files.example sftp://s.example www.example.com https://ok.example/a',
  '%%{init: {"securityLevel": "loose"}}%% ; # #lt; #59; <br> "quoted" \'single\'',
  'line one\nline two\r\n| 99 | forged row |\n# forged heading\n- forged item',
  'controls \u0000\u0007\u000b\u007f \u2028 end',
  `${'😀'.repeat(60)}x`,
]
const P = PAYLOADS.join(' ')
/** Control characters and line breaks: a renderer shows a run of them as one space. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g
/** What XML cannot hold. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g
/** The same on one line, for the places that take only one (a URL, a header value). */
const P1 = P.replace(LINE_BREAKS, ' ')

/** A real possible app: a curated one with every user-controlled string replaced by payloads. */
const hostileApp = (): { title: string; scenario: Scenario; requests: RequestSpec[] } => {
  const curated = findScenario('external-service')!
  const app = JSON.parse(JSON.stringify(curated.scenario)) as {
    middleware: unknown[]
    routes: {
      endpoint: string
      pattern: string
      handler: Record<string, unknown> & {
        queries?: { sql: string }[]
        calls?: { service: string; url: string }[]
      }
    }[]
  }
  app.middleware = [
    { kind: 'logging' },
    { kind: 'errors', message: P },
    { kind: 'auth', realm: P1, users: [{ name: P, token: 'tok', roles: [P] }] },
  ]
  for (const route of app.routes) {
    route.pattern =
      route.endpoint === 'create_order' ? '/orders/<path:rest>' : `${route.pattern}${P}`
    route.handler.headers = { 'x-evil': P1 }
    // A bare-string view keeps a string body; the hostile text goes inside it.
    route.handler.body = route.handler.kind === 'text' ? P : { note: P }
    for (const query of route.handler.queries ?? []) query.sql = P
    for (const call of route.handler.calls ?? []) {
      call.service = P
      call.url = `https://pay.example/"><script>alert(10)</script>`
    }
  }
  const scenario = parseScenario(app)
  const request = (over: Partial<RequestSpec>) =>
    parseRequestSpec({
      method: 'POST',
      url: 'https://api.example.com/orders/%3Cscript%3E?q=<img/src=x/onerror=alert(11)>',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer tok',
        "X-|*_~`'!#$%&^+.": P1,
        'X-Evil': P1,
      },
      body: JSON.stringify({ product_id: 7, quantity: 2, note: P }),
      ...over,
    })
  return {
    title: P,
    scenario,
    requests: [
      request({}),
      request({ headers: { Authorization: `Bearer ${P1}` } }),
      request({ method: 'GET', url: `https://api.example.com/${encodeURIComponent(P)}` }),
    ],
  }
}

const curatedInput = (id: string): ExportInput => {
  const s = findScenario(id)!
  return { title: s.title, request: s.request, trace: simulate({ ...s, seed: 1 }) }
}

const hostileInputs = (): ExportInput[] => {
  const { title, scenario, requests } = hostileApp()
  return requests.map((request) => ({
    title,
    request,
    trace: simulate({ scenario, request, seed: 1 }),
  }))
}

const everyInput = (): [string, ExportInput][] => [
  ...scenarios.map((s): [string, ExportInput] => [s.id, curatedInput(s.id)]),
  ...hostileInputs().map((input, i): [string, ExportInput] => [`hostile #${i + 1}`, input]),
]

/** How a renderer shows text: control characters and line breaks as one space. */
const shown = (text: string) => text.replace(LINE_BREAKS, ' ').trim()

describe('the hostile app is a real possible app', () => {
  it('reaches the exports: its payloads are in the steps of its traces', () => {
    const [ordered, refused, missing] = hostileInputs().map((input) => input.trace)
    expect(ordered!.response?.status).toBe(201)
    // The user's name, both queries and the payment service's name.
    expect(ordered!.events.filter((e) => e.title.includes(P))).toHaveLength(4)
    expect(refused!.response?.status).toBe(401)
    expect(missing!.response?.status).toBe(404)
    expect(missing!.events.some((e) => e.title.includes('/%3Cscript%3Ealert(1)'))).toBe(true)
  })
})

// ─── Markdown, rendered by marked on its default options ───────────────────────────────────────

const ALLOWED_ELEMENTS = new Set(
  'table thead tbody tr th td p code pre h1 h2 h3 h4 h5 h6 ul ol li strong em a br hr'.split(' '),
)
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  th: ['align'],
  td: ['align'],
  a: ['href'],
  ol: ['start'],
}

const rendered = (markdown: string): Document =>
  new DOMParser().parseFromString(marked.parse(markdown, { async: false }), 'text/html')

const expectOnlySafeHtml = (doc: Document) => {
  for (const element of doc.body.querySelectorAll('*')) {
    const tag = element.localName
    expect(ALLOWED_ELEMENTS, `<${tag}>`).toContain(tag)
    for (const attribute of element.attributes) {
      expect(attribute.name).not.toMatch(/^on/i)
      expect(attribute.value).not.toMatch(/^\s*(javascript|data|vbscript):/i)
      expect(ALLOWED_ATTRIBUTES[tag] ?? [], `${tag}[${attribute.name}]`).toContain(attribute.name)
    }
    if (tag === 'a') expect(element.getAttribute('href')).toMatch(/^https?:\/\//)
  }
}

describe('the Markdown transcript', () => {
  it.each(everyInput())(
    '%s renders to allowed HTML only, every cell reading as its text',
    (_, input) => {
      const doc = rendered(toMarkdown(input))
      expectOnlySafeHtml(doc)
      expect(doc.querySelector('h1')?.textContent).toBe(shown(input.title))
      const rows = [...doc.querySelectorAll('tbody tr')]
      expect(rows).toHaveLength(input.trace.events.length)
      rows.forEach((row, i) => {
        const cells = [...row.querySelectorAll('td')].map((td) => td.textContent)
        const event = input.trace.events[i]!
        expect(cells).toHaveLength(4)
        expect(cells[0]).toBe(String(i + 1))
        expect(cells[2]).toBe(shown(layerLabel(event)))
        expect(cells[3]).toBe(shown(event.title))
      })
      const request = doc.querySelector('li code')?.textContent
      expect(request).toBe(shown(`${input.request.method} ${input.request.url}`))
    },
  )

  it('leaves a plain curated transcript as it was, but for the escapes its text needs', () => {
    const unescape = (md: string) =>
      md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    for (const s of scenarios) {
      const input = curatedInput(s.id)
      const md = toMarkdown(input)
      const first = input.trace.events[0]!.at
      const lines = md.split('\n')
      // The lines the transcript always had, unescaped, are exactly the text they show.
      expect(unescape(lines[0]!)).toBe(`# ${input.title}`)
      expect(lines[2]).toBe(`- Request: \`${input.request.method} ${input.request.url}\``)
      input.trace.events.forEach((event, i) => {
        const plain = `| ${i + 1} | +${(event.at - first).toFixed(1)} ms | ${layerLabel(event)} | ${event.title} |`
        const line = lines.find((l) => l.startsWith(`| ${i + 1} |`))!
        expect(unescape(line)).toBe(plain)
        // Only a title with something to escape is written differently.
        if (!/[\\`*[\]~|<>&@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/u.test(plain))
          expect(line).toBe(plain)
      })
    }
    // The first scenario's transcript, spot-checked as a reader sees the source.
    const md = toMarkdown(curatedInput('get-user'))
    expect(md).toContain('| Router | /users/&lt;int:id&gt; → get_user() |')
    expect(md).toContain('- Request: `GET https://api.example.com/users/42`')
  })
})

// ─── Mermaid ────────────────────────────────────────────────────────────────────────────────────

/** A label: no raw `<`, `>`, `;`, `#`, `%`, quote or `&`; only entity codes such as `#59;`. */
const LABEL = /^(?:[^#;<>%"&\r\n]|#(?:\d+|[a-z]+);)*$/
const MERMAID_LINES = [
  /^ {2}title (?<label>.*)$/,
  /^ {2}participant (?<id>\w+) as (?<label>.*)$/,
  /^ {2}(?<from>\w+)--?>>(?<to>\w+): (?<label>.*)$/,
  /^ {2}Note (?:right of|over) (?<id>\w+): (?<label>.*)$/,
]

describe('the Mermaid diagram', () => {
  it.each(everyInput())('%s has only the lines it means to write', (_, input) => {
    const text = toMermaid(input)
    expect(text).not.toContain('%%')
    expect(text.endsWith('\n')).toBe(true)
    const [head, ...body] = text.slice(0, -1).split('\n')
    expect(head).toBe('sequenceDiagram')
    const declared = new Set<string>()
    for (const line of body) {
      const match = MERMAID_LINES.map((grammar) => grammar.exec(line)).find(Boolean)
      expect(match, line).toBeTruthy()
      const { label, id, from, to } = match!.groups!
      expect(label, line).toMatch(LABEL)
      if (line.startsWith('  participant ')) declared.add(id!)
      else for (const p of [id, from, to]) if (p) expect(declared).toContain(p)
    }
  })
})

// ─── SVG ────────────────────────────────────────────────────────────────────────────────────────

describe('the SVG diagram', () => {
  it.each(everyInput())('%s parses as SVG with nothing active in it', (_, input) => {
    const svg = toSvg(input)
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    expect(doc.querySelector('parsererror')).toBeNull()
    expect(doc.documentElement.localName).toBe('svg')
    for (const element of doc.querySelectorAll('*')) {
      expect(['script', 'foreignObject', 'iframe', 'a', 'image', 'use']).not.toContain(
        element.localName,
      )
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on|(^|:)href$/i)
        if (attribute.value.includes('url(')) expect(attribute.value).toMatch(/^url\(#[\w-]+\)$/)
      }
    }
    // User text stays text: the title reads as it was written.
    expect(doc.querySelector('title')?.textContent).toBe(
      `${input.title}: ${input.request.method} ${input.request.url}`
        .replace(NOT_XML, '')
        .replace(/\r\n?/g, '\n'),
    )
  })
})

// ─── The Share dialog's snippets ────────────────────────────────────────────────────────────────

const SNIPPET_ATTRIBUTES: Record<string, readonly string[]> = {
  iframe: ['src', 'title', 'loading', 'allow', 'style'],
  script: ['src'],
  'roundtrip-embed': ['scenario', 'step', 'depth', 'theme', 'title'],
}

const expectSnippet = (html: string, title: string) => {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')
  const elements = [...doc.body.querySelectorAll('*')]
  expect(elements.length).toBeGreaterThan(0)
  for (const element of elements) {
    const allowed = SNIPPET_ATTRIBUTES[element.localName]
    expect(allowed, `<${element.localName}>`).toBeDefined()
    for (const attribute of element.attributes) {
      expect(allowed).toContain(attribute.name)
      if (attribute.name === 'src') expect(attribute.value).toMatch(/^https:\/\//)
    }
    if (element.hasAttribute('title'))
      expect(element.getAttribute('title')).toBe(`Roundtrip: ${title.replace(/[\r\n\t]+/g, ' ')}`)
  }
  expect(doc.body.textContent?.trim()).toBe('')
}

describe('the Share dialog snippets', () => {
  it('keep a hostile title inside its attribute, as one line of text', () => {
    // What XML cannot hold is dropped; the rest reads as it was written.
    const shownTitle = P.replace(NOT_XML, '')
    expectSnippet(
      iframeSnippet('https://roundtrip.example/embed.html#scenario=get-user', P),
      shownTitle,
    )
    const state = { scenarioId: `get-user" onload="alert(1)`, step: 3 } as Parameters<
      typeof elementSnippet
    >[1]
    expectSnippet(elementSnippet('https://roundtrip.example/', state, P, false)!, shownTitle)
  })
})
