import * as v from 'valibot'
import { HTTP_METHODS } from '../http'
import type { MiddlewareKind } from '../middlewareKinds'
import { HeaderName, HeaderValue } from './request'
import type { Parsed, ParsedFields } from './validate'
import {
  TOKEN,
  arr,
  bool,
  dict,
  fields,
  issueAt,
  json,
  jsonObject,
  kinds,
  matches,
  num,
  obj,
  oneOf,
  pattern,
  sitePath,
  str,
  strict,
  strings,
} from './validate'

export const FRAMEWORKS = ['flask', 'django', 'fastapi'] as const
export type Framework = (typeof FRAMEWORKS)[number]

export const FIELD_TYPES = ['str', 'int', 'float', 'bool', 'email'] as const
/** A declared input's type: Python's `str`/`int`/`float`/`bool` and pydantic's `EmailStr`. */
export type FieldType = (typeof FIELD_TYPES)[number]

export { MIDDLEWARE_KINDS } from '../middlewareKinds'
export type { MiddlewareKind }

const RESPONSE_KINDS = ['json', 'html', 'text', 'empty', 'redirect'] as const
/**
 * How the view's return value is serialized: `jsonify`/`JsonResponse`, a template, nothing, a
 * redirect, or `text`: a bare string returned as it is (`return "…"`, `HttpResponse("…")`), which
 * each framework labels its own way.
 */
export type ResponseKind = (typeof RESPONSE_KINDS)[number]

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

const method = oneOf(HTTP_METHODS)
const methods = arr(method)
const identifier = (example: string) =>
  pattern(IDENTIFIER, `must be a Python identifier such as ${example}`)

/** A shorthand (`"email"`, `"get_db"`) stands for `{ [key]: shorthand }`. */
const shorthand = <S extends v.GenericSchema>(key: string, schema: S) =>
  v.pipe(
    v.unknown(),
    v.transform((raw) => (typeof raw === 'string' ? { [key]: raw } : raw)),
    schema,
  )

const DbQuery = obj({
  sql: str,
  /** Virtual duration of the query. */
  ms: num(0, 60_000),
  rows: v.nullish(num(0, 1_000_000), 1),
})

