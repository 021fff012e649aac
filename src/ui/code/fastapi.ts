/** FastAPI on uvicorn: main.py with add_middleware (in reverse), pydantic models and Depends(). */
import type {
  FieldType,
  JsonValue,
  MiddlewareKind,
  MiddlewareSpec,
  RouteSpec,
  Scenario,
} from '../../engine'
import type { ViewDialect } from './common'
import {
  MIDDLEWARE_CLASSES,
  hookCall,
  isAfterRouter,
  locationExpr,
  locationOf,
  middlewareOptions,
  sleepsForQuery,
} from './common'
import { MIDDLEWARE_INFO } from '../model/middleware'
import { dbModule, needsDatabase } from './database'
import { fastapiDepsFile, fastapiInitFile, fastapiMiddlewareFile } from './fastapiSupport'
import { hookBuilders } from './hooks'
import { servicesFile } from './services'
import { templateFiles } from './templates'
import type { Anchor, CodeFile } from './model'
import { Lines } from './model'
import type { Refs } from './python'
import {
  WIDTH,
  convertPattern,
  pascal,
  pathParams,
  pyBlock,
  pyInline,
  pyStr,
  pyType,
} from './python'
import {
  addContext,
  addSteps,
  addValue,
  bodyFields,
  hasFields,
  hookImports,
  templateName,
  textValue,
} from './views'

const I = '    '

/** Starlette's own middleware where it has one; the app's `middleware` module otherwise. */
const STARLETTE: Partial<Record<MiddlewareKind, string>> = {
  cors: 'from fastapi.middleware.cors import CORSMiddleware',
  compression: 'from fastapi.middleware.gzip import GZipMiddleware',
  session: 'from starlette.middleware.sessions import SessionMiddleware',
}

/**
 * Starlette's keyword names for the options it has, and the values Roundtrip models when the
 * scenario sets none (Starlette's own defaults differ: its CORSMiddleware allows no origin).
 */
const STARLETTE_OPTIONS: Readonly<Record<string, string>> = {
  allow_origins: 'allow_origins',
  allow_methods: 'allow_methods',
  allow_headers: 'allow_headers',
  expose_headers: 'expose_headers',
  allow_credentials: 'allow_credentials',
  max_age: 'max_age',
  minimum_size: 'minimum_size',
  level: 'compresslevel',
  cookie_name: 'session_cookie',
}

const STARLETTE_DEFAULTS: Partial<Record<MiddlewareKind, Record<string, JsonValue>>> = {
  cors: {
    allow_origins: ['https://app.example.com'],
    allow_methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allow_headers: ['Content-Type', 'Authorization'],
    max_age: 600,
  },
}

/** The keyword arguments of one add_middleware() call. */
const middlewareArgs = (spec: MiddlewareSpec): [string, JsonValue][] => {
  if (!STARLETTE[spec.kind]) return middlewareOptions(spec)
  const args: Record<string, JsonValue> = { ...STARLETTE_DEFAULTS[spec.kind] }
  for (const [key, value] of middlewareOptions(spec)) {
    const name = STARLETTE_OPTIONS[key]
    // A session's max_age: null is Starlette's "until the browser closes" too.
    if (name) args[name] = value
    else if (spec.kind === 'session' && key === 'max_age') args.max_age = value
  }
  return Object.entries(args)
}

const dialect: ViewDialect = {
  awaitPrefix: 'await ',
  chain: true,
  query: (sql, args) =>
    `db.execute(${pyStr(sql)}${args.length ? `, (${args.join(', ')}${args.length === 1 ? ',' : ''})` : ''})`,
  call: (call) => `await services.call_async(${pyStr(call.method)}, ${pyStr(call.url)})`,
  sleep: (seconds) => `await asyncio.sleep(${seconds})`,
  session: 'request.session',
}

const modelName = (route: RouteSpec) => `${pascal(route.endpoint)}Body`

/** `get_current_user` → `current_user`: the parameter a dependency's value is bound to. */
const dependencyParam = (name: string): string => name.replace(/^get_/, '') || name

const fieldType = (type: FieldType, required: boolean): string =>
  required ? pyType(type) : `${pyType(type)} | None = None`

