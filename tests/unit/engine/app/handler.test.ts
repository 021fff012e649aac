import { describe, expect, it } from 'vitest'
import { pyJson } from '../../../../src/engine/framework/json'
import { app, body, find, route, send, types } from './driver'

const QUERIES = [
  { sql: 'SELECT * FROM users WHERE id = %s', ms: 5, rows: 1 },
  { sql: 'SELECT * FROM orders WHERE user_id = %s', ms: 8, rows: 3 },
]

describe("handler: queries, calls and the view's own code", () => {
  it('times each query and external call as its own event, in order', () => {
    const scenario = app({
      routes: [
        route(['GET'], '/dash', {
          handler: {
            queries: QUERIES,
            calls: [
              {
                service: 'weather',
                method: 'GET',
                url: 'https://weather.example/v1',
                ms: 80,
                status: 200,
              },
            ],
            computeMs: 4,
          },
        }),
      ],
    })
    const trace = send(scenario, 'GET', '/dash')
    const handler = trace.events.filter((e) => e.layer === 'handler')
    expect(handler.map((e) => e.type)).toEqual([
      'handler:call',
      'handler:db-query',
      'handler:db-query',
      'handler:external-call',
      'handler:logic',
      'handler:return',
    ])
    const call = find(trace, 'handler:external-call')
    expect(call.duration).toBeGreaterThan(70)
    expect(call.duration).toBeLessThan(90)
  })

  it("a slow-query fault slows one query; the view's code stays a few ms", () => {
    const scenario = app({
      routes: [
        route(['GET'], '/orders', {
          handler: {
            queries: QUERIES,
            computeMs: 3,
            fault: { kind: 'slow-query', query: 1, ms: 300 },
          },
        }),
      ],
    })
    const trace = send(scenario, 'GET', '/orders')
    const queries = trace.events.filter((e) => e.type === 'handler:db-query')
    expect(queries.map((q) => q.type === 'handler:db-query' && q.data.slow)).toEqual([false, true])
    // The fault's figure is the trace's figure: the Code tab and the editor show the same 300 ms.
    expect(queries[1]!.duration).toBe(300)
    expect(find(trace, 'handler:db-query').data.usualMs).toBe(5)
    expect(find(trace, 'handler:logic').duration).toBeLessThan(5)
  })

  it('an exception fault raises after the configured number of queries, with a traceback', () => {
    const scenario = app({
      middleware: [{ kind: 'errors' }],
      routes: [
        route(['GET'], '/boom', {
          endpoint: 'boom',
          handler: {
            queries: QUERIES,
            fault: { kind: 'exception', exception: 'ZeroDivisionError', afterQueries: 1 },
          },
        }),
      ],
    })
    const trace = send(scenario, 'GET', '/boom')
    expect(types(trace).filter((t) => t === 'handler:db-query')).toHaveLength(1)
    const raised = find(trace, 'handler:raise')
    expect(raised.direction).toBe('response')
    expect(raised.data.traceback[0]).toBe('Traceback (most recent call last):')
    expect(raised.data.traceback.at(-1)).toBe('ZeroDivisionError: division by zero')
    expect(raised.data.traceback.join('\n')).toContain('in boom')
    expect(types(trace)).not.toContain('handler:return')
  })
})

