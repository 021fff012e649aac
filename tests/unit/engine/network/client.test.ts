import { describe, expect, it } from 'vitest'
import type { HttpRequest, HttpResponse, Trace } from '../../../../src/engine'
import { NetworkFailure } from '../../../../src/engine'
import { clientStage, MAX_REDIRECTS } from '../../../../src/engine/stages/client'
import {
  cookiesFor,
  defaultPath,
  pathMatches,
  splitSetCookie,
  storeCookies,
} from '../../../../src/engine/http/cookies'
import type { Cookie } from '../../../../src/engine'
import {
  API,
  all,
  app,
  end,
  first,
  get,
  later,
  roundTrips,
  send,
  stageHarness,
  types,
  withProxy,
} from './helpers'

const ok = (headers: Record<string, string> = {}, body = '{}'): HttpResponse => ({
  status: 200,
  statusText: 'OK',
  httpVersion: 'HTTP/1.1',
  headers: { 'content-type': 'application/json', ...headers },
  body,
})

/** Runs the client stage alone against a fake rest-of-the-onion that answers `respond(request)`. */
const drive = (
  respond: (request: HttpRequest, call: number) => HttpResponse,
  setup: {
    url?: string
    method?: HttpRequest['method']
    body?: string
    headers?: Record<string, string>
  } = {},
  scenario = app(),
) => {
  const { ctx, request } = stageHarness(scenario, setup.url)
  const sent: HttpRequest[] = []
  const start: HttpRequest = {
    ...request,
    method: setup.method ?? 'GET',
    body: setup.body ?? '',
    headers: setup.headers ?? {},
  }
  const run = (req: HttpRequest) =>
    clientStage.run(ctx, req, (out) => {
      sent.push(out)
      return respond(out, sent.length)
    })
  return { ctx, sent, run, start }
}

describe('client: URL parsing and the request it builds', () => {
  it('shows the parsed URL, defaulting the port from the scheme', () => {
    const trace = send(app(), get('http://api.example.com/users/42?fields=name'))
    expect(first(trace, 'client:parse-url').data).toEqual({
      url: 'http://api.example.com/users/42?fields=name',
      scheme: 'http',
      host: 'api.example.com',
      port: 80,
      path: '/users/42',
      query: 'fields=name',
      hop: 0,
    })
  })

  it('adds Host, User-Agent, Accept and Content-Length, keeping headers the page set', () => {
    const { run, start, sent } = drive(() => ok(), {
      method: 'POST',
      body: '{"name":"Ada"}',
      headers: { accept: 'application/json' },
    })
    run(start)
    expect(sent[0]!.headers).toMatchObject({
      host: 'api.example.com',
      accept: 'application/json',
      'content-length': '14',
    })
    expect(sent[0]!.headers['user-agent']).toMatch(/Mozilla/)
  })
})

