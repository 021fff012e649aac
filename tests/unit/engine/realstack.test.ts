/**
 * What the conformance suite found on real nginx, gunicorn, uvicorn, Flask, Django and FastAPI
 * (docs/conformance.md), held here so the model cannot drift back between runs of the suite.
 */
import { describe, expect, it } from 'vitest'
import type { MiddlewareSpec } from '../../../src/engine'
import { httpDate } from '../../../src/engine/model/time'
import { signedSessionCookie } from '../../../src/engine/middleware/session'
import { caddyEtag } from '../../../src/engine/stages/proxy'
import { simulate } from '../../../src/engine'
import { API, app, find, route, send, types } from './app/driver'

const CORS: MiddlewareSpec = { kind: 'cors', allowOrigins: ['https://app.example.com'] }
const ERRORS: MiddlewareSpec = { kind: 'errors' }
const boom = route(['GET'], '/boom', { handler: { fault: { kind: 'exception' } } })
const origin = { origin: 'https://app.example.com' }

describe('the status line', () => {
  it('is upper case from Werkzeug, and passed on by nginx over HTTP/1.1', () => {
    const trace = send(app({ framework: 'flask' }), 'GET', '/nowhere')
    expect(trace.response).toMatchObject({ status: 404, statusText: 'NOT FOUND' })
    expect(send(app({ framework: 'django' }), 'GET', '/nowhere').response?.statusText).toBe(
      'Not Found',
    )
    expect(send(app({ framework: 'fastapi' }), 'GET', '/nowhere').response?.statusText).toBe(
      'Not Found',
    )
  })
})

describe('Date', () => {
  it('is on every response, written by the proxy at the moment it answers', () => {
    const trace = send(app(), 'GET', '/users/42')
    const date = trace.response?.headers.date
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    const sent = find(trace, 'proxy:send')
    expect(date).toBe(httpDate(sent.at))
  })
})

describe('framing', () => {
  it("sends Django's bodies chunked: its HttpResponse has no Content-Length", () => {
    const trace = send(app({ framework: 'django' }), 'GET', '/users/42')
    expect(trace.response?.headers['content-length']).toBeUndefined()
    expect(trace.response?.headers['transfer-encoding']).toBe('chunked')
    // A HEAD answer has neither: there is no body to frame.
    const head = send(app({ framework: 'django' }), 'HEAD', '/users/42')
    expect(head.response?.headers['content-length']).toBeUndefined()
    expect(head.response?.headers['transfer-encoding']).toBeUndefined()
  })

  it('keeps Content-Length from Flask and FastAPI', () => {
    for (const framework of ['flask', 'fastapi'] as const) {
      const trace = send(app({ framework }), 'GET', '/users/42')
      expect(trace.response?.headers['content-length']).toBe(String(trace.response?.body.length))
      expect(trace.response?.headers['transfer-encoding']).toBeUndefined()
    }
  })
})

describe('FastAPI routes', () => {
  it('answer GET only: HEAD is a 405 and Allow has no HEAD', () => {
    const trace = send(app({ framework: 'fastapi' }), 'HEAD', '/users/42')
    expect(trace.response?.status).toBe(405)
    expect(trace.response?.headers.allow).not.toContain('HEAD')
    expect(send(app({ framework: 'flask' }), 'HEAD', '/users/42').response?.status).toBe(200)
    expect(send(app({ framework: 'django' }), 'HEAD', '/users/42').response?.status).toBe(200)
  })
})