/** An HTTP call the view makes to another service, e.g. a payment API. */
const ExternalCall = obj({
  service: str,
  method: v.nullish(method, 'GET'),
  url: pattern(/^https?:\/\//, 'must be an absolute http(s) URL'),
  ms: num(0, 600_000),
  /** The status the other service answers with. */
  status: v.nullish(num(100, 599), 200),
})

/** Something going wrong inside the view. */
const Fault = kinds([
  fields({
    /** The view raises: with no error handling it becomes the framework's default 500. */
    kind: v.literal('exception'),
    /** Python exception class, e.g. `KeyError` (the default). */
    exception: v.optional(pattern(IDENTIFIER, 'must be a Python class name such as KeyError')),
    /** `str(e)`, e.g. `'email'`; a plausible default per exception class. */
    message: v.optional(str),
    /** The source line that raised, shown in the traceback. */
    line: v.optional(str),
    /** How many of the queries run before the raise (default: all of them). */
    afterQueries: v.optional(num(0, 1000)),
  }),
  fields({
    /** One query is slow (a missing index, a lock): the rest of the view is unchanged. */
    kind: v.literal('slow-query'),
    /** Which query, from 0 (default 0). */
    query: v.optional(num(0, 1000)),
    /** Its duration in ms (default 300). */
    ms: v.optional(num(0, 600_000)),
  }),
])

/**
 * What a route's view does. Values equal to `"{name}"` in `body`, `location` and `template`
 * context are filled from the path parameters, then from the validated body and query.
 */
const Handler = v.pipe(
  obj({
    status: v.nullish(num(200, 599), 200),
    /** Default `json`, or `empty` when `status` is 204. */
    kind: v.nullish(oneOf(RESPONSE_KINDS)),
    body: v.nullish(json, null),
    queries: v.nullish(arr(DbQuery), []),
    /** Time spent in the view's own Python code, outside queries and calls. */
    computeMs: v.nullish(num(0, 60_000), 1),
    /** `html` only: the template to render (default `<endpoint>.html`). */
    template: v.optional(str),
    /** `Location` header, e.g. `/users/{id}`; a 201 with an `id` in its body gets one by default. */
    location: v.optional(
      v.pipe(
        pattern(/^(\/|https?:\/\/)/, 'must be a path ("/users/{id}") or an http(s) URL'),
        HeaderValue,
      ),
    ),
    /** Extra response headers the view sets, e.g. `Cache-Control`. */
    headers: v.optional(
      dict(
        v.pipe(
          v.string(),
          matches(TOKEN, 'is not a header name'),
          v.transform((name) => name.toLowerCase()),
        ),
        HeaderValue,
      ),
    ),
    calls: v.optional(arr(ExternalCall)),
    /** What the view writes to the session, e.g. `{ "set": { "user": "ada" } }` after a login. */
    session: v.optional(strict({ set: v.optional(jsonObject), clear: v.optional(bool) })),
    fault: v.optional(Fault),
  }),
  v.transform(({ status, kind, ...rest }) => ({
    kind: kind ?? (status === 204 ? 'empty' : 'json'),
    status,
    ...rest,
  })),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed && dataset.value.status === 204 && dataset.value.kind !== 'empty')
      issueAt(addIssue, ['kind'], 'a 204 response has no body: use "empty"')
    if (dataset.typed && dataset.value.kind === 'text' && typeof dataset.value.body !== 'string')
      issueAt(addIssue, ['body'], 'a "text" view returns a string: give "body" a string')
    if (dataset.typed && dataset.value.kind === 'redirect') {
      if (![301, 302, 303, 307, 308].includes(dataset.value.status))
        issueAt(addIssue, ['status'], 'a redirect is 301, 302, 303, 307 or 308')
      if (dataset.value.location === undefined)
        issueAt(addIssue, ['location'], 'a redirect needs a location, e.g. "/dashboard"')
    }
  }),
)

const Field = shorthand(
  'type',
  v.pipe(
    obj({ type: oneOf(FIELD_TYPES), /** Default true. */ required: v.optional(bool) }),
    v.transform(({ type, required }): { type: FieldType; required?: boolean } =>
      required === false ? { type, required } : { type },
    ),
  ),
)

/** Declared inputs, field name → spec, in declaration order (errors come out in this order). */
const Fields = dict(
  v.pipe(v.string(), matches(IDENTIFIER, 'field names must be Python identifiers')),
  Field,
)

/** A FastAPI `Depends()` callable, e.g. `get_db` or `get_current_user`. */
const Dependency = shorthand(
  'name',
  strict({
    name: identifier('get_db'),
    /** Time the dependency takes (default 0.2). */
    ms: v.optional(num(0, 60_000)),
    /** Names of other dependencies it depends on, resolved first (and cached per request). */
    uses: v.optional(strings),
  }),
)

const Depends = v.pipe(
  arr(Dependency),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const deps = dataset.value
    const names = new Set(deps.map((d) => d.name))
    for (const [i, dep] of deps.entries())
      for (const [j, used] of (dep.uses ?? []).entries())
        if (!names.has(used))
          return issueAt(
            addIssue,
            [i, 'uses', j],
            `"${used}" is not declared in this route's depends; declare it too`,
          )
    // FastAPI would recurse forever resolving a cycle; refuse it here with the loop spelled out.
    const done = new Set<string>()
    const loop = (name: string, seen: string[]): string[] | null => {
      if (seen.includes(name)) return [...seen, name]
      if (done.has(name)) return null
      for (const used of deps.find((d) => d.name === name)?.uses ?? []) {
        const found = loop(used, [...seen, name])
        if (found) return found
      }
      done.add(name)
      return null
    }
    for (const dep of deps) {
      const found = loop(dep.name, [])
      if (found) return issueAt(addIssue, [], `dependency cycle ${found.join(' → ')}`)
    }
  }),
)

