import { describe, expect, it } from 'vitest'
import { CLIENT_IP, nginxEtag, nginxPage } from '../../../../src/engine/stages/proxy'
import { API, all, app, first, get, later, send, types, withProxy } from './helpers'

const files = {
  prefix: '/static/',
  maxAgeSeconds: 3600,
  files: {
    'app.css': {
      contentType: 'text/css',
      body: 'body{}',
      lastModified: 'Mon, 26 May 2025 08:00:00 GMT',
    },
  },
}

describe('proxy: forwarding to the app', () => {
  const trace = send(app())

  it('terminates TLS and adds X-Forwarded-For, X-Forwarded-Proto and X-Request-ID', () => {
    expect(first(trace, 'proxy:receive').data).toMatchObject({
      software: 'nginx',
      terminatedTls: true,
    })
    const forwarded = first(trace, 'proxy:forward').request.headers
    expect(forwarded['x-forwarded-for']).toBe(CLIENT_IP)
    expect(forwarded['x-forwarded-proto']).toBe('https')
    expect(forwarded['x-request-id']).toMatch(/^[0-9a-f]{32}$/)
  })

  it('appends to an X-Forwarded-For that is already there', () => {
    const chained = send(app(), {
      method: 'GET',
      url: `${API}/users/42`,
      headers: { 'X-Forwarded-For': '10.0.0.1' },
    })
    expect(first(chained, 'proxy:forward').request.headers['x-forwarded-for']).toBe(
      `10.0.0.1, ${CLIENT_IP}`,
    )
  })

  it('writes its own Server header on the way back', () => {
    expect(trace.response?.headers.server).toBe('nginx')
    expect(first(trace, 'proxy:send').data.headersChanged).toEqual(['server'])
  })
})

describe('proxy: load balancing', () => {
  const workersSeen = (scenario: ReturnType<typeof app>, n: number) => {
    const seen: number[] = []
    let trace = send(scenario)
    seen.push(first(trace, 'proxy:forward').data.worker)
    for (let i = 1; i < n; i++) {
      trace = send(scenario, get(`${API}/users/${i}`), trace.connection, i + 1)
      seen.push(first(trace, 'proxy:forward').data.worker)
    }
    return seen
  }

  it('goes round-robin over the workers by default, carried in the trace connection', () => {
    expect(workersSeen(withProxy({ workers: 3 }), 7)).toEqual([1, 2, 3, 1, 2, 3, 1])
    expect(first(send(withProxy({ workers: 3 })), 'proxy:forward').data).toMatchObject({
      balancing: 'round-robin',
      workers: 3,
      upstream: '127.0.0.1:8000',
    })
  })

  it('picks a seeded random worker when configured, the same for the same seed', () => {
    const scenario = withProxy({ workers: 8, balancing: 'random' })
    const seen = workersSeen(scenario, 12)
    expect(new Set(seen).size).toBeGreaterThan(2)
    expect(seen.every((w) => w >= 1 && w <= 8)).toBe(true)
    expect(workersSeen(scenario, 12)).toEqual(seen)
  })
})

