import { describe, expect, it } from 'vitest'
import { ScenarioError, parseScenario } from '../../../../src/engine'
import { demoApp } from '../../../../src/engine/scenarios/demoApp'

const json = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value))
const withMiddleware = (...middleware: unknown[]) => ({ ...json(demoApp), middleware })
const withRoute = (routeChanges: Record<string, unknown>, framework = 'flask') => {
  const base = json(demoApp)
  const routes = base.routes as Record<string, unknown>[]
  return { ...base, framework, routes: [{ ...routes[0], ...routeChanges }] }
}
const withHandler = (handlerChanges: Record<string, unknown>) => {
  const route = (json(demoApp).routes as Record<string, unknown>[])[0]!
  return withRoute({ handler: { ...(route.handler as object), ...handlerChanges } })
}

/** The ScenarioError `parseScenario` throws: its path and message. */
const failure = (input: unknown): { path: string; message: string } => {
  try {
    parseScenario(input)
  } catch (error) {
    if (error instanceof ScenarioError) return { path: error.path, message: error.message }
    throw error
  }
  throw new Error('parseScenario accepted it')
}

describe('parseScenario: the app side', () => {
  it('still reads a scenario written before the new fields existed', () => {
    expect(parseScenario(json(demoApp))).toEqual(demoApp)
  })

  it('asks a "text" view for a string body, at the field', () => {
    const route = {
      ...demoApp.routes[0]!,
      handler: { ...demoApp.routes[0]!.handler, kind: 'text' },
    }
    expect(failure(json({ ...demoApp, routes: [route] }))).toEqual({
      path: 'routes[0].handler.body',
      message: expect.stringMatching(/a "text" view returns a string/),
    })
    const ok = { ...route, handler: { ...route.handler, body: 'OK' } }
    expect(parseScenario(json({ ...demoApp, routes: [ok] })).routes[0]!.handler.kind).toBe('text')
  })

  it('keeps optional fields optional: nothing is added that the JSON did not say', () => {
    const parsed = parseScenario(withMiddleware({ kind: 'cors' }, { kind: 'auth' }))
    expect(parsed.middleware).toEqual([{ kind: 'cors' }, { kind: 'auth' }])
  })

  it('reads every middleware with its options', () => {
    const all = [
      { kind: 'logging', responseTimeHeader: false },
      {
        kind: 'cors',
        allowOrigins: ['*'],
        allowMethods: ['GET'],
        maxAge: 60,
        preflightStatus: 200,
      },
      {
        kind: 'session',
        cookieName: 'sid',
        store: 'database',
        maxAge: null,
        sessions: { k: { user: 'ada' } },
      },
      {
        kind: 'auth',
        scheme: 'either',
        users: [{ name: 'kim', token: 't', roles: ['x'] }],
        exempt: ['/login'],
      },
      { kind: 'authorization', rules: [{ path: '/admin', methods: ['GET'], roles: ['admin'] }] },
      { kind: 'errors', message: 'Oops', position: 'before-router' },
      { kind: 'compression', minimumSize: 100, level: 6 },
      {
        kind: 'rateLimit',
        limit: 5,
        windowSeconds: 60,
        used: 2,
        key: 'user',
        position: 'after-router',
      },
    ]
    expect(parseScenario(withMiddleware(...all)).middleware).toEqual(all)
  })

  it('expands shorthands for fields and dependencies', () => {
    const parsed = parseScenario(
      withRoute(
        { body: { email: 'email', age: { type: 'int', required: false } }, depends: ['get_db'] },
        'fastapi',
      ),
    )
    expect(parsed.routes[0]!.body).toEqual({
      email: { type: 'email' },
      age: { type: 'int', required: false },
    })
    expect(parsed.routes[0]!.depends).toEqual([{ name: 'get_db' }])
  })

  it('defaults a 204 handler to an empty body', () => {
    const parsed = parseScenario(withHandler({ kind: undefined, status: 204 }))
    expect(parsed.routes[0]!.handler.kind).toBe('empty')
  })

  it.each([
    [withMiddleware({ kind: 'firewall' }), 'middleware[0].kind', '"logging", "cors", "auth"'],
    [
      withMiddleware({ kind: 'cors', maxage: 5 }),
      'middleware[0].maxage',
      'allowed: "kind", "position", "allowOrigins"',
    ],
    [
      withMiddleware({ kind: 'cors', allowOrigins: ['app.example.com'] }),
      'middleware[0].allowOrigins[0]',
      'https://app.example.com',
    ],
    [
      withMiddleware({ kind: 'cors', preflightStatus: 201 }),
      'middleware[0].preflightStatus',
      '200 or 204',
    ],
    [
      withMiddleware({ kind: 'logging', position: 'inside' }),
      'middleware[0].position',
      '"before-router", "after-router"',
    ],
    [withMiddleware({ kind: 'compression', level: 12 }), 'middleware[0].level', 'from 1 to 9'],
    [
      withMiddleware({ kind: 'auth', users: [{ token: 'x' }] }),
      'middleware[0].users[0].name',
      'non-empty string',
    ],
    [
      withMiddleware({ kind: 'authorization', rules: [{ path: 'admin', roles: [] }] }),
      'middleware[0].rules[0].path',
      'start with "/"',
    ],
    [
      withMiddleware({ kind: 'session', store: 'redis' }),
      'middleware[0].store',
      '"cookie", "database"',
    ],
    [withMiddleware({ kind: 'rateLimit', limit: 0 }), 'middleware[0].limit', 'from 1 to'],
    [withRoute({ depends: ['get_db'] }), 'routes[0].depends', "FastAPI's dependency injection"],
    [withRoute({ params: { id: 'int' } }), 'routes[0].params', '<int:id>'],
    [
      withRoute({ depends: [{ name: 'get_user', uses: ['get_db'] }] }, 'fastapi'),
      'routes[0].depends[0].uses[0]',
      'declare it too',
    ],
    [
      withRoute(
        {
          depends: [
            { name: 'a', uses: ['b'] },
            { name: 'b', uses: ['a'] },
          ],
        },
        'fastapi',
      ),
      'routes[0].depends',
      'cycle a → b → a',
    ],
    [
      withRoute({ body: { email: { type: 'string' } } }),
      'routes[0].body.email.type',
      '"str", "int", "float", "bool", "email"',
    ],
    [
      withRoute({ body: { 'first-name': 'str' } }),
      'routes[0].body.first-name',
      'Python identifiers',
    ],
    [withRoute({ roles: 'admin' }), 'routes[0].roles', 'must be an array'],
    [
      withHandler({ fault: { kind: 'crash' } }),
      'routes[0].handler.fault.kind',
      '"exception", "slow-query"',
    ],
    [
      withHandler({ fault: { kind: 'exception', exception: 'not a class' } }),
      'routes[0].handler.fault.exception',
      'KeyError',
    ],
    [withHandler({ status: 204, kind: 'json' }), 'routes[0].handler.kind', 'use "empty"'],
    [withHandler({ kind: 'xml' }), 'routes[0].handler.kind', '"json", "html", "text", "empty"'],
    [withHandler({ location: 'users/1' }), 'routes[0].handler.location', '"/users/{id}"'],
    [
      withHandler({ calls: [{ service: 'pay', url: '/charge', ms: 5 }] }),
      'routes[0].handler.calls[0].url',
      'absolute',
    ],
    [
      withHandler({ session: { set: 'ada' } }),
      'routes[0].handler.session.set',
      'must be an object',
    ],
    [
      withHandler({ headers: { 'bad header': 'x' } }),
      'routes[0].handler.headers.bad header',
      'header name',
    ],
  ])('names the bad field: %#', (input, path, hint) => {
    const { path: got, message } = failure(input)
    expect(got).toBe(path)
    expect(message).toContain(hint)
    expect(message.startsWith(`${path}: `)).toBe(true)
  })
})
