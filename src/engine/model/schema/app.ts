import type { HttpMethod } from '../http'
import { HTTP_METHODS } from '../http'
import type { JsonValue, Obj } from './validate'
import { ScenarioError, array, boolean, json, number, object, oneOf, string } from './validate'

export type Framework = 'flask' | 'django' | 'fastapi'
export const FRAMEWORKS: readonly Framework[] = ['flask', 'django', 'fastapi']

export interface DbQuerySpec {
  readonly sql: string
  /** Virtual duration of the query. */
  readonly ms: number
  readonly rows: number
}

/** An HTTP call the view makes to another service, e.g. a payment API. */
export interface ExternalCallSpec {
  readonly service: string
  readonly method: HttpMethod
  readonly url: string
  readonly ms: number
  /** The status the other service answers with. */
  readonly status: number
}

/** Something going wrong inside the view. */
export type HandlerFault =
  | {
      /** The view raises: with no error handling it becomes the framework's default 500. */
      readonly kind: 'exception'
      /** Python exception class, e.g. `KeyError` (the default). */
      readonly exception?: string
      /** `str(e)`, e.g. `'email'`; a plausible default per exception class. */
      readonly message?: string
      /** The source line that raised, shown in the traceback. */
      readonly line?: string
      /** How many of the queries run before the raise (default: all of them). */
      readonly afterQueries?: number
    }
  | {
      /** One query is slow (a missing index, a lock): the rest of the view is unchanged. */
      readonly kind: 'slow-query'
      /** Which query, from 0 (default 0). */
      readonly query?: number
      /** Its duration in ms (default 300). */
      readonly ms?: number
    }

/** How the view's return value is serialized: `jsonify`/`JsonResponse`, a template, or nothing. */
export type ResponseKind = 'json' | 'html' | 'empty'

/**
 * What a route's view does. Values equal to `"{name}"` in `body`, `location` and `template`
 * context are filled from the path parameters, then from the validated body and query.
 */
export interface HandlerSpec {
  /** Default `json`, or `empty` when `status` is 204. */
  readonly kind: ResponseKind
  readonly status: number
  readonly body: JsonValue
  readonly queries: readonly DbQuerySpec[]
  /** Time spent in the view's own Python code, outside queries and calls. */
  readonly computeMs: number
  /** `html` only: the template to render (default `<endpoint>.html`). */
  readonly template?: string
  /** `Location` header, e.g. `/users/{id}`; a 201 with an `id` in its body gets one by default. */
  readonly location?: string
  /** Extra response headers the view sets, e.g. `Cache-Control`. */
  readonly headers?: Readonly<Record<string, string>>
  readonly calls?: readonly ExternalCallSpec[]
  /** What the view writes to the session, e.g. `{ "set": { "user": "ada" } }` after a login. */
  readonly session?: {
    readonly set?: Readonly<Record<string, JsonValue>>
    readonly clear?: boolean
  }
  readonly fault?: HandlerFault
}

export const FIELD_TYPES = ['str', 'int', 'float', 'bool', 'email'] as const
/** A declared input's type: Python's `str`/`int`/`float`/`bool` and pydantic's `EmailStr`. */
export type FieldType = (typeof FIELD_TYPES)[number]

export interface FieldSpec {
  readonly type: FieldType
  /** Default true. */
  readonly required?: boolean
}

/** Declared inputs, field name → spec, in declaration order (errors come out in this order). */
export type FieldMap = Readonly<Record<string, FieldSpec>>

/** A FastAPI `Depends()` callable, e.g. `get_db` or `get_current_user`. */
export interface DependencySpec {
  readonly name: string
  /** Time the dependency takes (default 0.2). */
  readonly ms?: number
  /** Names of other dependencies it depends on, resolved first (and cached per request). */
  readonly uses?: readonly string[]
}