describe('proxy: answering itself', () => {
  it('redirects http:// to https:// with its own 301 page when configured', () => {
    const trace = send(
      withProxy({ httpsRedirect: true }),
      get('http://api.example.com/users/42?x=1'),
    )
    const redirect = first(trace, 'client:redirect')
    expect(redirect.response).toMatchObject({
      status: 301,
      headers: { location: 'https://api.example.com/users/42?x=1', 'content-type': 'text/html' },
    })
    expect(redirect.response?.body).toBe(nginxPage(301))
    // An https request is not redirected.
    expect(types(send(withProxy({ httpsRedirect: true })))).not.toContain('proxy:redirect')
  })

  it('answers 503 with Retry-After in maintenance', () => {
    const trace = send(withProxy({ status: 'maintenance' }))
    expect(trace.response).toMatchObject({ status: 503, headers: { 'retry-after': '300' } })
    expect(trace.response?.body).toContain('<title>503 Service Temporarily Unavailable</title>')
  })

  it('answers 413 for a body over client_max_body_size, and accepts one exactly at it', () => {
    const limit = withProxy({ maxBodyBytes: 10 })
    const post = (body: string) => send(limit, { method: 'POST', url: `${API}/users/42`, body })
    expect(post('x'.repeat(11)).response?.status).toBe(413)
    expect(first(post('x'.repeat(11)), 'proxy:body-too-large').data).toEqual({
      bytes: 11,
      limit: 10,
    })
    expect(types(post('x'.repeat(10)))).not.toContain('proxy:body-too-large')
    // nginx does not read the rest of the body: it closes the connection after answering.
    const refused = post('x'.repeat(11))
    expect(first(refused, 'tcp:close').data.code).toBeNull()
    expect(types(refused)).not.toContain('tcp:keep-alive')
    expect(refused.connection.connections).toEqual({})
    expect(types(send(limit, get(`${API}/health`), refused.connection))).toContain('tcp:syn')
    // nginx's own default is 1 MiB.
    expect(
      send(app(), { method: 'POST', url: `${API}/users/42`, body: 'x'.repeat(1_048_577) }).response
        ?.status,
    ).toBe(413)
  })

  it("limits like nginx's limit_req with burst=limit-1 nodelay: a leaky bucket, no Retry-After", () => {
    const limited = withProxy({ rateLimit: { limit: 10, windowSeconds: 60 } })
    let trace = send(limited)
    const statuses = [trace.response?.status]
    for (let i = 0; i < 10; i++) {
      trace = send(limited, get(`${API}/health`), trace.connection)
      statuses.push(trace.response?.status)
    }
    // Ten at once pass, the eleventh is refused: 429 with nginx's page and no Retry-After.
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429])
    expect(trace.response?.headers['retry-after']).toBeUndefined()
    expect(first(trace, 'proxy:rate-limit').data).toMatchObject({ allowed: false, used: 11 })
    // The bucket drains at 10 per minute: one more fits after 6 s, not a second one at once.
    const after6 = send(limited, get(`${API}/health`), later(trace, 6.1))
    expect(after6.response?.status).toBe(200)
    expect(send(limited, get(`${API}/health`), after6.connection).response?.status).toBe(429)
    // After a whole minute the bucket is empty again.
    expect(send(limited, get(`${API}/health`), later(trace, 61)).response?.status).toBe(200)
  })

  it("counts a window for Caddy's rate_limit and answers 429 with Retry-After", () => {
    const limited = withProxy({ software: 'caddy', rateLimit: { limit: 2, windowSeconds: 10 } })
    const one = send(limited)
    const two = send(limited, get(`${API}/health`), one.connection)
    const three = send(limited, get(`${API}/health`), two.connection)
    expect([one, two, three].map((t) => t.response?.status)).toEqual([200, 200, 429])
    expect(first(two, 'proxy:rate-limit').data).toMatchObject({ allowed: true, used: 2 })
    const refused = first(three, 'proxy:rate-limit')
    expect(refused.direction).toBe('response')
    expect(refused.data).toMatchObject({ allowed: false, limit: 2, used: 3 })
    expect(Number(three.response?.headers['retry-after'])).toBe(refused.data.retryAfter)
    expect(refused.data.retryAfter).toBeGreaterThanOrEqual(9)
    expect(refused.data.retryAfter).toBeLessThanOrEqual(10)
    // Once the window has passed the client may send again.
    expect(send(limited, get(`${API}/health`), later(three, 11)).response?.status).toBe(200)
  })

  it('serves static files itself, never reaching Python, with nginx-style ETag and Last-Modified', () => {
    const trace = send(withProxy({ static: files }), get(`${API}/static/app.css`))
    expect(trace.response).toMatchObject({
      status: 200,
      body: 'body{}',
      headers: {
        'content-type': 'text/css',
        'content-length': '6',
        etag: nginxEtag('Mon, 26 May 2025 08:00:00 GMT', 6),
        'last-modified': 'Mon, 26 May 2025 08:00:00 GMT',
        'cache-control': 'max-age=3600',
        'accept-ranges': 'bytes',
      },
    })
    expect(nginxEtag('Mon, 26 May 2025 08:00:00 GMT', 6)).toBe('"68341f80-6"')
    expect(trace.events.some((e) => e.layer === 'server' || e.layer === 'handler')).toBe(false)
  })

  it('answers a matching If-None-Match or If-Modified-Since with a bodiless 304', () => {
    const scenario = withProxy({ static: files })
    const etag = nginxEtag('Mon, 26 May 2025 08:00:00 GMT', 6)
    const conditional = (headers: Record<string, string>) =>
      send(scenario, { method: 'GET', url: `${API}/static/app.css`, headers })
    const notModified = conditional({ 'If-None-Match': etag }).response
    expect(notModified).toMatchObject({ status: 304, body: '', headers: { etag } })
    expect(notModified?.headers).not.toHaveProperty('content-length')
    expect(notModified?.headers).not.toHaveProperty('accept-ranges')
    expect(conditional({ 'If-None-Match': `"other", W/${etag}` }).response?.status).toBe(304)
    expect(conditional({ 'If-None-Match': '"other"' }).response?.status).toBe(200)
    expect(
      conditional({ 'If-Modified-Since': 'Mon, 26 May 2025 08:00:00 GMT' }).response?.status,
    ).toBe(304)
    expect(first(conditional({ 'If-None-Match': etag }), 'proxy:static').data).toMatchObject({
      notModified: true,
      status: 304,
      bytes: 0,
    })
  })

  it('answers 404 for a missing static file and 405 for a POST to one', () => {
    const scenario = withProxy({ static: files })
    const missing = send(scenario, get(`${API}/static/nope.js`))
    expect(missing.response?.status).toBe(404)
    expect(missing.response?.body).toBe(nginxPage(404))
    const post = send(scenario, { method: 'POST', url: `${API}/static/app.css`, body: 'x' })
    expect(post.response).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } })
  })

  it('checks in nginx order: redirect, maintenance, body size, rate limit, then static files', () => {
    const everything = withProxy({
      status: 'maintenance',
      maxBodyBytes: 0,
      rateLimit: { limit: 1, windowSeconds: 60, recentRequests: 5 },
      static: files,
    })
    expect(send(everything, get(`${API}/static/app.css`)).response?.status).toBe(503)
    const noMaintenance = {
      ...everything,
      proxy: { ...everything.proxy, status: 'running' as const },
    }
    expect(
      send(noMaintenance, { method: 'POST', url: `${API}/static/app.css`, body: 'x' }).response
        ?.status,
    ).toBe(413)
    expect(send(noMaintenance, get(`${API}/static/app.css`)).response?.status).toBe(429)
  })
})

