/** Flask on gunicorn: app.py with WSGI middleware in stack order, marshmallow schemas, views. */
import type { FieldType, RouteSpec, Scenario } from '../../engine'
import type { ViewDialect } from './common'
import {
  MIDDLEWARE_CLASSES,
  isAfterRouter,
  locationExpr,
  middlewareOptions,
  sleepsForQuery,
} from './common'
import { MIDDLEWARE_INFO } from '../model/middleware'
import { dbModule, needsDatabase } from './database'
import { flaskConfigFile, flaskHooksFile, flaskMiddlewareFile } from './flaskSupport'
import { servicesFile } from './services'
import { templateFiles } from './templates'
import type { Anchor, CodeFile } from './model'
import { Lines } from './model'
import type { Refs } from './python'
import { WIDTH, convertPattern, pascal, pathParams, pyBlock, pyInline, pyStr } from './python'
import {
  addContext,
  addHookDecorators,
  addSteps,
  addValue,
  bodyFields,
  hasFields,
  hookImports,
  methodList,
  templateName,
  textValue,
} from './views'

const MARSHMALLOW: Readonly<Record<FieldType, string>> = {
  str: 'fields.Str',
  int: 'fields.Int',
  float: 'fields.Float',
  bool: 'fields.Bool',
  email: 'fields.Email',
}

const tuple = (args: readonly string[]): string =>
  args.length === 1 ? `(${args[0]},)` : `(${args.join(', ')})`

const dialect: ViewDialect = {
  awaitPrefix: '',
  chain: true,
  query: (sql, args) => `db.execute(${pyStr(sql)}${args.length ? `, ${tuple(args)}` : ''})`,
  call: (call) => `services.call(${pyStr(call.method)}, ${pyStr(call.url)})`,
  sleep: (seconds) => `time.sleep(${seconds})`,
  session: 'session',
}

const schemaName = (route: RouteSpec) => `${pascal(route.endpoint)}Schema`

const I = '    '

const addView = (out: Lines, scenario: Scenario, route: RouteSpec, index: number): void => {
  const params = pathParams(route.pattern).map((p) => p.name)
  const refs: Record<string, string> = {}
  for (const name of params) refs[name] = name
  for (const name of Object.keys(route.query ?? {})) refs[name] = name
  for (const name of bodyFields(route)) refs[name] = `data[${pyStr(name)}]`

  out.add(
    `@app.route(${pyStr(convertPattern(route.pattern, 'angle'))}, methods=[${methodList(route)}])`,
    { kind: 'route', index },
  )
  addHookDecorators(out, scenario, route, index)
  out.within([{ kind: 'handler', index }], () => {
    out.add(`def ${route.endpoint}(${params.join(', ')}):`, {
      kind: 'handler',
      index,
      step: 'call',
    })
    const validation: Anchor = { kind: 'validation', index }
    for (const [name, field] of Object.entries(route.query ?? {})) {
      const type = field.type === 'email' ? 'str' : field.type
      out.add(
        field.required === false
          ? `${I}${name} = request.args.get(${pyStr(name)}, type=${type})`
          : `${I}${name} = request.args[${pyStr(name)}]  # missing: 400 Bad Request`,
        validation,
      )
    }
    if (hasFields(route.body))
      out.add(`${I}data = ${schemaName(route)}().load(request.get_json())`, validation)
    addSteps(out, route, index, dialect, I, refs)
    addReturn(out, route, index, refs)
  })
}

const addReturn = (out: Lines, route: RouteSpec, index: number, refs: Refs): void => {
  const { handler } = route
  const ret: Anchor = { kind: 'handler', index, step: 'return' }
  const headers: string[] = Object.entries(handler.headers ?? {}).map(
    ([name, value]) => `${pyStr(name)}: ${pyStr(value)}`,
  )
  const location = locationExpr(route, refs, 'request.path')
  if (location !== null) {
    out.add(`${I}location = ${location}`, ret)
    headers.unshift('"Location": location')
  }
  const status = handler.status === 200 && headers.length === 0 ? '' : `, ${handler.status}`
  const extra = headers.length ? `, {${headers.join(', ')}}` : ''
  if (handler.kind === 'redirect') {
    // redirect() answers 302 Found unless told otherwise, with a small HTML page.
    const code = handler.status === 302 ? '' : `, code=${handler.status}`
    const own = Object.entries(handler.headers ?? {})
    if (own.length === 0) {
      out.add(`${I}return redirect(location${code})`, ret)
      return
    }
    out.add(`${I}response = redirect(location${code})`, ret)
    for (const [name, value] of own)
      out.add(`${I}response.headers[${pyStr(name)}] = ${pyStr(value)}`, ret)
    out.add(`${I}return response`, ret)
    return
  }
  if (handler.kind === 'empty') {
    out.add(`${I}return ""${`, ${handler.status}`}${extra}`, ret)
    return
  }
  if (handler.kind === 'html') {
    const render = addContext(out, route, index, I, refs)
    out.add(
      `${I}return render_template(${templateName(route)}, **context)${status}${extra}`,
      render,
      ret,
    )
    return
  }
  if (handler.kind === 'text') {
    // A bare string: Flask sends it as it is, as text/html.
    out.add(`${I}return ${textValue(route, refs)}${status}${extra}`, ret)
    return
  }
  addValue(out, 'return jsonify(', route, `)${status}${extra}`, I, refs, ret)
}

