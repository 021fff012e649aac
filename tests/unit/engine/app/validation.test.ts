import { describe, expect, it } from 'vitest'
import type { RouteSpec } from '../../../../src/engine'
import { parsePythonJson } from '../../../../src/engine/framework/pyjson'
import { app, body, find, route, send, types } from './driver'

const JSON_TYPE = { 'content-type': 'application/json' }
const createUser = (extra: Partial<RouteSpec> = {}): RouteSpec =>
  route(['POST'], '/users', {
    endpoint: 'create_user',
    body: {
      name: { type: 'str' },
      email: { type: 'email' },
      age: { type: 'int', required: false },
    },
    handler: { status: 201, body: { id: 1, name: '{name}', age: '{age}' } },
    ...extra,
  })

describe("Flask: request.get_json() and the view's own checks", () => {
  const flask = app({ routes: [createUser()] })

  it("refuses a body that is not labelled JSON with 415, in Werkzeug's words", () => {
    const trace = send(flask, 'POST', '/users', {
      headers: { 'content-type': 'text/plain' },
      body: '{"name": "Ada"}',
    })
    expect(trace.response?.status).toBe(415)
    expect(trace.response?.body).toContain(
      'Did not attempt to load JSON data because the request Content-Type was not &#39;application/json&#39;.',
    )
    expect(find(trace, 'validation:error').data).toMatchObject({
      status: 415,
      reason: 'unsupported-media-type',
      by: 'werkzeug',
    })
    expect(types(trace)).not.toContain('handler:call')
  })

  it('answers malformed JSON with a plain 400 that hides the decode error (not debug mode)', () => {
    const trace = send(flask, 'POST', '/users', { headers: JSON_TYPE, body: '{"name": ' })
    expect(trace.response?.status).toBe(400)
    expect(trace.response?.body).toContain(
      '<p>The browser (or proxy) sent a request that this server could not understand.</p>',
    )
    expect(find(trace, 'validation:parse-body').data).toMatchObject({
      api: 'request.get_json()',
      ok: false,
    })
  })

  it('accepts a +json media type', () => {
    const trace = send(flask, 'POST', '/users', {
      headers: { 'content-type': 'application/vnd.api+json' },
      body: '{"name": "Ada", "email": "ada@example.com"}',
    })
    expect(trace.response?.status).toBe(201)
  })

  it("reports missing and mistyped fields as marshmallow does, in Flask's JSON", () => {
    const trace = send(flask, 'POST', '/users', {
      headers: JSON_TYPE,
      body: '{"name": 7, "age": "old"}',
    })
    expect(trace.response?.status).toBe(400)
    expect(trace.response?.body).toBe(
      '{"errors":{"age":["Not a valid integer."],"email":["Missing data for required field."],"name":["Not a valid string."]}}\n',
    )
  })

  it('turns a missing required query argument into a 400 (BadRequestKeyError)', () => {
    const search = app({ routes: [route(['GET'], '/search', { query: { q: { type: 'str' } } })] })
    expect(send(search, 'GET', '/search').response?.status).toBe(400)
    expect(send(search, 'GET', '/search?q=ada').response?.status).toBe(200)
  })

  it("fills the view's answer from the validated body", () => {
    const trace = send(flask, 'POST', '/users', {
      headers: JSON_TYPE,
      body: '{"name": "Ada", "email": "ada@example.com", "age": 36}',
    })
    expect(body(trace)).toEqual({ id: 1, name: 'Ada', age: 36 })
  })
})

describe('Django: a form bound to request.POST', () => {
  const django = app({ framework: 'django', routes: [createUser()] })
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

  it('accepts a valid form', () => {
    const trace = send(django, 'POST', '/users', {
      headers: FORM,
      body: 'name=Ada&email=ada%40example.com',
    })
    expect(trace.response?.status).toBe(201)
    expect(find(trace, 'validation:parse-body').data.api).toBe('request.POST')
  })

  it('answers 400 with form.errors, written as json.dumps writes it', () => {
    const trace = send(django, 'POST', '/users', { headers: FORM, body: 'email=nope&age=3.5' })
    expect(trace.response?.status).toBe(400)
    expect(trace.response?.body).toBe(
      '{"errors": {"name": ["This field is required."], "email": ["Enter a valid email address."], "age": ["Enter a whole number."]}}',
    )
    expect(find(trace, 'validation:error').data.by).toBe('django-form')
  })

  it('leaves request.POST empty for other content types, so required fields are missing', () => {
    const trace = send(django, 'POST', '/users', {
      headers: { 'content-type': 'text/plain' },
      body: 'name=Ada&email=ada@example.com',
    })
    expect(trace.response?.status).toBe(400)
    expect(Object.keys(find(trace, 'validation:error').data.fields)).toEqual(['name', 'email'])
  })

  it('reads a JSON body with json.loads and rejects a malformed one', () => {
    const ok = send(django, 'POST', '/users', {
      headers: JSON_TYPE,
      body: '{"name": "Ada", "email": "ada@example.com"}',
    })
    expect(ok.response?.status).toBe(201)
    const bad = send(django, 'POST', '/users', { headers: JSON_TYPE, body: '{' })
    expect(bad.response?.status).toBe(400)
    expect(body(bad)).toEqual({ error: 'Invalid JSON' })
  })
})

