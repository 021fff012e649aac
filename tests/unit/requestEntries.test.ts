import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseLoadPayload } from '../../src/embed/api'
import type { HttpMethod, RequestSpec } from '../../src/engine'
import {
  HTTP_METHODS,
  MAX_HEADERS,
  findScenario,
  parseCurl,
  parseRequestSpec,
  parseScenario,
  ScenarioError,
  toCurl,
} from '../../src/engine'
import { decodeState, encodeState } from '../../src/link/hash'
import type { Draft } from '../../src/ui/composer/draft'
import { BODY_MODES, fromRequest, toRequest } from '../../src/ui/composer/draft'
import { validateDraft } from '../../src/ui/composer/validate'
import { importProblem, parseExchange } from '../../src/ui/editor/exchange'

/**
 * One set of rules for every way a request comes in: typed in the composer, a pasted curl
 * command, a link, an import, the embed's `load` command. The same hostile requests go through
 * each, and each refuses them with a message naming the field.
 */

const curated = findScenario('get-user')!
const base: RequestSpec = { method: 'POST', url: 'https://api.example.com/users' }

type Field = 'method' | 'url' | 'header-name' | 'header-value' | 'headers' | 'body'

interface Hostile {
  readonly name: string
  readonly request: RequestSpec
  /** The composer field the problem is shown on. */
  readonly field: Field
  /** How the other entries' messages name the field. */
  readonly names: RegExp
  /** Entries that cannot carry this request at all, and why. */
  readonly cannot?: Partial<Record<Entry, string>>
}

const hundredAndOne = Object.fromEntries(
  Array.from({ length: MAX_HEADERS + 1 }, (_, i) => [`X-H${i}`, String(i)]),
)

const HOSTILE: readonly Hostile[] = [
  {
    name: 'a javascript: URL',
    request: { ...base, url: 'javascript:alert(document.cookie)' },
    field: 'url',
    names: /\burl\b|the URL/i,
  },
  {
    name: 'a data: URL',
    request: { ...base, url: 'data:text/html,<script>alert(1)</script>' },
    field: 'url',
    names: /\burl\b|the URL/i,
  },
  {
    name: 'a file: URL',
    request: { ...base, url: 'file:///etc/passwd' },
    field: 'url',
    names: /\burl\b|the URL/i,
  },
  {
    name: 'CR/LF in a header value',
    request: { ...base, headers: { 'X-Note': 'hi\r\nSet-Cookie: admin=1' } },
    field: 'header-value',
    names: /X-Note/,
  },
  {
    name: 'a bare LF in a header value',
    request: { ...base, headers: { 'X-Note': 'hi\nSet-Cookie: admin=1' } },
    field: 'header-value',
    names: /X-Note/,
  },
  {
    name: 'NUL in a header value',
    request: { ...base, headers: { 'X-Note': 'a\u0000b' } },
    field: 'header-value',
    names: /X-Note/,
  },
  {
    name: 'a header name with a space',
    request: { ...base, headers: { 'X Trace': '1' } },
    field: 'header-name',
    names: /X Trace/,
  },
  {
    name: 'a header name with a colon',
    request: { ...base, headers: { 'X:Trace': '1' } },
    field: 'header-name',
    names: /X:Trace/,
    cannot: {
      curl: 'curl splits -H at the first colon: "X:Trace: 1" is the header X, as curl sends it',
    },
  },
  {
    name: 'more than 100 headers',
    request: { ...base, headers: hundredAndOne },
    field: 'headers',
    names: /headers/,
  },
  {
    name: 'a 2 MB body',
    request: { ...base, body: 'x'.repeat(2 * 1024 * 1024) },
    field: 'body',
    names: /body/,
    cannot: { link: 'a link expands to at most 256 kB: it is refused for its size' },
  },
  {
    name: 'a method that is not an HTTP method the app sends',
    request: { ...base, method: 'HACK' as HttpMethod },
    field: 'method',
    names: /method/,
  },
  {
    name: 'a request line smuggled in as the method',
    request: { ...base, method: 'GET /admin HTTP/1.1\r\nX:' as HttpMethod },
    field: 'method',
    names: /method/,
  },
]

type Entry = 'composer' | 'curl' | 'link' | 'import' | 'embed'

/** What each entry says about a request: `null` when it takes it, else its message. */
const ENTRIES: Record<Entry, (request: RequestSpec) => string | null> = {
  composer: (request) => {
    const { errors } = validateDraft(fromRequest(request))
    return errors.length === 0 ? null : errors.map((e) => `${e.field}: ${e.message}`).join('\n')
  },
  curl: (request) => {
    try {
      parseCurl(toCurl(request))
      return null
    } catch (error) {
      return String(error)
    }
  },
  link: (request) => {
    const hash = encodeState({ scenarioId: curated.id, request })
    if (request !== curated.request) expect(hash).toContain('req=1.')
    const { state, notice } = decodeState(hash)
    if (notice === null) return null
    // Refused: the scenario's own request is used instead.
    expect(state.request).toEqual(curated.request)
    return notice
  },
  import: (request) => {
    try {
      parseExchange(JSON.stringify({ scenario: curated.scenario, request }))
      return null
    } catch (error) {
      const { field, message } = importProblem(error)
      return `${field}: ${message}`
    }
  },
  embed: (request) => {
    try {
      parseLoadPayload({ app: curated.scenario, request })
      return null
    } catch (error) {
      return String(error)
    }
  },
}

