import { describe, expect, it } from 'vitest'
import type { MiddlewareSpec } from '../../../../src/engine'
import { app, find, route, send, types } from './driver'

const ORIGIN = 'https://app.example.com'
const preflight = (headers: Record<string, string> = {}) => ({
  headers: {
    origin: ORIGIN,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'Content-Type, Authorization',
    ...headers,
  },
})
const withCors = (
  cors: Omit<Extract<MiddlewareSpec, { kind: 'cors' }>, 'kind'> = {},
  framework: 'flask' | 'fastapi' = 'flask',
) =>
  app({
    framework,
    middleware: [{ kind: 'cors', ...cors }, { kind: 'logging' }],
    routes: [route(['POST'], '/users')],
  })

describe('cors: preflight', () => {
  it('answers at once with the Access-Control-Allow-* headers and 204', () => {
    const trace = send(withCors(), 'OPTIONS', '/users', preflight())
    expect(trace.response?.status).toBe(204)
    expect(trace.response?.body).toBe('')
    expect(trace.response?.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-max-age': '600',
      vary: 'Origin',
    })
    // Logging sits inside CORS: it never sees the preflight.
    expect(trace.events.some((e) => e.stage === 'middleware:logging')).toBe(false)
    expect(types(trace)).not.toContain('router:match')
    const event = find(trace, 'middleware:cors-preflight')
    expect(event.data).toMatchObject({ allowed: true, rejected: [], requestedMethod: 'POST' })
    expect(event.data.requestedHeaders).toEqual(['content-type', 'authorization'])
  })

  it('uses the configured options', () => {
    const trace = send(
      withCors({
        allowOrigins: ['*'],
        allowMethods: ['POST'],
        maxAge: 86400,
        preflightStatus: 200,
      }),
      'OPTIONS',
      '/users',
      preflight(),
    )
    expect(trace.response?.status).toBe(200)
    expect(trace.response?.headers['access-control-allow-origin']).toBe('*')
    expect(trace.response?.headers['access-control-allow-methods']).toBe('POST')
    expect(trace.response?.headers['access-control-max-age']).toBe('86400')
    expect(trace.response?.headers).not.toHaveProperty('vary')
  })

  it('leaves the headers off for an origin it does not allow (the browser then blocks)', () => {
    const trace = send(
      withCors(),
      'OPTIONS',
      '/users',
      preflight({ origin: 'https://evil.example' }),
    )
    expect(trace.response?.headers).not.toHaveProperty('access-control-allow-origin')
    expect(find(trace, 'middleware:cors-preflight').data.rejected).toEqual(['origin'])
  })

  it('in FastAPI answers as Starlette does: 200 "OK", or 400 naming what is disallowed', () => {
    const ok = send(withCors({}, 'fastapi'), 'OPTIONS', '/users', preflight())
    expect([ok.response?.status, ok.response?.body]).toEqual([200, 'OK'])
    const bad = send(
      withCors({}, 'fastapi'),
      'OPTIONS',
      '/users',
      preflight({ 'access-control-request-headers': 'x-secret' }),
    )
    expect([bad.response?.status, bad.response?.body]).toEqual([400, 'Disallowed CORS headers'])
  })

  it('lets a plain OPTIONS (no Origin) through to the router', () => {
    const trace = send(withCors(), 'OPTIONS', '/users')
    expect(types(trace)).toContain('router:options')
  })
})

describe('cors: simple and actual requests', () => {
  it('adds Access-Control-Allow-Origin on the way out when there is an Origin', () => {
    const trace = send(withCors(), 'POST', '/users', { headers: { origin: ORIGIN } })
    expect(trace.response?.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(find(trace, 'middleware:cors-headers').data.headersAdded).toEqual([
      'access-control-allow-origin',
      'vary',
    ])
  })

  it('adds credentials and exposed headers when configured', () => {
    const trace = send(
      withCors({ allowCredentials: true, exposeHeaders: ['X-Request-ID'] }),
      'POST',
      '/users',
      {
        headers: { origin: ORIGIN },
      },
    )
    expect(trace.response?.headers).toMatchObject({
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Request-ID',
    })
  })

  it('adds nothing without an Origin header', () => {
    const trace = send(withCors(), 'POST', '/users')
    expect(trace.response?.headers).not.toHaveProperty('access-control-allow-origin')
    const exit = trace.events.find(
      (e) => e.stage === 'middleware:cors' && e.direction === 'response',
    )
    expect(exit?.data).toEqual({ name: 'cors', headersAdded: [] })
  })

  it('also marks error responses that pass back through it, such as a 404', () => {
    const trace = send(withCors(), 'GET', '/nope', { headers: { origin: ORIGIN } })
    expect(trace.response?.status).toBe(404)
    expect(trace.response?.headers['access-control-allow-origin']).toBe(ORIGIN)
  })
})