describe('client: cookie jar', () => {
  it('stores Set-Cookie with Path, HttpOnly and Max-Age, and sends it back only where the path matches', () => {
    const { ctx, run, start, sent } = drive((req) =>
      req.path === '/login'
        ? ok({
            'set-cookie': 'sessionid=abc123; Path=/; HttpOnly; Max-Age=3600\ncart=7; Path=/shop',
          })
        : ok(),
    )
    run({ ...start, path: '/login' })
    expect(ctx.connection.cookies.map((c) => [c.name, c.path, c.httpOnly])).toEqual([
      ['sessionid', '/', true],
      ['cart', '/shop', false],
    ])
    const stored = ctx.events.find((e) => e.type === 'client:store-cookies')!
    expect(stored.type === 'client:store-cookies' && stored.data.changes).toMatchObject([
      { name: 'sessionid', action: 'stored', httpOnly: true, maxAgeSeconds: 3600 },
      { name: 'cart', action: 'stored', path: '/shop', maxAgeSeconds: null },
    ])

    run({ ...start, path: '/users/42' })
    expect(sent[1]!.headers.cookie).toBe('sessionid=abc123')
    run({ ...start, path: '/shop/basket' })
    // Longer paths first, as RFC 6265 orders them.
    expect(sent[2]!.headers.cookie).toBe('cart=7; sessionid=abc123')
    const attach = ctx.events.filter((e) => e.type === 'client:attach-cookies').at(-1)!
    expect(attach.type === 'client:attach-cookies' && attach.data.cookies).toEqual([
      { name: 'cart', path: '/shop', httpOnly: false },
      { name: 'sessionid', path: '/', httpOnly: true },
    ])
  })

  it('deletes a cookie on Max-Age=0 and forgets one whose Max-Age ran out', () => {
    const { ctx, run, start, sent } = drive((req) =>
      req.path === '/login'
        ? ok({ 'set-cookie': 'a=1; Path=/\nb=2; Path=/; Max-Age=1' })
        : req.path === '/logout'
          ? ok({ 'set-cookie': 'a=; Path=/; Max-Age=0' })
          : ok(),
    )
    run({ ...start, path: '/login' })
    run({ ...start, path: '/logout' })
    expect(sent[1]!.headers.cookie).toBe('a=1; b=2')
    expect(ctx.connection.cookies.map((c) => c.name)).toEqual(['b'])
    const deleted = ctx.events.filter((e) => e.type === 'client:store-cookies').at(-1)!
    expect(deleted.type === 'client:store-cookies' && deleted.data.changes[0]!.action).toBe(
      'deleted',
    )
    // Let the one-second cookie expire on the virtual clock.
    ctx.emit(clientStage, {
      type: 'client:receive',
      direction: 'response',
      title: 'wait',
      duration: 1500,
      request: start,
      data: { bytes: 0 },
    })
    run({ ...start, path: '/users/42' })
    expect(sent[2]!.headers.cookie).toBeUndefined()
  })

  it('refuses a Secure cookie over http and one for another domain', () => {
    const { ctx, run, start } = drive(
      () =>
        ok({ 'set-cookie': 's=1; Secure\nd=1; Domain=evil.example.org\nok=1; Domain=example.com' }),
      { url: 'http://api.example.com/' },
    )
    run(start)
    const stored = ctx.events.find((e) => e.type === 'client:store-cookies')!
    expect(
      stored.type === 'client:store-cookies' &&
        stored.data.changes.map((c) => [c.name, c.action, c.reason]),
    ).toEqual([
      ['s', 'rejected', 'insecure'],
      ['d', 'rejected', 'domain-mismatch'],
      ['ok', 'stored', undefined],
    ])
    expect(ctx.connection.cookies[0]).toMatchObject({
      name: 'ok',
      domain: 'example.com',
      hostOnly: false,
    })
  })

  it('carries the jar between simulate calls through the trace connection', () => {
    const seeded = app({
      browser: { cookies: [{ name: 'theme', value: 'dark', domain: 'api.example.com' }] },
    })
    const firstTrace = send(seeded)
    expect(first(firstTrace, 'server:parse').request.headers.cookie).toBe('theme=dark')
    const repeat = send(app(), get(`${API}/health`), firstTrace.connection)
    expect(first(repeat, 'client:build-request').request.headers.cookie).toBe('theme=dark')
  })

  it('never sends a Secure cookie over plain http', () => {
    const scenario = app({
      browser: {
        cookies: [{ name: 'token', value: 't', domain: 'api.example.com', secure: true }],
      },
    })
    expect(types(send(scenario, get('http://api.example.com/users/42')))).not.toContain(
      'client:attach-cookies',
    )
    expect(types(send(scenario))).toContain('client:attach-cookies')
  })
})

describe('cookie helpers (RFC 6265)', () => {
  const jar: Cookie[] = [
    {
      name: 'a',
      value: '1',
      domain: 'example.com',
      hostOnly: false,
      path: '/',
      secure: false,
      httpOnly: false,
      expiresAt: null,
    },
    {
      name: 'b',
      value: '2',
      domain: 'api.example.com',
      hostOnly: true,
      path: '/docs',
      secure: false,
      httpOnly: false,
      expiresAt: 10,
    },
  ]

  it('matches paths on segment boundaries', () => {
    expect(pathMatches('/docs', '/docs')).toBe(true)
    expect(pathMatches('/docs', '/docs/web')).toBe(true)
    expect(pathMatches('/docs/', '/docs/web')).toBe(true)
    expect(pathMatches('/docs', '/docsweb')).toBe(false)
    expect(defaultPath('/docs/web/page')).toBe('/docs/web')
    expect(defaultPath('/login')).toBe('/')
  })

  it('matches domains: a Domain cookie covers subdomains, a host-only one does not', () => {
    const to = (host: string, path = '/docs/x') =>
      cookiesFor(jar, { scheme: 'https', host, path }, 0)
    expect(to('api.example.com').map((c) => c.name)).toEqual(['b', 'a'])
    expect(to('www.example.com').map((c) => c.name)).toEqual(['a'])
    expect(
      cookiesFor(jar, { scheme: 'https', host: 'api.example.com', path: '/docs' }, 11).map(
        (c) => c.name,
      ),
    ).toEqual(['a'])
  })

  it('splits Set-Cookie lines joined by newlines or commas, but not inside Expires', () => {
    expect(splitSetCookie('a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT, b=2\nc=3')).toEqual([
      'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
      'b=2',
      'c=3',
    ])
  })

  it('reads Expires against the simulated calendar (2 June 2025): a 1970 date deletes', () => {
    const from = { scheme: 'https' as const, host: 'api.example.com', path: '/' }
    const { jar: after, changes } = storeCookies(
      [],
      'old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT\nnew=1; Expires=Wed, 04 Jun 2025 09:00:00 GMT',
      from,
      0,
    )
    expect(changes.map((c) => c.action)).toEqual(['deleted', 'stored'])
    expect(after.map((c) => c.name)).toEqual(['new'])
    expect(changes[1]!.maxAgeSeconds).toBe(2 * 24 * 3600)
  })
})