const COMPOSER_FIELD: Record<Field, RegExp> = {
  method: /^method: The method /,
  url: /^url: The URL /,
  'header-name': /^header-name:\d+: Header \d+'s name /,
  'header-value': /^header-value:\d+: Header \d+'s value /,
  headers: /^headers: The request's headers /,
  body: /^body: The body /,
}

describe('every way a request comes in', () => {
  it.each(Object.keys(ENTRIES) as Entry[])('%s takes an ordinary request', (entry) => {
    expect(ENTRIES[entry](curated.request)).toBeNull()
    expect(
      ENTRIES[entry]({ ...base, headers: { 'X-Note': 'tab\tis fine' }, body: '{}' }),
    ).toBeNull()
  })

  const cases = HOSTILE.flatMap((hostile) =>
    (Object.keys(ENTRIES) as Entry[]).map((entry) => [entry, hostile.name, hostile] as const),
  )
  it.each(cases)('%s refuses %s, naming the field', (entry, _, hostile) => {
    const message = ENTRIES[entry](hostile.request)
    const cannot = hostile.cannot?.[entry]
    if (cannot && entry === 'curl') {
      // What curl would send instead, which is a valid request.
      expect(message, cannot).toBeNull()
      return
    }
    expect(message, `${entry} took ${hostile.name}`).not.toBeNull()
    if (cannot) expect(message).toMatch(/request could not be read/)
    else if (entry === 'composer') expect(message).toMatch(COMPOSER_FIELD[hostile.field])
    else expect(message).toMatch(hostile.names)
  })
})

describe('the composer and the schema', () => {
  /** Text with what breaks requests mixed in: controls, separators, spaces, non-ASCII. */
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({
      unit: fc.constantFrom('a', '-', ' ', ':', '\r', '\n', '\t', '\u0000', '\u007f', 'é', '@'),
      maxLength: 12,
    }),
  )
  /** Mostly valid, so that a draft with one bad part in it is common. */
  const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: other })
  const url = mostly(
    fc.webUrl(),
    fc.oneof(
      fc.constantFrom('javascript:alert(1)', 'data:,x', 'https://a b.example/'),
      text.map((t) => `https://api.example.com/${t}`),
    ),
  )
  const row = fc.record({
    id: fc.nat(),
    name: mostly(fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,8}$/), text),
    value: mostly(fc.stringMatching(/^[\w ,;=/.-]{0,12}$/), text),
  })
  const draft: fc.Arbitrary<Draft> = fc.record({
    method: mostly(fc.constantFrom(...HTTP_METHODS), fc.constant('HACK' as HttpMethod)),
    url,
    headers: fc.array(row, { maxLength: 4 }),
    bodyMode: fc.constantFrom(...BODY_MODES),
    body: mostly(fc.json({ maxDepth: 1 }), text),
    form: fc.array(row, { maxLength: 3 }),
    acceptEncoding: fc.constant(''),
    token: mostly(fc.stringMatching(/^[\w.-]{0,12}$/), text),
    cookies: fc.constant([]),
  })

  it('never lets through a request a link or an import would refuse', () => {
    fc.assert(
      fc.property(draft, (d) => {
        if (validateDraft(d).errors.length === 0)
          expect(() => parseRequestSpec(toRequest(d))).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })
})

describe('the app’s own headers follow the same rules', () => {
  const app = findScenario('get-user')!.scenario
  const withRoute = (patch: Record<string, unknown>) => ({
    ...app,
    routes: app.routes.map((r, i) => (i === 0 ? { ...r, handler: { ...r.handler, ...patch } } : r)),
  })

  it.each([
    [
      'a header value with CR/LF',
      { headers: { 'X-Note': 'ok\r\nSet-Cookie: admin=1' } },
      /headers/,
    ],
    ['a Location with a line break', { location: '/users/1\nSet-Cookie: a=b' }, /location/],
  ])('refuses %s, naming the field', (_name, patch, path) => {
    expect(() => parseScenario(withRoute(patch))).toThrow(ScenarioError)
    expect(() => parseScenario(withRoute(patch))).toThrow(path)
  })

  it('refuses a CORS header list entry that is not a header name', () => {
    const cors = {
      ...app,
      middleware: [{ kind: 'cors', allowHeaders: ['Content-Type', 'X-A\r\nX-B'] }],
    }
    expect(() => parseScenario(cors)).toThrow(/allowHeaders\[1\]/)
  })

  it('still reads every header a curated app sets', () => {
    expect(() =>
      parseScenario(withRoute({ headers: { 'Cache-Control': 'no-store' } })),
    ).not.toThrow()
  })
})