describe('proxy: upstream failures', () => {
  it('answers 502 with the nginx page when nothing listens upstream', () => {
    const trace = send(withProxy({ upstream: 'down' }))
    expect(trace.response).toMatchObject({
      status: 502,
      statusText: 'Bad Gateway',
      body: nginxPage(502),
    })
    expect(trace.response?.body).toBe(
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    )
    expect(first(trace, 'proxy:upstream-error').data).toMatchObject({
      error: 'connection-refused',
      log: 'connect() failed (111: Connection refused) while connecting to upstream',
    })
  })

  it('answers 504 only when the app takes longer than the proxy timeout', () => {
    const appMs = (t: ReturnType<typeof send>) => first(t, 'proxy:upstream-error').data.waitedMs
    const tight = send(withProxy({ timeoutMs: 5 }))
    expect(tight.response?.status).toBe(504)
    expect(tight.response?.body).toContain('504 Gateway Time-out')
    expect(appMs(tight)).toBeGreaterThan(5)
    expect(send(withProxy({ timeoutMs: 1000 })).response?.status).toBe(200)
  })

  it('answers 502 when the upstream resets mid-response, after the view ran', () => {
    const trace = send(withProxy({ upstream: 'reset' }))
    expect(trace.response?.status).toBe(502)
    expect(types(trace)).toContain('handler:return')
    expect(first(trace, 'proxy:upstream-error').data.log).toContain('104: Connection reset by peer')
  })

  it('writes no body for its errors when it is Caddy', () => {
    const trace = send(withProxy({ software: 'caddy', upstream: 'down' }))
    expect(trace.response).toMatchObject({
      status: 502,
      body: '',
      headers: { server: 'caddy', 'content-length': '0' },
    })
  })

  it('sends each proxy-made response back over the connection, once', () => {
    const trace = send(withProxy({ upstream: 'down' }))
    expect(all(trace, 'proxy:send')).toHaveLength(1)
    expect(types(trace).slice(-5)).toEqual([
      'proxy:send',
      'tls:decrypt',
      'tcp:keep-alive',
      'client:receive',
      'client:complete',
    ])
  })
})