export interface RouteSpec {
  readonly methods: readonly HttpMethod[]
  /** Flask/Django `<int:id>` or Starlette `{id}`, `{id:int}` parameters. */
  readonly pattern: string
  /** The view function's name, e.g. `get_user`. */
  readonly endpoint: string
  readonly handler: HandlerSpec
  /** The body the view expects: FastAPI's pydantic model, Django's form, Flask's schema. */
  readonly body?: FieldMap
  /** Query parameters the view declares. */
  readonly query?: FieldMap
  /** FastAPI: the annotated type of each path parameter (`user_id: int`), checked by pydantic. */
  readonly params?: Readonly<Record<string, FieldType>>
  /** FastAPI only: the `Depends()` the endpoint declares, in parameter order. */
  readonly depends?: readonly DependencySpec[]
  /** Roles allowed to call this view; used by authorization middleware placed after the router. */
  readonly roles?: readonly string[]
}

export const MIDDLEWARE_KINDS = [
  'logging',
  'cors',
  'auth',
  'authorization',
  'errors',
  'compression',
  'session',
  'rateLimit',
] as const
export type MiddlewareKind = (typeof MIDDLEWARE_KINDS)[number]

/** A user the auth middleware knows: a Bearer token, roles for authorization. */
export interface AuthUserSpec {
  readonly name: string
  readonly token?: string
  readonly roles?: readonly string[]
}

export interface AuthorizationRule {
  /** Path prefix, whole segments: `/admin` covers `/admin/stats`, not `/administrator`. */
  readonly path: string
  /** Methods the rule covers; all when absent. */
  readonly methods?: readonly HttpMethod[]
  readonly roles: readonly string[]
}

interface MiddlewareBase {
  /**
   * Where it sits: `before-router` (the default, app-wide middleware) or `after-router` (code
   * that runs once a route matched: a view decorator such as `@login_required`, a FastAPI
   * route dependency, DRF's permission classes).
   */
  readonly position?: 'before-router' | 'after-router'
}

/** One middleware; every option is optional and has a framework-faithful default. */
export type MiddlewareSpec = MiddlewareBase &
  (
    | {
        readonly kind: 'logging'
        /** Add `X-Response-Time` on the way out (default true). */
        readonly responseTimeHeader?: boolean
      }
    | {
        readonly kind: 'cors'
        /** Default `["https://app.example.com"]`; `"*"` allows any origin. */
        readonly allowOrigins?: readonly string[]
        readonly allowMethods?: readonly HttpMethod[]
        readonly allowHeaders?: readonly string[]
        readonly exposeHeaders?: readonly string[]
        readonly allowCredentials?: boolean
        /** Seconds the browser may cache a preflight answer (default 600). */
        readonly maxAge?: number
        /** Status of a preflight answer: 204 by default, 200 (with `OK`) for FastAPI/Starlette. */
        readonly preflightStatus?: 200 | 204
      }
    | {
        readonly kind: 'auth'
        /** Where credentials come from (default `bearer`). */
        readonly scheme?: 'bearer' | 'session' | 'either'
        readonly users?: readonly AuthUserSpec[]
        /** Path prefixes that need no credentials, e.g. `/login`. */
        readonly exempt?: readonly string[]
        readonly realm?: string
      }
    | { readonly kind: 'authorization'; readonly rules?: readonly AuthorizationRule[] }
    | {
        readonly kind: 'errors'
        /** The message in the 500 JSON body (default `Internal Server Error`). */
        readonly message?: string
      }
    | {
        readonly kind: 'compression'
        /** Smallest body worth compressing, in bytes (Starlette and Flask-Compress 500, Django 200). */
        readonly minimumSize?: number
        /** gzip level 1–9 (default 9, Starlette's; Flask-Compress uses 6). */
        readonly level?: number
      }
    | {
        readonly kind: 'session'
        /** Default `session` (Flask, Starlette) or `sessionid` (Django). */
        readonly cookieName?: string
        /** `cookie`: signed data in the cookie (Flask, Starlette); `database`: Django's default. */
        readonly store?: 'cookie' | 'database'
        /** Cookie lifetime in seconds; `null` for a browser-session cookie (Flask's default). */
        readonly maxAge?: number | null
        /** `database` store: session key → data, as rows in `django_session`. */
        readonly sessions?: Readonly<Record<string, Readonly<Record<string, JsonValue>>>>
      }
    | {
        readonly kind: 'rateLimit'
        /** Requests allowed per window (default 100). */
        readonly limit?: number
        readonly windowSeconds?: number
        /** Requests already counted in the current window before this one (default 0). */
        readonly used?: number
        /**
         * What identifies a client: `x-forwarded-for` (default), `remote-addr` (behind a proxy
         * every client shares the proxy's address) or the authenticated `user`.
         */
        readonly key?: 'x-forwarded-for' | 'remote-addr' | 'user'
      }
  )

