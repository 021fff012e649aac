import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../../src/engine'
import { findScenario, parseScenario, simulate } from '../../../src/engine'
import { generateCode } from '../../../src/ui/code/generate'
import type { CodeFile } from '../../../src/ui/code/model'
import { pyStr } from '../../../src/ui/code/python'
import { linesFor, targetsFor } from '../../../src/ui/code/targets'
import { tokenize } from '../../../src/ui/code/tokens'

const scenarioOf = (id: string): Scenario => findScenario(id)!.scenario
const file = (files: CodeFile[], name: string): string[] =>
  files.find((f) => f.name === name)!.lines.map((l) => l.text)

/** The text between `start` and the first following line equal to `end`. */
const block = (lines: string[], start: RegExp, end: string): string[] => {
  const from = lines.findIndex((l) => start.test(l))
  expect(from).toBeGreaterThanOrEqual(0)
  return lines.slice(from + 1, lines.indexOf(end, from))
}

/** A tiny reader of Python double-quoted literals, to prove what a literal evaluates to. */
const evalPyStr = (literal: string): string => {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true)
  return JSON.parse(literal.replace(/\\x([0-9a-f]{2})/g, '\\u00$1'))
}

const withMiddleware = (base: Scenario, kinds: Scenario['middleware']): Scenario => ({
  ...base,
  middleware: kinds,
})

describe('Flask', () => {
  it('lists the middleware outermost first and applies it in reverse, as WSGI wrapping needs', () => {
    const lines = file(generateCode(scenarioOf('cors-on-errors')), 'app.py')
    const entries = block(lines, /^MIDDLEWARE = \[/, ']').map((l) => /\((\w+),/.exec(l)![1])
    expect(entries).toEqual(['RequestLogMiddleware', 'CORSMiddleware', 'JSONErrorMiddleware'])
    expect(lines).toContain('for middleware, options in reversed(MIDDLEWARE):')
  })

  it('writes @app.route with methods and converters, and the view returns what the spec says', () => {
    const lines = file(generateCode(scenarioOf('delete-user')), 'app.py')
    const at = lines.indexOf('@app.route("/users/<int:id>", methods=["DELETE"])')
    expect(at).toBeGreaterThan(0)
    expect(lines[at + 1]).toBe('def delete_user(id):')
    const view = lines.slice(at, lines.indexOf('', at))
    expect(view.at(-1)).toBe('    return "", 204')
    const created = file(generateCode(scenarioOf('create-user')), 'app.py')
    expect(created).toContain('    data = CreateUserSchema().load(request.get_json())')
    expect(created.some((l) => /^ {4}\}\), 201, \{"Location": location\}$/.test(l))).toBe(true)
  })

  it('puts a route-level hook under the route decorator, not in the stack', () => {
    const lines = file(generateCode(scenarioOf('auth-after-router')), 'app.py')
    const entries = block(lines, /^MIDDLEWARE = \[/, ']')
    expect(entries.join('\n')).not.toContain('Auth')
    const route = lines.indexOf('@app.route("/users/<int:id>", methods=["GET"])')
    expect(lines[route + 1]).toBe('@login_required')
  })
})

describe('Django', () => {
  it('has a MIDDLEWARE list in the scenario’s order and path() lines with converters', () => {
    const scenario = withMiddleware(scenarioOf('django-get-user'), [
      { kind: 'session' },
      { kind: 'logging' },
      { kind: 'compression' },
    ])
    const files = generateCode(scenario)
    const settings = file(files, 'settings.py')
    const names = block(settings, /^MIDDLEWARE = \[/, ']').map((l) => /"([^"]+)"/.exec(l)![1])
    expect(names).toEqual([
      'django.contrib.sessions.middleware.SessionMiddleware',
      'users.middleware.RequestLogMiddleware',
      'django.middleware.gzip.GZipMiddleware',
    ])
    expect(file(files, 'urls.py')).toContain(
      '    path("users/<int:id>/", views.UsersIdView.as_view(), name="get_user"),',
    )
    expect(file(files, 'views.py')).toContain('def get_user(request, id):')
    // The URLconf matches the path only; the pattern's View picks the view by method.
    expect(file(files, 'views.py')).toContain('class UsersIdView(View):')
    expect(file(files, 'views.py')).toContain('    get = staticmethod(get_user)')
  })

  it('validates a body with a form', () => {
    const files = generateCode(scenarioOf('django-form-error'))
    const forms = file(files, 'forms.py')
    expect(forms).toContain('class CreateUserForm(forms.Form):')
    expect(forms).toContain('    email = forms.EmailField()')
    expect(file(files, 'views.py')).toContain('    if not form.is_valid():')
  })
})

describe('FastAPI', () => {
  it('adds middleware in reverse (Starlette makes the last added the outermost) and says so', () => {
    const scenario = withMiddleware(scenarioOf('validation-error'), [
      { kind: 'cors' },
      { kind: 'logging' },
      { kind: 'compression', minimumSize: 500 },
    ])
    const lines = file(generateCode(scenario), 'main.py')
    const added = [...lines.join('\n').matchAll(/^app\.add_middleware\(\s*(\w+)/gm)].map(
      (m) => m[1],
    )
    expect(added).toEqual(['GZipMiddleware', 'RequestLogMiddleware', 'CORSMiddleware'])
    expect(lines.join('\n')).toMatch(/LAST call is the OUTERMOST/)
    expect(lines).toContain(
      'app.add_middleware(GZipMiddleware, minimum_size=500)  # gzips large responses',
    )
  })

  it('writes path operations with Depends, pydantic models and status codes', () => {
    const lines = file(generateCode(scenarioOf('validation-error')), 'main.py')
    expect(lines).toContain('class CreateUserBody(BaseModel):')
    expect(lines).toContain('    email: EmailStr')
    expect(lines).toContain('@app.post("/users", status_code=201)')
    expect(lines).toContain('    body: CreateUserBody,')
    expect(lines.some((l) => l.includes('Depends(get_current_user)'))).toBe(true)
    expect(lines).toContain('@app.get("/users/{user_id}")')
    expect(lines.some((l) => l.startsWith('async def read_user(user_id: int'))).toBe(true)
  })

  it('answers 204 with Response(status_code=204)', () => {
    const base = scenarioOf('validation-error')
    const scenario: Scenario = {
      ...base,
      routes: [
        {
          methods: ['DELETE'],
          pattern: '/users/{user_id}',
          endpoint: 'delete_user',
          handler: { kind: 'empty', status: 204, body: null, queries: [], computeMs: 1 },
        },
      ],
    }
    const lines = file(generateCode(scenario), 'main.py')
    expect(lines).toContain('@app.delete("/users/{user_id}", status_code=204)')
    expect(lines).toContain('    return Response(status_code=204)')
  })
})

describe('escaping user text', () => {
  it('pyStr round-trips quotes, backslashes, newlines and line separators', () => {
    for (const text of [
      'say "hi"',
      'back\\slash',
      'two\nlines',
      'tab\tand\r',
      'sep\u2028x',
      '\u0007',
    ])
      expect(evalPyStr(pyStr(text))).toBe(text)
  })

  it('a route pattern or body with quotes cannot leave its string literal', () => {
    const evil = parseScenario({
      ...scenarioOf('get-user'),
      routes: [
        {
          methods: ['GET'],
          pattern: '/x"), import os; os.system("rm -rf /") #\n<int:id>',
          endpoint: 'evil',
          handler: { status: 200, body: { note: 'a "quote"\n)\nimport os' }, queries: [] },
        },
      ],
    })
    for (const framework of ['flask', 'django', 'fastapi'] as const) {
      const files = generateCode({ ...evil, framework })
      for (const f of files) {
        // Every line is one physical line: no newline slipped through.
        for (const line of f.lines) expect(line.text).not.toMatch(/[\n\r\u2028]/)
        // Outside string literals and comments, no injected code appears.
        for (const line of f.lines) {
          const code = tokenize(line.text, f.language)
            .filter((t) => t.kind !== 'string' && t.kind !== 'comment')
            .map((t) => t.text)
            .join('')
          expect(code).not.toContain('os.system')
          expect(code).not.toContain('import os;')
        }
      }
      // The one-line string literals of the Python files (docstrings aside).
      const lines = files
        .filter((f) => f.language === 'python')
        .flatMap((f) => f.lines.map((l) => l.text))
        .filter((l) => !l.includes('"""'))
      const literal = /"(?:[^"\\]|\\.)*"/g
      const strings = lines.flatMap((l) => [...l.matchAll(literal)].map((m) => evalPyStr(m[0])))
      expect(strings.some((s) => s.includes('os.system("rm -rf /")'))).toBe(true)
    }
  })
})

