import type { HttpMethod } from '../http'
import { HTTP_METHODS } from '../http'
import type { JsonValue, Obj } from './validate'
import { ScenarioError, array, json, number, object, oneOf, string } from './validate'

export type Framework = 'flask' | 'django' | 'fastapi'
export const FRAMEWORKS: readonly Framework[] = ['flask', 'django', 'fastapi']

export interface DbQuerySpec {
  readonly sql: string
  /** Virtual duration of the query. */
  readonly ms: number
  readonly rows: number
}

/** What a route's view does. Values equal to `"{param}"` in `body` are filled from the path. */
export interface HandlerSpec {
  readonly kind: 'json'
  readonly status: number
  readonly body: JsonValue
  readonly queries: readonly DbQuerySpec[]
  /** Time spent in the view's own Python code, outside queries. */
  readonly computeMs: number
}

export interface RouteSpec {
  readonly methods: readonly HttpMethod[]
  /** Flask-style `<int:id>` or FastAPI-style `{id}` parameters. */
  readonly pattern: string
  /** The view function's name, e.g. `get_user`. */
  readonly endpoint: string
  readonly handler: HandlerSpec
}

export type MiddlewareSpec = { readonly kind: 'logging' }

/** The Python part of a scenario: framework, middleware stack and routes. */
export interface AppSpec {
  readonly framework: Framework
  /** Outermost first, as in Django's MIDDLEWARE list. */
  readonly middleware: readonly MiddlewareSpec[]
  readonly routes: readonly RouteSpec[]
}

const parseHandler = (value: unknown, path: string): HandlerSpec => {
  const h = object(value, path)
  oneOf(h.kind, `${path}.kind`, ['json'])
  const queries = array(h.queries ?? [], `${path}.queries`).map((q, i) => {
    const query = object(q, `${path}.queries[${i}]`)
    return {
      sql: string(query.sql, `${path}.queries[${i}].sql`),
      ms: number(query.ms, `${path}.queries[${i}].ms`, 0, 60_000),
      rows: number(query.rows ?? 1, `${path}.queries[${i}].rows`, 0, 1_000_000),
    }
  })
  return {
    kind: 'json',
    status: number(h.status ?? 200, `${path}.status`, 200, 599),
    body: json(h.body ?? null, `${path}.body`),
    queries,
    computeMs: number(h.computeMs ?? 1, `${path}.computeMs`, 0, 60_000),
  }
}

const parseRoute = (value: unknown, path: string): RouteSpec => {
  const r = object(value, path)
  const methods = array(r.methods, `${path}.methods`).map((m, i) =>
    oneOf(m, `${path}.methods[${i}]`, HTTP_METHODS),
  )
  if (methods.length === 0)
    throw new ScenarioError(`${path}.methods`, 'must list at least one method')
  const pattern = string(r.pattern, `${path}.pattern`)
  if (!pattern.startsWith('/')) throw new ScenarioError(`${path}.pattern`, 'must start with "/"')
  const endpoint = string(r.endpoint, `${path}.endpoint`)
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(endpoint))
    throw new ScenarioError(`${path}.endpoint`, 'must be a Python identifier such as get_user')
  return { methods, pattern, endpoint, handler: parseHandler(r.handler, `${path}.handler`) }
}

export const parseAppSpec = (s: Obj): AppSpec => ({
  framework: oneOf(s.framework, 'framework', FRAMEWORKS),
  middleware: array(s.middleware, 'middleware').map((m, i) => {
    const spec = object(m, `middleware[${i}]`)
    return { kind: oneOf(spec.kind, `middleware[${i}].kind`, ['logging'] as const) }
  }),
  routes: array(s.routes, 'routes').map((r, i) => parseRoute(r, `routes[${i}]`)),
})