/** The decorator: `@app.get(...)`, or `@app.api_route(...)` for several methods. */
const decorator = (scenario: Scenario, route: RouteSpec, index: number, out: Lines): void => {
  const { handler } = route
  const single = route.methods.length === 1 && route.methods[0] !== 'HEAD'
  const head = single ? `@app.${route.methods[0]!.toLowerCase()}(` : `@app.api_route(`
  const args = [pyStr(convertPattern(route.pattern, 'brace'))]
  if (!single) args.push(`methods=[${route.methods.map(pyStr).join(', ')}]`)
  if (handler.status !== 200) args.push(`status_code=${handler.status}`)
  if (handler.kind === 'html') args.push('response_class=HTMLResponse')
  const hooks = scenario.middleware
    .map((spec, m) => [spec, m] as const)
    .filter(([spec]) => isAfterRouter(spec))
  const route_: Anchor = { kind: 'route', index }
  const one = `${head}${args.join(', ')})`
  if (hooks.length === 0 && one.length <= WIDTH) {
    out.add(one, route_)
    return
  }
  out.add(head, route_)
  for (const arg of args) out.add(`${I}${arg},`, route_)
  if (hooks.length) {
    out.add(`${I}# Route dependencies: they run after the router has matched.`, route_)
    out.add(`${I}dependencies=[`, route_)
    for (const [spec, m] of hooks)
      out.add(`${I}${I}Depends(${hookCall(spec, route)}),`, {
        kind: 'middleware',
        index: m,
        route: index,
      })
    out.add(`${I}],`, route_)
  }
  out.add(')', route_)
}

const addView = (out: Lines, scenario: Scenario, route: RouteSpec, index: number) => {
  const { handler } = route
  const converters = pathParams(route.pattern)
  const refs: Record<string, string> = {}
  for (const p of converters) refs[p.name] = p.name
  for (const name of Object.keys(route.query ?? {})) refs[name] = name
  for (const name of bodyFields(route)) refs[name] = `body.${name}`
  const validation: Anchor = { kind: 'validation', index }

  const params: { text: string; anchors: Anchor[] }[] = []
  for (const p of converters) {
    const type = route.params?.[p.name] ?? (p.type === 'path' ? 'str' : p.type)
    params.push({ text: `${p.name}: ${pyType(type ?? null)}`, anchors: [validation] })
  }
  for (const [name, field] of Object.entries(route.query ?? {}))
    params.push({
      text: `${name}: ${fieldType(field.type, field.required !== false)}`,
      anchors: [validation],
    })
  if (hasFields(route.body))
    params.push({ text: `body: ${modelName(route)}`, anchors: [validation] })
  const needsRequest =
    Boolean(handler.session) || locationOf(route)?.template === null || handler.kind === 'html'
  if (needsRequest) params.push({ text: 'request: Request', anchors: [] })
  const needsResponse = locationOf(route) !== null || Object.keys(handler.headers ?? {}).length > 0
  if (needsResponse && handler.kind !== 'empty' && handler.kind !== 'redirect')
    params.push({ text: 'response: Response', anchors: [] })
  for (const dep of route.depends ?? [])
    params.push({
      text: `${dependencyParam(dep.name)} = Depends(${dep.name})${dep.uses?.length ? `  # itself Depends(${dep.uses.join('), Depends(')})` : ''}`,
      anchors: [{ kind: 'validation', index, step: `depends:${dep.name}` }],
    })
  if (
    handler.queries.length &&
    !(route.depends ?? []).some((d) => dependencyParam(d.name) === 'db')
  )
    params.push({ text: 'db = Depends(get_db)', anchors: [] })

  decorator(scenario, route, index, out)
  out.within([{ kind: 'handler', index }], () => {
    const call: Anchor = { kind: 'handler', index, step: 'call' }
    const inline = `async def ${route.endpoint}(${params.map((p) => p.text).join(', ')}):`
    if (inline.length <= WIDTH && !params.some((p) => p.text.includes('#')))
      out.add(inline, call, ...params.flatMap((p) => p.anchors))
    else {
      out.add(`async def ${route.endpoint}(`, call)
      for (const p of params) {
        const hash = p.text.indexOf('  #')
        const text = hash < 0 ? `${p.text},` : `${p.text.slice(0, hash)},${p.text.slice(hash)}`
        out.add(`${I}${text}`, ...p.anchors)
      }
      out.add('):', call)
    }
    addSteps(out, route, index, dialect, I, refs)
    addReturn(out, route, index, refs)
  })
}