describe('client: redirects', () => {
  const redirects = (status: 301 | 302 | 303 | 307 | 308, location = '/users/42') =>
    withProxy({ redirects: { '/old': { status, location } } })

  it('follows a redirect as a second round trip in the same trace', () => {
    const trace = send(redirects(302), get(`${API}/old`))
    const trips = roundTrips(trace)
    expect(trips).toHaveLength(2)
    expect(trips[1]![0]).toMatchObject({
      type: 'client:parse-url',
      data: { hop: 1, path: '/users/42' },
    })
    expect(first(trace, 'client:redirect').data).toMatchObject({
      status: 302,
      from: `${API}/old`,
      to: `${API}/users/42`,
      sameOrigin: true,
      methodChanged: false,
      redirects: 1,
    })
    expect(trace.response?.status).toBe(200)
    // Same origin: the second round trip reuses the connection and skips the handshakes.
    expect(trips[1]!.map((e) => e.type)).toContain('tcp:reuse')
    expect(trips[1]!.map((e) => e.type)).not.toContain('tls:client-hello')
  })

  it.each([
    [303, 'PUT', 'GET'],
    [302, 'POST', 'GET'],
    [301, 'POST', 'GET'],
    [307, 'POST', 'POST'],
    [308, 'POST', 'POST'],
    [302, 'PUT', 'PUT'],
  ] as const)('after %i a %s becomes a %s', (status, method, expected) => {
    const trace = send(redirects(status), {
      method,
      url: `${API}/old`,
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"Ada"}',
    })
    const second = roundTrips(trace)[1]!
    const built = second.find((e) => e.type === 'client:build-request')!
    expect(built.request.method).toBe(expected)
    if (expected === 'GET') {
      expect(built.request.body).toBe('')
      expect(built.request.headers['content-type']).toBeUndefined()
      expect(built.request.headers['content-length']).toBeUndefined()
    } else {
      expect(built.request.body).toBe('{"name":"Ada"}')
      expect(built.request.headers['content-type']).toBe('application/json')
    }
  })

  it('drops Authorization when the redirect leaves the origin', () => {
    const scenario = app({
      dns: { 'api.example.com': '93.184.216.34', 'www.example.com': '93.184.216.35' },
      proxy: {
        ...app().proxy,
        redirects: { '/old': { status: 301, location: 'https://www.example.com/health' } },
      },
    })
    const trace = send(scenario, {
      method: 'GET',
      url: `${API}/old`,
      headers: { Authorization: 'Bearer x' },
    })
    const [one, two] = roundTrips(trace)
    expect(one!.find((e) => e.type === 'client:build-request')!.request.headers.authorization).toBe(
      'Bearer x',
    )
    expect(
      two!.find((e) => e.type === 'client:build-request')!.request.headers.authorization,
    ).toBeUndefined()
    // A new host needs its own DNS lookup and connection.
    expect(two!.map((e) => e.type)).toEqual(expect.arrayContaining(['dns:cache-miss', 'tcp:syn']))
  })

  it(`gives up with ERR_TOO_MANY_REDIRECTS after ${MAX_REDIRECTS} redirects`, () => {
    const loop = withProxy({ redirects: { '/loop': { status: 302, location: '/loop' } } })
    const trace = send(loop, get(`${API}/loop`))
    expect(trace.response).toBeUndefined()
    expect(trace.error?.code).toBe('ERR_TOO_MANY_REDIRECTS')
    expect(all(trace, 'client:redirect')).toHaveLength(MAX_REDIRECTS)
    expect(roundTrips(trace)).toHaveLength(MAX_REDIRECTS + 1)
    expect(trace.events.at(-1)!.type).toBe('client:network-error')
  })

  it('does not follow a 3xx without a usable Location', () => {
    const { run, start, sent } = drive(() => ({ ...ok(), status: 302, statusText: 'Found' }))
    expect(run(start).status).toBe(302)
    expect(sent).toHaveLength(1)
  })
})

