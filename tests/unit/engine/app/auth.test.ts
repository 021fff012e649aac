import { describe, expect, it } from 'vitest'
import type { MiddlewareSpec } from '../../../../src/engine'
import { app, body, find, route, send, types } from './driver'

const AUTH: MiddlewareSpec = { kind: 'auth' }
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('auth middleware', () => {
  const scenario = app({ middleware: [AUTH] })

  it('lets a known Bearer token through and records who is calling', () => {
    const trace = send(scenario, 'GET', '/users/42', bearer('ada-admin-token'))
    expect(trace.response?.status).toBe(200)
    expect(find(trace, 'middleware:auth-ok').data).toEqual({
      user: 'ada',
      roles: ['admin'],
      via: 'bearer',
    })
  })

  it.each([
    [{}, 'missing-credentials', 'Bearer realm="api"'],
    [bearer('wrong'), 'invalid-token', 'Bearer realm="api", error="invalid_token"'],
    [
      { headers: { authorization: 'Basic YWRhOnB3' } },
      'malformed-header',
      'Bearer realm="api", error="invalid_token"',
    ],
  ])('rejects %j with 401 (%s) and WWW-Authenticate', (options, reason, challenge) => {
    const trace = send(scenario, 'GET', '/users/42', options)
    expect(trace.response?.status).toBe(401)
    expect(trace.response?.headers['www-authenticate']).toBe(challenge)
    expect(find(trace, 'middleware:auth-reject').data.reason).toBe(reason)
    expect(types(trace)).not.toContain('router:match')
  })

  it("writes each framework's 401 body", () => {
    const fastapi = send(app({ framework: 'fastapi', middleware: [AUTH] }), 'GET', '/health')
    expect(body(fastapi)).toEqual({ detail: 'Not authenticated' })
    const django = send(
      app({ framework: 'django', middleware: [AUTH] }),
      'GET',
      '/health',
      bearer('x'),
    )
    expect(body(django)).toEqual({ detail: 'Invalid token.' })
  })

  it('skips exempt paths and uses configured users and realm', () => {
    const custom = app({
      middleware: [
        { kind: 'auth', exempt: ['/health'], realm: 'shop', users: [{ name: 'kim', token: 'k1' }] },
      ],
    })
    expect(send(custom, 'GET', '/health').response?.status).toBe(200)
    expect(find(send(custom, 'GET', '/health'), 'middleware:auth-check').data.exempt).toBe(true)
    expect(send(custom, 'GET', '/users/1', bearer('k1')).response?.status).toBe(200)
    expect(
      send(custom, 'GET', '/users/1', bearer('ada-admin-token')).response?.headers[
        'www-authenticate'
      ],
    ).toBe('Bearer realm="shop", error="invalid_token"')
  })

  it('needs the session middleware outside it for session auth', () => {
    const inside = app({ middleware: [{ kind: 'auth', scheme: 'session' }, { kind: 'session' }] })
    expect(find(send(inside, 'GET', '/health'), 'middleware:auth-reject').data.reason).toBe(
      'no-session',
    )
  })
})

describe('authorization middleware', () => {
  const scenario = app({
    middleware: [AUTH, { kind: 'authorization' }],
    routes: [
      route(['DELETE'], '/users/<int:id>', { handler: { kind: 'empty', status: 204, body: null } }),
    ],
  })

  it('lets a user with the role through', () => {
    expect(send(scenario, 'DELETE', '/users/1', bearer('ada-admin-token')).response?.status).toBe(
      204,
    )
  })

  it('answers 403 to a known user without the role', () => {
    const trace = send(scenario, 'DELETE', '/users/1', bearer('grace-staff-token'))
    expect(trace.response?.status).toBe(403)
    expect(find(trace, 'middleware:authz-reject').data).toEqual({
      user: 'grace',
      roles: ['staff'],
      required: ['admin'],
      status: 403,
    })
  })

  it('applies no rule where none matches', () => {
    const trace = send(scenario, 'GET', '/users/1', bearer('grace-staff-token'))
    expect(trace.response?.status).toBe(200)
    expect(find(trace, 'middleware:authz-check').data.source).toBe('none')
  })

  it("after the router, uses the view's own roles", () => {
    const routed = app({
      middleware: [AUTH, { kind: 'authorization', position: 'after-router' }],
      routes: [route(['GET'], '/reports', { endpoint: 'reports', roles: ['staff'] })],
    })
    const trace = send(routed, 'GET', '/reports', bearer('grace-staff-token'))
    expect(trace.response?.status).toBe(200)
    expect(find(trace, 'middleware:authz-check').data).toMatchObject({
      source: 'route',
      rule: 'reports()',
    })
    expect(send(routed, 'GET', '/reports', bearer('ada-admin-token')).response?.status).toBe(403)
  })

  it("writes FastAPI's 403 as JSON", () => {
    const fastapi = app({
      framework: 'fastapi',
      middleware: [AUTH, { kind: 'authorization', rules: [{ path: '/health', roles: ['ops'] }] }],
    })
    expect(body(send(fastapi, 'GET', '/health', bearer('ada-admin-token')))).toEqual({
      detail: 'Not enough permissions',
    })
  })
})