const Route = obj({
  methods: v.pipe(
    methods,
    v.check((list) => list.length > 0, 'must list at least one method'),
  ),
  /** Flask/Django `<int:id>` or Starlette `{id}`, `{id:int}` parameters. */
  pattern: sitePath,
  /** The view function's name, e.g. `get_user`. */
  endpoint: identifier('get_user'),
  handler: Handler,
  /** The body the view expects: FastAPI's pydantic model, Django's form, Flask's schema. */
  body: v.optional(Fields),
  /** Query parameters the view declares. */
  query: v.optional(Fields),
  /** FastAPI: the annotated type of each path parameter (`user_id: int`), checked by pydantic. */
  params: v.optional(dict(v.string(), oneOf(FIELD_TYPES))),
  /** FastAPI only: the `Depends()` the endpoint declares, in parameter order. */
  depends: v.optional(Depends),
  /** Roles allowed to call this view; used by authorization middleware placed after the router. */
  roles: v.optional(strings),
})

/** A user the auth middleware knows: a Bearer token, roles for authorization. */
const AuthUser = strict({ name: str, token: v.optional(str), roles: v.optional(strings) })

const AuthorizationRule = strict({
  /** Path prefix, whole segments: `/admin` covers `/admin/stats`, not `/administrator`. */
  path: sitePath,
  /** Methods the rule covers; all when absent. */
  methods: v.optional(methods),
  roles: strings,
})

/** One middleware's options: every one is optional and has a framework-faithful default. */
const middleware = <K extends MiddlewareKind, E extends v.ObjectEntries>(kind: K, entries: E) =>
  fields({
    /**
     * Where it sits: `before-router` (the default, app-wide middleware) or `after-router` (code
     * that runs once a route matched: a view decorator such as `@login_required`, a FastAPI
     * route dependency, DRF's permission classes).
     */
    position: v.optional(oneOf(['before-router', 'after-router'])),
    kind: v.literal(kind),
    ...entries,
  })

const origin = v.pipe(
  str,
  v.check(
    (o) => o === '*' || /^https?:\/\/[^/]+$/.test(o),
    'must be "*" or an origin such as "https://app.example.com" (no path)',
  ),
)

const Middleware = kinds([
  middleware('logging', {
    /** Add `X-Response-Time` on the way out (default true). */
    responseTimeHeader: v.optional(bool),
  }),
  middleware('cors', {
    /** Default `["https://app.example.com"]`; `"*"` allows any origin. */
    allowOrigins: v.optional(arr(origin)),
    allowMethods: v.optional(methods),
    allowHeaders: v.optional(arr(HeaderName)),
    exposeHeaders: v.optional(arr(HeaderName)),
    allowCredentials: v.optional(bool),
    /** Seconds the browser may cache a preflight answer (default 600). */
    maxAge: v.optional(num(0, 86_400 * 7)),
    /** Status of a preflight answer: 204 by default, 200 (with `OK`) for FastAPI/Starlette. */
    preflightStatus: v.optional(v.picklist([200, 204], 'must be 200 or 204')),
  }),
  middleware('auth', {
    /** Where credentials come from (default `bearer`). */
    scheme: v.optional(oneOf(['bearer', 'session', 'either'])),
    users: v.optional(arr(AuthUser)),
    /** Path prefixes that need no credentials, e.g. `/login`. */
    exempt: v.optional(strings),
    realm: v.optional(v.pipe(str, HeaderValue)),
  }),
  middleware('authorization', { rules: v.optional(arr(AuthorizationRule)) }),
  middleware('errors', {
    /** The message in the 500 JSON body (default `Internal Server Error`). */
    message: v.optional(str),
  }),
  middleware('compression', {
    /** Smallest body worth compressing, in bytes (Starlette and Flask-Compress 500, Django 200). */
    minimumSize: v.optional(num(0, 100_000_000)),
    /** gzip level 1–9 (default 9, Starlette's; Flask-Compress uses 6). */
    level: v.optional(num(1, 9)),
  }),
  middleware('session', {
    /** Default `session` (Flask, Starlette) or `sessionid` (Django). */
    cookieName: v.optional(pattern(TOKEN, 'must be a valid cookie name such as "session"')),
    /** `cookie`: signed data in the cookie (Flask, Starlette); `database`: Django's default. */
    store: v.optional(oneOf(['cookie', 'database'])),
    /** Cookie lifetime in seconds; `null` for a browser-session cookie (Flask's default). */
    maxAge: v.nullish(num(0, 86_400 * 400)),
    /** `database` store: session key → data, as rows in `django_session`. */
    sessions: v.optional(dict(v.string(), jsonObject)),
  }),
  middleware('rateLimit', {
    /** Requests allowed per window (default 100). */
    limit: v.optional(num(1, 1_000_000)),
    windowSeconds: v.optional(num(1, 86_400)),
    /** Requests already counted in the current window before this one (default 0). */
    used: v.optional(num(0, 1_000_000)),
    /**
     * What identifies a client: `x-forwarded-for` (default), `remote-addr` (behind a proxy
     * every client shares the proxy's address) or the authenticated `user`.
     */
    key: v.optional(oneOf(['x-forwarded-for', 'remote-addr', 'user'])),
  }),
  /**
   * Django's `CsrfViewMiddleware`: unsafe methods need the `csrftoken` cookie and a matching token,
   * and an `Origin` that is the site's own or listed in `trustedOrigins` (`CSRF_TRUSTED_ORIGINS`).
   * Django only: Flask and FastAPI have no CSRF protection built in.
   */
  middleware('csrf', { trustedOrigins: v.optional(arr(origin)) }),
])

