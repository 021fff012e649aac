import { describe, expect, it } from 'vitest'
import { pyBytes } from '../../../../src/engine/framework/pyrepr'
import { app, find, route, send, types } from './driver'

const boom = route(['GET'], '/boom', { handler: { fault: { kind: 'exception' } } })

describe('server: WSGI environ (gunicorn)', () => {
  const trace = send(app(), 'POST', '/users/42?x=1', {
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  const parse = find(trace, 'server:parse')
  const environ = parse.data.data

  it('is a CGI-style dict with HTTP_ headers and wsgi.* keys', () => {
    expect(parse.data).toMatchObject({
      interface: 'WSGI',
      software: 'gunicorn',
      bodyVia: 'wsgi.input',
    })
    expect(environ).toMatchObject({
      REQUEST_METHOD: 'POST',
      SCRIPT_NAME: '',
      PATH_INFO: '/users/42',
      QUERY_STRING: 'x=1',
      SERVER_NAME: '127.0.0.1',
      SERVER_PORT: '8000',
      SERVER_PROTOCOL: 'HTTP/1.1',
      REMOTE_ADDR: '127.0.0.1',
      CONTENT_TYPE: 'application/json',
      CONTENT_LENGTH: '2',
      HTTP_HOST: 'api.example.com',
      HTTP_X_FORWARDED_PROTO: 'https',
      'wsgi.version': [1, 0],
      'wsgi.url_scheme': 'https',
      'wsgi.multiprocess': true,
      'wsgi.multithread': false,
    })
    expect(environ['wsgi.input']).toContain('gunicorn.http.body.Body')
    expect(environ).not.toHaveProperty('HTTP_CONTENT_TYPE')
  })

  it('pushes the Flask request context and pops it on the way out, before writing', () => {
    expect(find(trace, 'server:request-object').data.context).toBe(true)
    const out = trace.events.filter((e) => e.layer === 'server' && e.direction === 'response')
    expect(out.map((e) => e.type)).toEqual(['server:context-pop', 'server:write'])
  })
})

describe('server: ASGI scope (uvicorn)', () => {
  const trace = send(app({ framework: 'fastapi' }), 'GET', '/health?q=ada')
  const scope = find(trace, 'server:parse').data.data

  it('has the asgi version dict, byte strings and lower-case header pairs', () => {
    expect(scope).toMatchObject({
      type: 'http',
      asgi: { version: '3.0', spec_version: '2.4' },
      http_version: '1.1',
      scheme: 'https',
      method: 'GET',
      root_path: '',
      path: '/health',
      raw_path: "b'/health'",
      query_string: "b'q=ada'",
      server: ['127.0.0.1', 8000],
      client: ['203.0.113.7', 0],
    })
    expect(scope.headers).toContainEqual(["b'host'", "b'api.example.com'"])
    for (const pair of scope.headers as string[][]) expect(pair[0]).toBe(pair[0]!.toLowerCase())
  })

  it("writes bytes as Python's repr", () => {
    // With a ' and no " inside, Python picks double quotes: b"it's", not b'it\'s'.
    expect(pyBytes("it's")).toBe('b"it\'s"')
  })

  it('has no request context to pop', () => {
    expect(types(trace)).not.toContain('server:context-pop')
  })
})

describe('server: an exception nobody caught', () => {
  it.each([
    ['flask', 'text/html; charset=utf-8', '<title>500 Internal Server Error</title>'],
    ['django', 'text/html; charset=utf-8', '<h1>Server Error (500)</h1><p></p>'],
    ['fastapi', 'text/plain; charset=utf-8', 'Internal Server Error'],
  ] as const)('%s answers its default 500', (framework, type, text) => {
    const trace = send(app({ framework, middleware: [], routes: [boom] }), 'GET', '/boom')
    expect(trace.response?.status).toBe(500)
    expect(trace.response?.headers['content-type']).toBe(type)
    expect(trace.response?.body).toContain(text)
    const event = find(trace, 'server:exception')
    expect(event.data.traceback.at(-1)).toBe("KeyError: 'email'")
    // The traceback goes to the log, never to the client.
    expect(trace.response?.body).not.toContain('Traceback')
  })
})
