import { describe, expect, it } from 'vitest'
import { findScenario, simulate } from '../../../../src/engine'
import { signedSessionCookie } from '../../../../src/engine/middleware/session'
import { app, find, route, send, types } from './driver'

const login = route(['POST'], '/login', { handler: { session: { set: { user: 'ada' } } } })
const logout = route(['POST'], '/logout', { handler: { session: { clear: true } } })
const whoami = route(['GET'], '/me')

describe('session middleware: signed cookie (Flask, Starlette)', () => {
  const flask = app({ middleware: [{ kind: 'session' }], routes: [login, whoami, logout] })

  it('starts a new session when there is no cookie, and saves nothing if unchanged', () => {
    const trace = send(flask, 'GET', '/me')
    expect(find(trace, 'middleware:session-load').data).toMatchObject({
      found: false,
      signature: 'none',
      data: {},
    })
    expect(trace.response?.headers).not.toHaveProperty('set-cookie')
  })

  it('saves what the view wrote as Set-Cookie, HttpOnly, Path=/', () => {
    const trace = send(flask, 'POST', '/login')
    const save = find(trace, 'middleware:session-save')
    expect(save.data.data).toEqual({ user: 'ada' })
    expect(trace.response?.headers['set-cookie']).toMatch(
      /^session=[\w-]+\.[\w-]+\.[\w-]+; HttpOnly; Path=\/$/,
    )
    expect(trace.response?.headers.vary).toBe('Cookie')
  })

  it('loads a session from a cookie it signed, and refuses a tampered one', () => {
    const cookie = signedSessionCookie({ user: 'grace' })
    const ok = send(flask, 'GET', '/me', { headers: { cookie: `theme=dark; session=${cookie}` } })
    expect(find(ok, 'middleware:session-load').data).toMatchObject({
      found: true,
      signature: 'valid',
      data: { user: 'grace' },
    })
    const forged = cookie.replace(/^[^.]+/, 'eyJ1c2VyIjoiYWRhIn0')
    const bad = send(flask, 'GET', '/me', { headers: { cookie: `session=${forged}` } })
    expect(find(bad, 'middleware:session-load').data).toMatchObject({
      found: false,
      signature: 'invalid',
      data: {},
    })
  })

  it('round-trips: the cookie the login sets logs the next request in', () => {
    const setCookie = send(flask, 'POST', '/login').response?.headers['set-cookie'] ?? ''
    const next = send(flask, 'GET', '/me', { headers: { cookie: setCookie.split(';')[0]! } })
    expect(find(next, 'middleware:session-load').data.data).toEqual({ user: 'ada' })
  })

  it("writes Starlette's lower-case attributes for FastAPI", () => {
    const fastapi = app({
      framework: 'fastapi',
      middleware: [{ kind: 'session' }],
      routes: [login],
    })
    expect(send(fastapi, 'POST', '/login').response?.headers['set-cookie']).toMatch(
      /; path=\/; Max-Age=1209600; httponly; samesite=lax$/,
    )
  })
})

describe('session middleware: database store (Django)', () => {
  const django = app({
    framework: 'django',
    middleware: [{ kind: 'session', sessions: { abc123: { user: 'grace' } } }],
    routes: [login, whoami],
  })

  it('looks the key up in django_session', () => {
    const trace = send(django, 'GET', '/me', { headers: { cookie: 'sessionid=abc123' } })
    expect(find(trace, 'middleware:session-load').data).toMatchObject({
      cookieName: 'sessionid',
      store: 'database',
      found: true,
      data: { user: 'grace' },
    })
  })

  it("saves under a new 32-character key with Django's cookie attributes", () => {
    const cookie = send(django, 'POST', '/login').response?.headers['set-cookie']
    expect(cookie).toMatch(
      /^sessionid=[a-z0-9]{32}; HttpOnly; Max-Age=1209600; Path=\/; SameSite=Lax$/,
    )
  })

  it('keeps the existing key when the session already exists', () => {
    const cookie = send(django, 'POST', '/login', { headers: { cookie: 'sessionid=abc123' } })
      .response?.headers['set-cookie']
    expect(cookie).toMatch(/^sessionid=abc123;/)
  })

  it('clears the session on logout', () => {
    const flask = app({ middleware: [{ kind: 'session' }], routes: [logout] })
    const trace = send(flask, 'POST', '/logout', {
      headers: { cookie: `session=${signedSessionCookie({ user: 'ada' })}` },
    })
    expect(find(trace, 'middleware:session-save').data.data).toEqual({})
    expect(types(trace)).toContain('handler:logic')
  })
})

describe("session middleware with the browser's cookie jar", () => {
  it('logs the next request in: the jar stores Set-Cookie and sends it back', () => {
    const curated = findScenario('login-session')!
    const first = simulate({ scenario: curated.scenario, request: curated.request })
    const next = simulate({
      scenario: curated.scenario,
      request: { method: 'GET', url: 'https://api.example.com/users/42' },
      connection: first.connection,
    })
    expect(find(next, 'middleware:session-load').data).toMatchObject({
      found: true,
      data: { user: 'ada' },
    })
  })
})