describe('CORS preflight', () => {
  const preflight = {
    headers: {
      ...origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
  }
  it('is 200 with an empty text/html body from django-cors-headers', () => {
    const trace = send(
      app({ framework: 'django', middleware: [CORS] }),
      'OPTIONS',
      '/users/42',
      preflight,
    )
    expect(trace.response).toMatchObject({ status: 200, body: '' })
    expect(trace.response?.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(trace.response?.headers['content-length']).toBe('0')
  })
  it("lists Starlette's always-allowed headers too", () => {
    const trace = send(
      app({ framework: 'fastapi', middleware: [CORS] }),
      'OPTIONS',
      '/users/42',
      preflight,
    )
    expect(trace.response?.headers['access-control-allow-headers']).toBe(
      'Accept, Accept-Language, Authorization, Content-Language, Content-Type',
    )
  })
})

describe('an exception in a Django view', () => {
  it('becomes a response before any middleware sees it, so CORS still adds its headers', () => {
    // CORS inside the error handler: in Flask and FastAPI the exception unwinds past CORS.
    const middleware = [ERRORS, CORS]
    const django = send(app({ framework: 'django', middleware, routes: [boom] }), 'GET', '/boom', {
      headers: origin,
    })
    expect(django.response?.status).toBe(500)
    expect(django.response?.headers['access-control-allow-origin']).toBe(origin.origin)
    expect(types(django)).not.toContain('middleware:unwind')
    expect(find(django, 'middleware:exception').title).toContain('process_exception')
    const fastapi = send(
      app({ framework: 'fastapi', middleware, routes: [boom] }),
      'GET',
      '/boom',
      {
        headers: origin,
      },
    )
    expect(fastapi.response?.status).toBe(500)
    expect(fastapi.response?.headers['access-control-allow-origin']).toBeUndefined()
  })
  it("without an error handler is Django's own 500 page, still inside the middleware", () => {
    const trace = send(
      app({ framework: 'django', middleware: [CORS], routes: [boom] }),
      'GET',
      '/boom',
      {
        headers: origin,
      },
    )
    expect(trace.response?.status).toBe(500)
    expect(trace.response?.body).toContain('<title>Server Error (500)</title>')
    expect(trace.response?.headers['access-control-allow-origin']).toBe(origin.origin)
  })
})

describe('sessions', () => {
  const AUTH: MiddlewareSpec = { kind: 'auth', scheme: 'session' } as MiddlewareSpec
  const cookie = (name: string) => ({ cookie: `${name}=${signedSessionCookie({ user: 'ada' })}` })
  it("Django's adds Vary: Cookie when the session was read, even unchanged", () => {
    const middleware: MiddlewareSpec[] = [
      { kind: 'session', store: 'database', sessions: { abc: { user: 'ada' } } },
      AUTH,
    ]
    const trace = send(app({ framework: 'django', middleware }), 'GET', '/users/42', {
      headers: { cookie: 'sessionid=abc' },
    })
    expect(trace.response?.headers.vary).toContain('Cookie')
    expect(trace.response?.headers['set-cookie']).toBeUndefined()
  })
  it("Starlette's sends its cookie again on every response, without Vary: Cookie", () => {
    const middleware: MiddlewareSpec[] = [{ kind: 'session' }, AUTH]
    const trace = send(app({ framework: 'fastapi', middleware }), 'GET', '/users/42', {
      headers: cookie('session'),
    })
    expect(trace.response?.headers['set-cookie']).toMatch(/^session=/)
    expect(trace.response?.headers.vary ?? '').not.toContain('Cookie')
  })
})

describe('nginx answering itself', () => {
  it.each([
    [413, 'Request Entity Too Large'],
    [503, 'Service Temporarily Unavailable'],
  ])('writes its own reason phrase for %i', (status, reason) => {
    const scenario =
      status === 413
        ? { ...app(), proxy: { ...app().proxy, maxBodyBytes: 10 } }
        : { ...app(), proxy: { ...app().proxy, status: 'maintenance' as const } }
    const trace = send(scenario, 'POST', '/users/42', { body: 'x'.repeat(20) })
    expect(trace.response).toMatchObject({ status, statusText: reason })
  })
  it('makes a configured redirect to a path absolute', () => {
    const scenario = {
      ...app(),
      proxy: { ...app().proxy, redirects: { '/old': { status: 301 as const, location: '/new' } } },
    }
    expect(find(send(scenario, 'GET', '/old'), 'proxy:redirect').response?.headers.location).toBe(
      `${API}/new`,
    )
  })
  it('sends Expires with max-age for static files, and on a 304', () => {
    const scenario = {
      ...app(),
      proxy: {
        ...app().proxy,
        static: {
          prefix: '/static/',
          maxAgeSeconds: 3600,
          files: { 'app.css': { contentType: 'text/css', body: 'body{}' } },
        },
      },
    }
    const trace = send(scenario, 'GET', '/static/app.css')
    const { date, expires } = trace.response?.headers ?? {}
    expect(Date.parse(expires ?? '') - Date.parse(date ?? '')).toBe(3_600_000)
    const etag = trace.response?.headers.etag ?? ''
    const again = send(scenario, 'GET', '/static/app.css', { headers: { 'if-none-match': etag } })
    expect(again.response?.status).toBe(304)
    expect(again.response?.headers.expires).toBeDefined()
  })
})

describe('httpDate', () => {
  it('writes the same IMF-fixdate as the platform, across years and leap days', () => {
    for (const ms of [0, 1, 999, 86_399_999, 3.2e10, 2.7e11, -1.5e11, 1e12]) {
      const expected = new Date(Date.UTC(2025, 5, 2, 9) + Math.floor(ms / 1000) * 1000)
      expect(httpDate(ms)).toBe(expected.toUTCString())
    }
  })
})

describe('HTTP/2', () => {
  it('carries no reason phrase: the browser gets the number alone', () => {
    const scenario = { ...app(), tls: { ...app().tls, alpn: 'h2' as const } }
    const trace = send(scenario, 'GET', '/users/42')
    expect(trace.response).toMatchObject({ status: 200, statusText: '' })
    expect(send(app(), 'GET', '/users/42').response?.statusText).toBe('OK')
  })
})

describe('a redirect from a view', () => {
  const signIn = route(['POST'], '/signin', {
    handler: { kind: 'redirect', status: 302, location: '/dashboard', body: null },
  })
  const hop = (framework: 'flask' | 'django' | 'fastapi') =>
    find(send(app({ framework, routes: [signIn] }), 'POST', '/signin'), 'handler:return').response
  it("is Werkzeug's small page from Flask, empty from Django and Starlette", () => {
    expect(hop('flask')?.body).toContain('<title>Redirecting...</title>')
    expect(hop('flask')?.body).toContain('<a href="/dashboard">/dashboard</a>')
    expect(hop('flask')?.statusText).toBe('FOUND')
    expect(hop('django')).toMatchObject({ body: '', headers: { location: '/dashboard' } })
    expect(hop('django')?.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(hop('fastapi')?.body).toBe('')
    expect(hop('fastapi')?.headers['content-type']).toBeUndefined()
  })
})

describe('Caddy, as the issue’s run found it', () => {
  const caddy = (proxy: Partial<ReturnType<typeof app>['proxy']>) => ({
    ...app(),
    proxy: { ...app().proxy, software: 'caddy' as const, ...proxy },
  })
  it('redirects http:// with 308 and answers an oversized body with 502', () => {
    const http = simulate({
      scenario: caddy({ httpsRedirect: true }),
      request: { method: 'GET', url: 'http://api.example.com/users/42' },
    })
    expect(find(http, 'proxy:redirect').data.status).toBe(308)
    const big = send(caddy({ maxBodyBytes: 10 }), 'POST', '/users/42', { body: 'x'.repeat(20) })
    expect(big.response?.status).toBe(502)
  })
  it('writes its file_server ETag: mtime and size in base 36, no dash', () => {
    const trace = send(
      caddy({
        static: {
          prefix: '/static/',
          files: { 'app.css': { contentType: 'text/css', body: 'body{}' } },
        },
      }),
      'GET',
      '/static/app.css',
    )
    expect(trace.response?.headers.etag).toMatch(/^"[0-9a-z]+"$/)
    expect(trace.response?.headers.etag).toBe(caddyEtag('Mon, 26 May 2025 08:00:00 GMT', 6))
  })
})