const addReturn = (out: Lines, route: RouteSpec, index: number, refs: Refs) => {
  const { handler } = route
  const ret: Anchor = { kind: 'handler', index, step: 'return' }
  if (handler.kind === 'redirect') {
    // Starlette's RedirectResponse: no body, no Content-Type; 307 unless told otherwise.
    const expr = locationExpr(route, refs, 'request.url.path')
    const own = Object.entries(handler.headers ?? {})
    const headers = own.length
      ? `, headers={${own.map(([n, v]) => `${pyStr(n)}: ${pyStr(v)}`).join(', ')}}`
      : ''
    out.add(`${I}return RedirectResponse(${expr}, status_code=${handler.status}${headers})`, ret)
    return
  }
  if (handler.kind === 'empty') {
    out.add(`${I}return Response(status_code=${handler.status})`, ret)
    return
  }
  const location = locationExpr(route, refs, 'request.url.path')
  if (location !== null) out.add(`${I}response.headers["Location"] = ${location}`, ret)
  for (const [name, value] of Object.entries(handler.headers ?? {}))
    out.add(`${I}response.headers[${pyStr(name)}] = ${pyStr(value)}`, ret)
  if (handler.kind === 'html') {
    const render = addContext(out, route, index, I, refs)
    out.add(
      `${I}return templates.TemplateResponse(request, ${templateName(route)}, context)`,
      render,
      ret,
    )
    return
  }
  if (handler.kind === 'text') {
    // FastAPI encodes the string as JSON: the body is "…", quotes included.
    out.add(`${I}return ${textValue(route, refs)}`, ret)
    return
  }
  addValue(out, 'return ', route, '', I, refs, ret)
}