/** The Python part of a scenario: framework, middleware stack and routes. */
export interface AppSpec {
  readonly framework: Framework
  /** Outermost first, as in Django's MIDDLEWARE list. */
  readonly middleware: readonly MiddlewareSpec[]
  readonly routes: readonly RouteSpec[]
}

const RESPONSE_KINDS: readonly ResponseKind[] = ['json', 'html', 'empty']
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/

const stringArray = (value: unknown, path: string): string[] =>
  array(value, path).map((item, i) => string(item, `${path}[${i}]`))

const methodArray = (value: unknown, path: string): HttpMethod[] =>
  array(value, path).map((m, i) => oneOf(m, `${path}[${i}]`, HTTP_METHODS))

const headerMap = (value: unknown, path: string): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, v] of Object.entries(object(value, path))) {
    if (!HEADER_NAME.test(name)) throw new ScenarioError(`${path}.${name}`, 'is not a header name')
    if (typeof v !== 'string') throw new ScenarioError(`${path}.${name}`, 'must be a string')
    out[name.toLowerCase()] = v
  }
  return out
}

const jsonObject = (value: unknown, path: string): Record<string, JsonValue> => {
  object(value, path)
  return json(value, path) as Record<string, JsonValue>
}

/** Rejects option names a middleware does not have, so a typo is not silently ignored. */
const onlyKeys = (o: Obj, path: string, keys: readonly string[]): void => {
  for (const key of Object.keys(o))
    if (!keys.includes(key))
      throw new ScenarioError(
        `${path}.${key}`,
        `is not an option here; allowed: ${keys.map((k) => `"${k}"`).join(', ')}`,
      )
}

const parseFault = (value: unknown, path: string): HandlerFault => {
  const f = object(value, path)
  const kind = oneOf(f.kind, `${path}.kind`, ['exception', 'slow-query'] as const)
  if (kind === 'slow-query') {
    onlyKeys(f, path, ['kind', 'query', 'ms'])
    return {
      kind,
      ...(f.query === undefined ? {} : { query: number(f.query, `${path}.query`, 0, 1000) }),
      ...(f.ms === undefined ? {} : { ms: number(f.ms, `${path}.ms`, 0, 600_000) }),
    }
  }
  onlyKeys(f, path, ['kind', 'exception', 'message', 'line', 'afterQueries'])
  if (f.exception !== undefined && !IDENTIFIER.test(string(f.exception, `${path}.exception`)))
    throw new ScenarioError(`${path}.exception`, 'must be a Python class name such as KeyError')
  return {
    kind,
    ...(f.exception === undefined ? {} : { exception: f.exception as string }),
    ...(f.message === undefined ? {} : { message: string(f.message, `${path}.message`) }),
    ...(f.line === undefined ? {} : { line: string(f.line, `${path}.line`) }),
    ...(f.afterQueries === undefined
      ? {}
      : { afterQueries: number(f.afterQueries, `${path}.afterQueries`, 0, 1000) }),
  }
}