/** app.py for a Flask scenario. */
export const flaskApp = (scenario: Scenario): CodeFile => {
  const out = new Lines()
  const { middleware, routes } = scenario
  const before = middleware.map((m, i) => [m, i] as const).filter(([m]) => !isAfterRouter(m))
  const after = middleware.filter(isAfterRouter)
  const session = middleware.findIndex((m) => m.kind === 'session')
  const schemas = routes.some((r) => hasFields(r.body))
  const flaskNames = ['Flask', 'jsonify', 'request']
  if (routes.some((r) => r.handler.kind === 'html')) flaskNames.push('render_template')
  if (routes.some((r) => r.handler.session)) flaskNames.push('session')
  if (routes.some((r) => r.handler.kind === 'redirect')) flaskNames.push('redirect')

  const errors = before.some(([m]) => m.kind === 'errors')
  if (routes.some(sleepsForQuery)) out.add('import time').blank()
  out.add(`from flask import ${flaskNames.sort().join(', ')}`)
  if (schemas) out.add('from marshmallow import Schema, ValidationError, fields')
  out.blank()
  const own: string[] = []
  if (session >= 0) own.push('from config import SECRET_KEY')
  if (routes.some((r) => r.handler.queries.length)) own.push('from db import db')
  if (after.length) own.push(`from hooks import ${hookImports(after)}`)
  if (before.length)
    own.push(
      `from middleware import ${[...new Set(before.map(([m]) => MIDDLEWARE_CLASSES[m.kind]))].join(', ')}`,
    )
  // isort's order: plain imports first, then from-imports, each alphabetical.
  if (routes.some((r) => r.handler.calls?.length)) out.add('import services')
  out.addAll(own.sort())
  out.blank()
  out.add('app = Flask(__name__)', { kind: 'server' })
  if (session >= 0)
    out.add('app.secret_key = SECRET_KEY  # signs the session cookie', {
      kind: 'middleware',
      index: session,
    })
  if (errors)
    out.add('app.config["PROPAGATE_EXCEPTIONS"] = True  # exceptions reach JSONErrorMiddleware')
  out.blank()

  out.add('# Middleware, outermost first: the first entry sees the request first and the')
  out.add('# response last. Each one wraps the app inside it, so they are applied in reverse.')
  if (before.length === 0) out.add('MIDDLEWARE = []  # none: requests go straight to the router')
  else {
    out.add('MIDDLEWARE = [')
    for (const [spec, i] of before) {
      const anchor: Anchor = { kind: 'middleware', index: i }
      const options = Object.fromEntries(middlewareOptions(spec))
      const name = MIDDLEWARE_CLASSES[spec.kind]
      const note = `  # ${MIDDLEWARE_INFO[spec.kind].codeNote}`
      const one = `${I}(${name}, ${pyInline(options)}),`
      if (one.length + note.length <= WIDTH) out.add(`${one}${note}`, anchor)
      else {
        out.add(`${I}# ${MIDDLEWARE_INFO[spec.kind].codeNote}`, anchor)
        out.addAll(pyBlock(`(${name}, `, options, '),', I), anchor)
      }
    }
    out.add(']')
  }
  out.add('for middleware, options in reversed(MIDDLEWARE):')
  out.add(`${I}app.wsgi_app = middleware(app.wsgi_app, **options)`)

  routes.forEach((route, index) => {
    if (!hasFields(route.body)) return
    out.blank().blank()
    out.within([{ kind: 'validation', index }], () => {
      out.add(`class ${schemaName(route)}(Schema):`)
      for (const [name, field] of Object.entries(route.body ?? {}))
        out.add(
          `${I}${name} = ${MARSHMALLOW[field.type]}(${field.required === false ? 'load_default=None' : 'required=True'})`,
        )
    })
  })
  if (schemas) {
    const all: Anchor[] = routes.flatMap((r, index) =>
      hasFields(r.body) ? [{ kind: 'validation', index } as const] : [],
    )
    out.blank().blank()
    out.add('# A body that fails its schema: 400 with the errors, before the view goes on.', ...all)
    out.add('@app.errorhandler(ValidationError)', ...all)
    out.add('def invalid_body(error):', ...all)
    out.add(`${I}return jsonify({"errors": error.messages}), 400`, ...all)
  }
  routes.forEach((route, index) => {
    out.blank().blank()
    addView(out, scenario, route, index)
  })
  return {
    id: 'app',
    path: 'app.py',
    name: 'app.py',
    about: 'The Flask app: middleware in stack order, the routes and their views.',
    language: 'python',
    lines: out.lines,
  }
}

/** The Flask app's Python files: app.py first, then the modules it imports, then templates. */
export const flaskFiles = (scenario: Scenario): CodeFile[] =>
  [
    flaskApp(scenario),
    flaskMiddlewareFile(scenario),
    flaskHooksFile(scenario),
    flaskConfigFile(scenario),
    needsDatabase(scenario) ? dbModule('flask') : null,
    servicesFile(scenario),
    ...templateFiles(scenario),
  ].filter((f): f is CodeFile => f !== null)