/** main.py for a FastAPI scenario. */
export const fastapiApp = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const { middleware, routes } = scenario
  const before = middleware.map((m, i) => [m, i] as const).filter(([m]) => !isAfterRouter(m))
  const hooks = middleware.filter(isAfterRouter)
  const fastapiNames = new Set(['FastAPI'])
  if (routes.some((r) => r.depends?.length || r.handler.queries.length) || hooks.length)
    fastapiNames.add('Depends')
  if (
    routes.some(
      (r) => r.handler.session || locationOf(r)?.template === null || r.handler.kind === 'html',
    )
  )
    fastapiNames.add('Request')
  if (
    routes.some(
      (r) =>
        r.handler.kind !== 'redirect' &&
        (r.handler.kind === 'empty' ||
          locationOf(r) ||
          Object.keys(r.handler.headers ?? {}).length),
    )
  )
    fastapiNames.add('Response')
  const own = [
    ...new Set(before.filter(([m]) => !STARLETTE[m.kind]).map(([m]) => MIDDLEWARE_CLASSES[m.kind])),
  ]
  const deps = [
    ...new Set([
      ...routes.flatMap((r) => (r.depends ?? []).map((d) => d.name)),
      ...(routes.some((r) => r.handler.queries.length) ? ['get_db'] : []),
    ]),
  ]

  const html = routes.some((r) => r.handler.kind === 'html')
  const session = before.some(([m]) => m.kind === 'session')
  const std = [
    ...(routes.some(sleepsForQuery) ? ['import asyncio'] : []),
    ...(session ? ['import os'] : []),
    ...(html ? ['from pathlib import Path'] : []),
  ]
  if (std.length) out.addAll(std).blank()
  out.add(`from fastapi import ${[...fastapiNames].sort().join(', ')}`)
  for (const kind of new Set(before.map(([m]) => m.kind))) {
    const line = STARLETTE[kind]
    if (line) out.add(line)
  }
  const responses = [
    ...(html ? ['HTMLResponse'] : []),
    ...(routes.some((r) => r.handler.kind === 'redirect') ? ['RedirectResponse'] : []),
  ]
  if (responses.length) out.add(`from fastapi.responses import ${responses.join(', ')}`)
  if (html) {
    out.add('from fastapi.templating import Jinja2Templates')
  }
  const pydantic = ['BaseModel']
  if (routes.some((r) => Object.values(r.body ?? {}).some((f) => f.type === 'email')))
    pydantic.push('EmailStr')
  if (routes.some((r) => hasFields(r.body))) out.add(`from pydantic import ${pydantic.join(', ')}`)
  out.blank()
  if (routes.some((r) => r.handler.calls?.length)) out.add('from . import services')
  if (deps.length) out.add(`from .deps import ${deps.join(', ')}`)
  if (hooks.length) out.add(`from .hooks import ${hookImports(hooks)}`)
  if (own.length) out.add(`from .middleware import ${own.join(', ')}`)
  out.blank()
  out.add('app = FastAPI()', { kind: 'server' })
  if (html) out.add('templates = Jinja2Templates(directory=Path(__file__).parent / "templates")')
  if (session) {
    out.add('# Signs the session cookie: set SECRET_KEY in production.')
    out.add('SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-a-secret")')
  }
  out.blank()

  if (before.length === 0) out.add('# No middleware: requests go straight to the router.')
  else {
    out.add('# Starlette wraps each add_middleware() around everything added before it, so the')
    out.add(
      '# LAST call is the OUTERMOST. The calls are in reverse: the stack, outermost first, is',
    )
    out.add(`# ${before.map(([m]) => MIDDLEWARE_CLASSES[m.kind]).join(' → ')}.`)
    for (const [spec, i] of [...before].reverse()) {
      const anchor: Anchor = { kind: 'middleware', index: i }
      const options = middlewareArgs(spec).map(([key, value]) => [key, value] as const)
      if (spec.kind === 'session') options.unshift(['secret_key', 'SECRET_KEY'] as const)
      const args = options.map(([k, v]) =>
        k === 'secret_key' ? 'secret_key=SECRET_KEY' : `${k}=${pyInline(v)}`,
      )
      const name = MIDDLEWARE_CLASSES[spec.kind]
      const note = `  # ${MIDDLEWARE_INFO[spec.kind].codeNote}`
      const one = `app.add_middleware(${[name, ...args].join(', ')})`
      if (one.length + note.length <= WIDTH) out.add(`${one}${note}`, anchor)
      else {
        out.add(`# ${MIDDLEWARE_INFO[spec.kind].codeNote}`, anchor)
        out.add('app.add_middleware(', anchor)
        out.add(`${I}${name},`, anchor)
        for (const [k, v] of options)
          out.addAll(
            k === 'secret_key' ? [`${I}secret_key=SECRET_KEY,`] : pyBlock(`${k}=`, v, ',', I),
            anchor,
          )
        out.add(')', anchor)
      }
    }
  }

  routes.forEach((route, index) => {
    if (!hasFields(route.body)) return
    out.blank().blank()
    out.within([{ kind: 'validation', index }], () => {
      out.add(`class ${modelName(route)}(BaseModel):`)
      for (const [name, field] of Object.entries(route.body ?? {}))
        out.add(`${I}${name}: ${fieldType(field.type, field.required !== false)}`)
    })
  })
  routes.forEach((route, index) => {
    out.blank().blank()
    addView(out, scenario, route, index)
  })
  return {
    id: 'app',
    path: 'app/main.py',
    name: 'main.py',
    about: 'The FastAPI app: middleware, pydantic models and the path operations.',
    language: 'python',
    lines: out.lines,
  }
}

/** main.py first, then the modules it imports and the templates. */
export const fastapiFiles = (scenario: Scenario): CodeFile[] =>
  [
    fastapiApp(scenario),
    fastapiDepsFile(scenario),
    fastapiMiddlewareFile(scenario),
    hookBuilders.fastapi(scenario, new Set()),
    needsDatabase(scenario) ? dbModule('fastapi') : null,
    servicesFile(scenario),
    ...templateFiles(scenario),
    fastapiInitFile(),
  ].filter((f): f is CodeFile => f !== null)