/** The Python part of a scenario: framework, middleware stack and routes. */
export const appEntries = {
  framework: oneOf(FRAMEWORKS),
  /** Outermost first, as in Django's MIDDLEWARE list. */
  middleware: arr(Middleware),
  routes: arr(Route),
}

/**
 * Typed path parameters and `Depends()` are FastAPI's; the other frameworks have neither. CSRF
 * middleware is Django's.
 */
export const fastapiOnly = <
  T extends {
    framework: Framework
    routes: readonly RouteIn[]
    middleware: readonly { kind: MiddlewareKind; position?: string | undefined }[]
  },
>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const { framework, routes, middleware } = dataset.value
    // Django's CSRF middleware is the one built-in middleware the others lack.
    const csrf = middleware.findIndex((m) => m.kind === 'csrf')
    if (csrf >= 0 && framework !== 'django')
      return issueAt(
        addIssue,
        ['middleware', csrf, 'kind'],
        `csrf is Django's CsrfViewMiddleware; ${framework} has no CSRF protection built in`,
      )
    if (csrf >= 0 && middleware[csrf]!.position === 'after-router')
      return issueAt(
        addIssue,
        ['middleware', csrf, 'position'],
        'CsrfViewMiddleware is listed in MIDDLEWARE; its check already runs after the URL resolves',
      )
    if (framework === 'fastapi') return
    for (const [i, route] of routes.entries()) {
      if (route.params !== undefined)
        return issueAt(
          addIssue,
          ['routes', i, 'params'],
          `typed path parameters are declared in the pattern for ${framework} (e.g. <int:id>); params is for fastapi`,
        )
      if (route.depends !== undefined)
        return issueAt(
          addIssue,
          ['routes', i, 'depends'],
          `Depends() is FastAPI's dependency injection; ${framework} has none`,
        )
    }
  })

type RouteIn = v.InferOutput<typeof Route>
export type AppSpec = ParsedFields<typeof appEntries>
export type MiddlewareSpec = Parsed<typeof Middleware>
export type RouteSpec = Parsed<typeof Route>
export type HandlerSpec = Parsed<typeof Handler>
export type HandlerFault = Parsed<typeof Fault>
export type DbQuerySpec = Parsed<typeof DbQuery>
export type ExternalCallSpec = Parsed<typeof ExternalCall>
export type FieldSpec = Parsed<typeof Field>
export type FieldMap = Parsed<typeof Fields>
export type DependencySpec = Parsed<typeof Dependency>
export type AuthUserSpec = Parsed<typeof AuthUser>
export type AuthorizationRule = Parsed<typeof AuthorizationRule>