const parseHandler = (value: unknown, path: string): HandlerSpec => {
  const h = object(value, path)
  const status = number(h.status ?? 200, `${path}.status`, 200, 599)
  const kind = oneOf(h.kind ?? (status === 204 ? 'empty' : 'json'), `${path}.kind`, RESPONSE_KINDS)
  if (status === 204 && kind !== 'empty')
    throw new ScenarioError(`${path}.kind`, 'a 204 response has no body: use "empty"')
  const queries = array(h.queries ?? [], `${path}.queries`).map((q, i) => {
    const query = object(q, `${path}.queries[${i}]`)
    return {
      sql: string(query.sql, `${path}.queries[${i}].sql`),
      ms: number(query.ms, `${path}.queries[${i}].ms`, 0, 60_000),
      rows: number(query.rows ?? 1, `${path}.queries[${i}].rows`, 0, 1_000_000),
    }
  })
  const spec: {
    -readonly [K in keyof HandlerSpec]: HandlerSpec[K]
  } = {
    kind,
    status,
    body: json(h.body ?? null, `${path}.body`),
    queries,
    computeMs: number(h.computeMs ?? 1, `${path}.computeMs`, 0, 60_000),
  }
  if (h.template !== undefined) spec.template = string(h.template, `${path}.template`)
  if (h.location !== undefined) {
    spec.location = string(h.location, `${path}.location`)
    if (!/^(\/|https?:\/\/)/.test(spec.location))
      throw new ScenarioError(
        `${path}.location`,
        'must be a path ("/users/{id}") or an http(s) URL',
      )
  }
  if (h.headers !== undefined) spec.headers = headerMap(h.headers, `${path}.headers`)
  if (h.calls !== undefined)
    spec.calls = array(h.calls, `${path}.calls`).map((c, i) => {
      const at = `${path}.calls[${i}]`
      const call = object(c, at)
      const url = string(call.url, `${at}.url`)
      if (!/^https?:\/\//.test(url))
        throw new ScenarioError(`${at}.url`, 'must be an absolute http(s) URL')
      return {
        service: string(call.service, `${at}.service`),
        method: oneOf(call.method ?? 'GET', `${at}.method`, HTTP_METHODS),
        url,
        ms: number(call.ms, `${at}.ms`, 0, 600_000),
        status: number(call.status ?? 200, `${at}.status`, 100, 599),
      }
    })
  if (h.session !== undefined) {
    const s = object(h.session, `${path}.session`)
    onlyKeys(s, `${path}.session`, ['set', 'clear'])
    spec.session = {
      ...(s.set === undefined ? {} : { set: jsonObject(s.set, `${path}.session.set`) }),
      ...(s.clear === undefined ? {} : { clear: boolean(s.clear, `${path}.session.clear`) }),
    }
  }
  if (h.fault !== undefined) spec.fault = parseFault(h.fault, `${path}.fault`)
  return spec
}

const parseFields = (value: unknown, path: string): FieldMap => {
  const out: Record<string, FieldSpec> = {}
  for (const [name, raw] of Object.entries(object(value, path))) {
    if (!IDENTIFIER.test(name))
      throw new ScenarioError(`${path}.${name}`, 'field names must be Python identifiers')
    // `"email": "email"` is shorthand for `"email": { "type": "email" }`.
    const field = typeof raw === 'string' ? { type: raw } : object(raw, `${path}.${name}`)
    const type = oneOf(field.type, `${path}.${name}.type`, FIELD_TYPES)
    const required =
      'required' in field && field.required !== undefined
        ? boolean(field.required, `${path}.${name}.required`)
        : true
    out[name] = required ? { type } : { type, required }
  }
  return out
}

const parseDepends = (value: unknown, path: string): DependencySpec[] => {
  const deps = array(value, path).map((d, i): DependencySpec => {
    const at = `${path}[${i}]`
    // `"get_db"` is shorthand for `{ "name": "get_db" }`.
    const dep = typeof d === 'string' ? { name: d } : object(d, at)
    onlyKeys(dep, at, ['name', 'ms', 'uses'])
    const name = string(dep.name, `${at}.name`)
    if (!IDENTIFIER.test(name))
      throw new ScenarioError(`${at}.name`, 'must be a Python identifier such as get_db')
    return {
      name,
      ...(dep.ms === undefined ? {} : { ms: number(dep.ms, `${at}.ms`, 0, 60_000) }),
      ...('uses' in dep && dep.uses !== undefined
        ? { uses: stringArray(dep.uses, `${at}.uses`) }
        : {}),
    }
  })
  const names = new Set(deps.map((d) => d.name))
  deps.forEach((d, i) =>
    d.uses?.forEach((used, j) => {
      if (!names.has(used))
        throw new ScenarioError(
          `${path}[${i}].uses[${j}]`,
          `"${used}" is not declared in this route's depends; declare it too`,
        )
    }),
  )
  // FastAPI would recurse forever resolving a cycle; refuse it here with the loop spelled out.
  const visit = (name: string, seen: string[]): void => {
    if (seen.includes(name))
      throw new ScenarioError(path, `dependency cycle ${[...seen, name].join(' → ')}`)
    for (const used of deps.find((d) => d.name === name)?.uses ?? []) visit(used, [...seen, name])
  }
  for (const dep of deps) visit(dep.name, [])
  return deps
}

const parseRoute = (value: unknown, path: string, framework: Framework): RouteSpec => {
  const r = object(value, path)
  const methods = methodArray(r.methods, `${path}.methods`)
  if (methods.length === 0)
    throw new ScenarioError(`${path}.methods`, 'must list at least one method')
  const pattern = string(r.pattern, `${path}.pattern`)
  if (!pattern.startsWith('/')) throw new ScenarioError(`${path}.pattern`, 'must start with "/"')
  const endpoint = string(r.endpoint, `${path}.endpoint`)
  if (!IDENTIFIER.test(endpoint))
    throw new ScenarioError(`${path}.endpoint`, 'must be a Python identifier such as get_user')
  const route: { -readonly [K in keyof RouteSpec]: RouteSpec[K] } = {
    methods,
    pattern,
    endpoint,
    handler: parseHandler(r.handler, `${path}.handler`),
  }
  if (r.body !== undefined) route.body = parseFields(r.body, `${path}.body`)
  if (r.query !== undefined) route.query = parseFields(r.query, `${path}.query`)
  if (r.params !== undefined) {
    if (framework !== 'fastapi')
      throw new ScenarioError(
        `${path}.params`,
        `typed path parameters are declared in the pattern for ${framework} (e.g. <int:id>); params is for fastapi`,
      )
    const params: Record<string, FieldType> = {}
    for (const [name, type] of Object.entries(object(r.params, `${path}.params`)))
      params[name] = oneOf(type, `${path}.params.${name}`, FIELD_TYPES)
    route.params = params
  }
  if (r.depends !== undefined) {
    if (framework !== 'fastapi')
      throw new ScenarioError(
        `${path}.depends`,
        `Depends() is FastAPI's dependency injection; ${framework} has none`,
      )
    route.depends = parseDepends(r.depends, `${path}.depends`)
  }
  if (r.roles !== undefined) route.roles = stringArray(r.roles, `${path}.roles`)
  return route
}

const parseMiddleware = (value: unknown, path: string): MiddlewareSpec => {
  const m = object(value, path)
  const kind = oneOf(m.kind, `${path}.kind`, MIDDLEWARE_KINDS)
  const base: MiddlewareBase =
    m.position === undefined
      ? {}
      : {
          position: oneOf(m.position, `${path}.position`, [
            'before-router',
            'after-router',
          ] as const),
        }
  const opt = <T>(key: string, read: (v: unknown, at: string) => T): Record<string, T> =>
    m[key] === undefined ? {} : { [key]: read(m[key], `${path}.${key}`) }
  const keys = (...names: string[]) => onlyKeys(m, path, ['kind', 'position', ...names])
  switch (kind) {
    case 'logging':
      keys('responseTimeHeader')
      return { ...base, kind, ...opt('responseTimeHeader', boolean) }
    case 'cors':
      keys(
        'allowOrigins',
        'allowMethods',
        'allowHeaders',
        'exposeHeaders',
        'allowCredentials',
        'maxAge',
        'preflightStatus',
      )
      return {
        ...base,
        kind,
        ...opt('allowOrigins', (v, at) =>
          stringArray(v, at).map((o, i) => {
            if (o !== '*' && !/^https?:\/\/[^/]+$/.test(o))
              throw new ScenarioError(
                `${at}[${i}]`,
                'must be "*" or an origin such as "https://app.example.com" (no path)',
              )
            return o
          }),
        ),
        ...opt('allowMethods', methodArray),
        ...opt('allowHeaders', stringArray),
        ...opt('exposeHeaders', stringArray),
        ...opt('allowCredentials', boolean),
        ...opt('maxAge', (v, at) => number(v, at, 0, 86_400 * 7)),
        ...opt('preflightStatus', (v, at) => {
          if (v !== 200 && v !== 204) throw new ScenarioError(at, 'must be 200 or 204')
          return v as 200 | 204
        }),
      }
    case 'auth':
      keys('scheme', 'users', 'exempt', 'realm')
      return {
        ...base,
        kind,
        ...opt('scheme', (v, at) => oneOf(v, at, ['bearer', 'session', 'either'] as const)),
        ...opt('users', (v, at) =>
          array(v, at).map((u, i): AuthUserSpec => {
            const user = object(u, `${at}[${i}]`)
            onlyKeys(user, `${at}[${i}]`, ['name', 'token', 'roles'])
            return {
              name: string(user.name, `${at}[${i}].name`),
              ...(user.token === undefined
                ? {}
                : { token: string(user.token, `${at}[${i}].token`) }),
              ...(user.roles === undefined
                ? {}
                : { roles: stringArray(user.roles, `${at}[${i}].roles`) }),
            }
          }),
        ),
        ...opt('exempt', stringArray),
        ...opt('realm', string),
      }
    case 'authorization':
      keys('rules')
      return {
        ...base,
        kind,
        ...opt('rules', (v, at) =>
          array(v, at).map((r, i): AuthorizationRule => {
            const rule = object(r, `${at}[${i}]`)
            onlyKeys(rule, `${at}[${i}]`, ['path', 'methods', 'roles'])
            const rulePath = string(rule.path, `${at}[${i}].path`)
            if (!rulePath.startsWith('/'))
              throw new ScenarioError(`${at}[${i}].path`, 'must start with "/"')
            return {
              path: rulePath,
              ...(rule.methods === undefined
                ? {}
                : { methods: methodArray(rule.methods, `${at}[${i}].methods`) }),
              roles: stringArray(rule.roles, `${at}[${i}].roles`),
            }
          }),
        ),
      }
    case 'errors':
      keys('message')
      return { ...base, kind, ...opt('message', string) }
    case 'compression':
      keys('minimumSize', 'level')
      return {
        ...base,
        kind,
        ...opt('minimumSize', (v, at) => number(v, at, 0, 100_000_000)),
        ...opt('level', (v, at) => number(v, at, 1, 9)),
      }
    case 'session':
      keys('cookieName', 'store', 'maxAge', 'sessions')
      return {
        ...base,
        kind,
        ...opt('cookieName', (v, at) => {
          if (!HEADER_NAME.test(string(v, at)))
            throw new ScenarioError(at, 'must be a valid cookie name such as "session"')
          return v as string
        }),
        ...opt('store', (v, at) => oneOf(v, at, ['cookie', 'database'] as const)),
        ...opt('maxAge', (v, at) => (v === null ? null : number(v, at, 0, 86_400 * 400))),
        ...opt('sessions', (v, at) => {
          const out: Record<string, Record<string, JsonValue>> = {}
          for (const [key, data] of Object.entries(object(v, at)))
            out[key] = jsonObject(data, `${at}.${key}`)
          return out
        }),
      }
    case 'rateLimit':
      keys('limit', 'windowSeconds', 'used', 'key')
      return {
        ...base,
        kind,
        ...opt('limit', (v, at) => number(v, at, 1, 1_000_000)),
        ...opt('windowSeconds', (v, at) => number(v, at, 1, 86_400)),
        ...opt('used', (v, at) => number(v, at, 0, 1_000_000)),
        ...opt('key', (v, at) => oneOf(v, at, ['x-forwarded-for', 'remote-addr', 'user'] as const)),
      }
  }
}

export const parseAppSpec = (s: Obj): AppSpec => {
  const framework = oneOf(s.framework, 'framework', FRAMEWORKS)
  return {
    framework,
    middleware: array(s.middleware, 'middleware').map((m, i) =>
      parseMiddleware(m, `middleware[${i}]`),
    ),
    routes: array(s.routes, 'routes').map((r, i) => parseRoute(r, `routes[${i}]`, framework)),
  }
}