describe('client: HTTP cache', () => {
  const cached = (maxAge: string, etag = '"v1"') =>
    drive((req) =>
      req.headers['if-none-match'] === etag
        ? {
            status: 304,
            statusText: 'Not Modified',
            httpVersion: 'HTTP/1.1',
            headers: { etag },
            body: '',
          }
        : ok({ 'cache-control': maxAge, etag }, '{"v":1}'),
    )

  it('serves a fresh max-age hit from the cache with no network events at all', () => {
    const scenario = withProxy({
      static: {
        prefix: '/static/',
        maxAgeSeconds: 60,
        files: { 'a.js': { contentType: 'text/javascript', body: 'x()' } },
      },
    })
    const one = send(scenario, get(`${API}/static/a.js`))
    expect(first(one, 'client:cache-store').data).toMatchObject({
      maxAgeSeconds: 60,
      noCache: false,
    })
    const two = send(scenario, get(`${API}/static/a.js`), later(one, 30))
    expect(two.events.every((e) => e.layer === 'client')).toBe(true)
    expect(types(two)).toEqual(['client:parse-url', 'client:cache-hit', 'client:complete'])
    expect(two.response).toMatchObject({ status: 200, body: 'x()' })
    expect(first(two, 'client:cache-hit').data).toMatchObject({ ageSeconds: 30, maxAgeSeconds: 60 })
    expect(end(two)).toBeLessThan(3)
  })

  it('revalidates a stale entry with If-None-Match and If-Modified-Since and uses the body on 304', () => {
    const scenario = withProxy({
      static: {
        prefix: '/static/',
        maxAgeSeconds: 60,
        files: { 'a.js': { contentType: 'text/javascript', body: 'x()' } },
      },
    })
    const one = send(scenario, get(`${API}/static/a.js`))
    const two = send(scenario, get(`${API}/static/a.js`), later(one, 61))
    const revalidate = first(two, 'client:cache-revalidate')
    expect(revalidate.data.headersAdded).toEqual(['if-none-match', 'if-modified-since'])
    expect(revalidate.request.headers['if-none-match']).toBe(one.response!.headers.etag)
    expect(two.response).toMatchObject({ status: 304, body: '' })
    expect(first(two, 'client:cache-use').data).toMatchObject({
      status: 200,
      body: 'x()',
      bytes: 3,
    })
    // The 304 restarted the entry's lifetime: straight after, it is fresh again.
    const three = send(scenario, get(`${API}/static/a.js`), two.connection)
    expect(types(three)).toContain('client:cache-hit')
  })

  it('revalidates a no-cache entry every time, and never stores a no-store one', () => {
    const noCache = cached('no-cache')
    noCache.run(noCache.start)
    noCache.run(noCache.start)
    expect(noCache.sent[1]!.headers['if-none-match']).toBe('"v1"')

    const noStore = cached('no-store')
    noStore.run(noStore.start)
    noStore.run(noStore.start)
    expect(noStore.ctx.connection.httpCache).toEqual({})
    expect(noStore.sent[1]!.headers['if-none-match']).toBeUndefined()
  })

  it('does not cache a POST, nor a response without validators or lifetime', () => {
    const post = drive(() => ok({ etag: '"p"' }), { method: 'POST', body: '{}' })
    post.run(post.start)
    expect(post.ctx.connection.httpCache).toEqual({})
    const plain = drive(() => ok())
    plain.run(plain.start)
    expect(plain.ctx.connection.httpCache).toEqual({})
  })
})

describe('client: network errors', () => {
  it('reports a failure below HTTP as the last event and rethrows it for simulate', () => {
    const { ctx, run, start } = drive(() => {
      throw new NetworkFailure('ERR_CONNECTION_RESET', 'reset')
    })
    expect(() => run(start)).toThrow(NetworkFailure)
    expect(ctx.events.at(-1)).toMatchObject({
      type: 'client:network-error',
      data: { code: 'ERR_CONNECTION_RESET' },
    })
  })

  it('turns an unparsable URL into ERR_INVALID_URL before any event', () => {
    const trace: Trace = send(app(), get('api.example.com/users'))
    expect(trace.error?.code).toBe('ERR_INVALID_URL')
    expect(trace.events).toEqual([])
  })
})