describe('lines for events', () => {
  it('each middleware event of a trace points at that middleware’s entry', () => {
    const curated = findScenario('cors-on-errors')!
    const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
    const [app] = generateCode(curated.scenario)
    trace.events.forEach((event, i) => {
      if (event.layer !== 'middleware') return
      const lines = linesFor(app!, targetsFor(curated.scenario, trace.events, i))
      const kind = event.stage.replace('middleware:', '')
      const cls = { logging: 'RequestLog', cors: 'CORS', errors: 'JSONError' }[kind]!
      expect(lines.length).toBe(1)
      expect(app!.lines[lines[0]!]!.text).toContain(`(${cls}Middleware`)
    })
  })
})

describe('the Caddyfile', () => {
  it("writes the rate limit in caddy-ratelimit's block syntax, with its place in the order", () => {
    const curated = findScenario('rate-limited')!
    const scenario: Scenario = {
      ...curated.scenario,
      proxy: { ...curated.scenario.proxy, software: 'caddy' },
    }
    const caddyfile = generateCode(scenario).find((f) => f.name === 'Caddyfile')
    const text = caddyfile?.lines.map((l) => l.text).join('\n') ?? ''
    // Caddy 2.6's parser refuses `zone x { a; b }` on one line (checked with `caddy validate`).
    expect(text).toMatch(/^\{\n {4}order rate_limit before reverse_proxy\n\}/)
    expect(text).toMatch(
      /rate_limit \{\n {8}zone perclient \{\n {12}key \{remote_host\}\n {12}events 10\n {12}window 60s\n {8}\}\n {4}\}/,
    )
    expect(text).not.toMatch(/\{[^\n]*;/)
  })
})