describe('FastAPI: Depends() and pydantic', () => {
  const fastapi = app({
    framework: 'fastapi',
    routes: [
      createUser({
        depends: [
          { name: 'get_current_user', uses: ['get_db'] },
          { name: 'get_db', ms: 0.5 },
        ],
      }),
      route(['GET'], '/items/{item_id}', {
        endpoint: 'read_item',
        params: { item_id: 'int' },
        query: { limit: { type: 'int' }, verbose: { type: 'bool', required: false } },
        handler: { body: { id: '{item_id}', limit: '{limit}' } },
      }),
    ],
  })
  const post = (text: string, headers: Record<string, string> = JSON_TYPE) =>
    send(fastapi, 'POST', '/users', { headers, body: text })

  it('writes the 422 detail exactly as FastAPI does', () => {
    const trace = post('{"name": "Ada"}')
    expect(trace.response?.status).toBe(422)
    expect(trace.response?.body).toBe(
      '{"detail":[{"type":"missing","loc":["body","email"],"msg":"Field required","input":{"name":"Ada"}}]}',
    )
    expect(trace.response?.statusText).toBe('Unprocessable Content')
  })

  it('reports a JSON decode error with its position, before any dependency runs', () => {
    const trace = post('{"name": }')
    expect(body(trace)).toEqual({
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 9],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting value' },
        },
      ],
    })
    expect(types(trace)).not.toContain('validation:depends')
  })

  it("explains a bad email with email-validator's reason", () => {
    const detail = (
      body(post('{"name": "Ada", "email": "ada.example.com"}')) as { detail: unknown[] }
    ).detail
    expect(detail).toEqual([
      {
        type: 'value_error',
        loc: ['body', 'email'],
        msg: 'value is not a valid email address: An email address must have an @-sign.',
        input: 'ada.example.com',
        ctx: { reason: 'An email address must have an @-sign.' },
      },
    ])
  })

  it('reports a non-object body and a missing body', () => {
    expect((body(post('[1, 2]')) as { detail: unknown[] }).detail).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: [1, 2],
      },
    ])
    expect((body(post('')) as { detail: unknown[] }).detail).toEqual([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ])
  })

  it('validates path, then query, collecting every error', () => {
    const trace = send(fastapi, 'GET', '/items/abc?verbose=maybe')
    expect(
      (body(trace) as { detail: { loc: unknown[]; type: string }[] }).detail.map((d) => [
        d.loc,
        d.type,
      ]),
    ).toEqual([
      [['path', 'item_id'], 'int_parsing'],
      [['query', 'limit'], 'missing'],
      [['query', 'verbose'], 'bool_parsing'],
    ])
  })

  it('hands the view typed values', () => {
    expect(body(send(fastapi, 'GET', '/items/5?limit=10'))).toEqual({ id: 5, limit: 10 })
  })

  it('resolves sub-dependencies first and each dependency once per request', () => {
    const trace = post('{"name": "Ada", "email": "ada@example.com"}')
    const resolved = trace.events.flatMap((e) =>
      e.type === 'validation:depends' ? [[e.data.chain.join(' → '), e.data.cached]] : [],
    )
    expect(resolved).toEqual([
      ['create_user → get_current_user → get_db', false],
      ['create_user → get_current_user', false],
      ['create_user → get_db', true],
    ])
    expect(trace.response?.status).toBe(201)
  })

  it('runs the dependencies even when pydantic then rejects the body', () => {
    expect(types(post('{}'))).toContain('validation:depends')
  })
})

describe('parsePythonJson: json.loads messages and positions', () => {
  it.each([
    ['', 'Expecting value', 0],
    ['{"a" 1}', "Expecting ':' delimiter", 5],
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes', 8],
    ['[1 2]', "Expecting ',' delimiter", 3],
    ['{"a": "x', 'Unterminated string starting at', 6],
    ['{} x', 'Extra data', 3],
    ["{'a': 1}", 'Expecting property name enclosed in double quotes', 1],
  ])('%j', (text, msg, pos) => {
    expect(parsePythonJson(text)).toEqual({ ok: false, msg, pos })
  })

  it('parses valid JSON', () => {
    expect(parsePythonJson(' {"a": [1, 2.5e1, true, null, "\\u00e9"]} ')).toEqual({
      ok: true,
      value: { a: [1, 25, true, null, 'é'] },
    })
  })
})
