import { describe, expect, it } from 'vitest'
import { allowHeader, compilePattern, findRoute, matchPath } from '../../../../src/engine/routing'
import { app, body, find, route, send } from './driver'

describe('matchPath: converters as the frameworks define them', () => {
  it.each([
    ['/users/<int:id>', '/users/42', { id: 42 }],
    ['/users/<int:id>', '/users/abc', null],
    ['/users/<id>', '/users/abc', { id: 'abc' }],
    ['/users/<string:name>', '/users/ada', { name: 'ada' }],
    ['/files/<path:p>', '/files/a/b/c.txt', { p: 'a/b/c.txt' }],
    ['/files/<path:p>/raw', '/files/a/b/raw', { p: 'a/b' }],
    ['/price/<float:x>', '/price/9.99', { x: 9.99 }],
    ['/posts/<slug:s>', '/posts/hello-world', { s: 'hello-world' }],
    ['/users/{user_id}', '/users/42', { user_id: '42' }],
    ['/users/{id:int}', '/users/42', { id: 42 }],
    ['/users/{id:int}', '/users/x', null],
    ['/static/{p:path}', '/static/css/app.css', { p: 'css/app.css' }],
    ['/users/<name>', '/users/ada%20l', { name: 'ada l' }],
  ])('%s against %s', (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toEqual(expected)
  })

  it('counts a trailing slash, as Werkzeug, Django and Starlette do', () => {
    expect(matchPath('/users/<int:id>', '/users/42/')).toBeNull()
    expect(matchPath('/users/<int:id>/', '/users/42/')).toEqual({ id: 42 })
  })

  it('splits a pattern into typed segments', () => {
    expect(compilePattern('/users/<int:id>/orders/{order_id}')).toEqual([
      { kind: 'static', text: 'users' },
      { kind: 'param', name: 'id', type: 'int' },
      { kind: 'static', text: 'orders' },
      { kind: 'param', name: 'order_id', type: 'str' },
    ])
  })
})

describe('findRoute', () => {
  const routes = [
    route(['GET'], '/users/<int:id>'),
    route(['DELETE'], '/users/<int:id>', { endpoint: 'delete_user' }),
    route(['GET'], '/health'),
  ]

  it('records every pattern tried until the first full match', () => {
    const { tried, match } = findRoute(routes, 'DELETE', '/users/7')
    expect(match?.route.endpoint).toBe('delete_user')
    expect(tried.map((t) => [t.pattern, t.pathMatched])).toEqual([
      ['/users/<int:id>', true],
      ['/users/<int:id>', true],
    ])
  })

  it('lets HEAD use a GET route and lists HEAD and OPTIONS as allowed', () => {
    expect(findRoute(routes, 'HEAD', '/health').match?.route.pattern).toBe('/health')
    expect(findRoute(routes, 'PUT', '/users/7').allowed.sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'OPTIONS',
    ])
  })

  it('orders Allow as each framework does', () => {
    const methods = ['POST', 'GET', 'OPTIONS', 'HEAD', 'GET']
    expect(allowHeader(methods, 'flask')).toBe('GET, HEAD, OPTIONS, POST')
    expect(allowHeader(methods, 'django')).toBe('GET, POST, HEAD, OPTIONS')
  })
})

describe('routerStage', () => {
  const scenario = app({
    routes: [route(['DELETE'], '/users/<int:id>', { endpoint: 'delete_user' })],
  })

  it("answers 404 itself with the tried patterns, in Flask's HTML", () => {
    const trace = send(scenario, 'GET', '/nope')
    const event = find(trace, 'router:not-found')
    expect(event.direction).toBe('response')
    expect(event.data.tried.every((t) => !t.pathMatched)).toBe(true)
    expect(trace.response?.status).toBe(404)
    expect(trace.response?.body).toContain('<title>404 Not Found</title>')
  })

  it('answers 405 with an Allow header listing every method of the path', () => {
    const trace = send(scenario, 'PUT', '/users/42')
    expect(trace.response?.status).toBe(405)
    expect(trace.response?.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS')
    expect(find(trace, 'router:method-not-allowed').data.allowed).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
    ])
    expect(trace.events.some((e) => e.layer === 'validation')).toBe(false)
  })

  it("keeps Starlette's quirk: FastAPI's 405 lists only the first matching route", () => {
    const fastapi = app({
      framework: 'fastapi',
      routes: [route(['POST'], '/items'), route(['DELETE'], '/items')],
    })
    const trace = send(fastapi, 'PUT', '/items')
    expect(trace.response?.status).toBe(405)
    expect(trace.response?.headers.allow).toBe('POST')
    expect(body(trace)).toEqual({ detail: 'Method Not Allowed' })
  })

  it('runs the GET view for HEAD; the server drops the body but keeps Content-Length', () => {
    const trace = send(scenario, 'HEAD', '/users/42')
    expect(find(trace, 'handler:return').response?.body).not.toBe('')
    expect(trace.response?.body).toBe('')
    expect(Number(trace.response?.headers['content-length'])).toBeGreaterThan(0)
    expect(find(trace, 'server:write').data.bodyOmitted).toBe(true)
  })

  it('answers OPTIONS itself in Flask and Django, not in FastAPI', () => {
    const flask = send(scenario, 'OPTIONS', '/users/42')
    expect(flask.response?.status).toBe(200)
    expect(flask.response?.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS')
    const django = send(app({ framework: 'django' }), 'OPTIONS', '/users/42')
    expect(django.response?.headers.allow).toBe('GET, HEAD, OPTIONS')
    const fastapi = send(app({ framework: 'fastapi' }), 'OPTIONS', '/health')
    expect(fastapi.response?.status).toBe(405)
  })

  it("writes each framework's own 404", () => {
    expect(send(app({ framework: 'fastapi' }), 'GET', '/x').response?.body).toBe(
      '{"detail":"Not Found"}',
    )
    expect(send(app({ framework: 'django' }), 'GET', '/x').response?.body).toContain(
      '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
    )
  })
})