describe('handler: serialization', () => {
  const data = { name: 'Zoë', id: 1, tags: ['a', 'b'] }

  it('writes JSON the way each framework does', () => {
    expect(pyJson('flask', data)).toBe('{"id":1,"name":"Zo\\u00eb","tags":["a","b"]}\n')
    expect(pyJson('django', data)).toBe('{"name": "Zo\\u00eb", "id": 1, "tags": ["a", "b"]}')
    expect(pyJson('fastapi', data)).toBe('{"name":"Zoë","id":1,"tags":["a","b"]}')
  })

  it('answers a POST create with 201 and a Location built from the new id', () => {
    const scenario = app({
      routes: [route(['POST'], '/users', { handler: { status: 201, body: { id: 43 } } })],
    })
    const trace = send(scenario, 'POST', '/users')
    expect(trace.response?.status).toBe(201)
    expect(trace.response?.headers.location).toBe('/users/43')
    expect(find(trace, 'handler:return').data.location).toBe('/users/43')
  })

  it('fills an explicit Location template', () => {
    const scenario = app({
      routes: [
        route(['POST'], '/teams/<int:team>/members', {
          handler: { status: 201, body: { id: 9 }, location: '/teams/{team}/members/{id}' },
        }),
      ],
    })
    expect(send(scenario, 'POST', '/teams/3/members').response?.headers.location).toBe(
      '/teams/3/members/9',
    )
  })

  it('sends 204 with no body and no Content-Length; Flask still labels it text/html', () => {
    const del = (framework: 'flask' | 'fastapi') =>
      send(
        app({
          framework,
          routes: [
            route(['DELETE'], '/users/<int:id>', {
              handler: { kind: 'empty', status: 204, body: null },
            }),
          ],
        }),
        'DELETE',
        '/users/1',
      )
    const flask = del('flask')
    expect(flask.response?.status).toBe(204)
    expect(flask.response?.body).toBe('')
    expect(flask.response?.headers).not.toHaveProperty('content-length')
    expect(flask.response?.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(del('fastapi').response?.headers).not.toHaveProperty('content-type')
  })

  it('renders a template to escaped HTML, with a render event', () => {
    const scenario = app({
      routes: [
        route(['GET'], '/p/<int:id>', {
          handler: { kind: 'html', body: { name: '<script>x</script>', id: '{id}' } },
        }),
      ],
    })
    const trace = send(scenario, 'GET', '/p/5')
    expect(trace.response?.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(trace.response?.body).toContain('&lt;script&gt;x&lt;/script&gt;')
    expect(trace.response?.body).toContain('<dd>5</dd>')
    expect(find(trace, 'handler:render').data).toMatchObject({
      template: 'view.html',
      engine: 'Jinja2',
    })
  })

  it('passes Django views the request first', () => {
    const trace = send(app({ framework: 'django' }), 'GET', '/users/42')
    expect(Object.keys(find(trace, 'handler:call').data.args)).toEqual(['request', 'id'])
    expect(body(trace)).toMatchObject({ id: 42 })
  })
})

describe('handler: session writes', () => {
  const login = route(['POST'], '/login', { handler: { session: { set: { user: 'ada' } } } })

  it.each([
    ['flask', 'RuntimeError'],
    ['django', 'AttributeError'],
    ['fastapi', 'AssertionError'],
  ] as const)('%s without session support raises %s', (framework, exception) => {
    const trace = send(app({ framework, middleware: [], routes: [login] }), 'POST', '/login')
    expect(find(trace, 'handler:raise').data.exception).toBe(exception)
    expect(trace.response?.status).toBe(500)
  })
})

describe('handler: a view that returns a bare string', () => {
  const statusRoute = (framework: 'flask' | 'django' | 'fastapi') =>
    app({
      framework,
      routes: [
        route(['GET'], '/users/<int:id>/status', {
          endpoint: 'user_status',
          handler: { kind: 'text', status: 200, body: 'User {id} is active', computeMs: 0.5 },
        }),
      ],
    })

  it.each(['flask', 'django'] as const)(
    '%s sends the string as it is, labelled text/html (what the real servers do)',
    (framework) => {
      const trace = send(statusRoute(framework), 'GET', '/users/42/status')
      expect(trace.response?.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(trace.response?.body).toBe('User 42 is active')
      expect(find(trace, 'handler:return').data.kind).toBe('text')
    },
  )

  it('FastAPI encodes the string as JSON: quotes included, application/json', () => {
    const trace = send(statusRoute('fastapi'), 'GET', '/users/42/status')
    expect(trace.response?.headers['content-type']).toBe('application/json')
    expect(trace.response?.body).toBe('"User 42 is active"')
    expect(body(trace)).toBe('User 42 is active')
  })
})
