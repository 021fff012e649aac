import type { HttpMethod } from './http'
import { HTTP_METHODS } from './http'
import type { NetworkPresetId } from './network'
import { NETWORK_PRESETS, isNetworkPreset } from './network'

export const SCENARIO_VERSION = 1

export type Framework = 'flask' | 'django' | 'fastapi'
export const FRAMEWORKS: readonly Framework[] = ['flask', 'django', 'fastapi']

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

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

export interface Scenario {
  readonly version: typeof SCENARIO_VERSION
  readonly framework: Framework
  readonly network: { readonly preset: NetworkPresetId }
  /** Host name → IPv4 address. A host missing here does not resolve (NXDOMAIN). */
  readonly dns: Readonly<Record<string, string>>
  readonly tls: { readonly version: '1.2' | '1.3' }
  readonly proxy: { readonly software: 'nginx' | 'caddy'; readonly workers: number }
  /** Outermost first, as in Django's MIDDLEWARE list. */
  readonly middleware: readonly MiddlewareSpec[]
  readonly routes: readonly RouteSpec[]
}

/** What the browser is asked to send. */
export interface RequestSpec {
  readonly method: HttpMethod
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/** Thrown by `parseScenario`: `path` names the bad field, e.g. `routes[0].pattern`. */
export class ScenarioError extends Error {
  readonly path: string
  constructor(path: string, problem: string) {
    super(`${path || 'scenario'}: ${problem}`)
    this.name = 'ScenarioError'
    this.path = path
  }
}

type Obj = Record<string, unknown>

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`

const object = (value: unknown, path: string): Obj => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ScenarioError(path, `must be an object, got ${describe(value)}`)
  return value as Obj
}

const array = (value: unknown, path: string): unknown[] => {
  if (!Array.isArray(value))
    throw new ScenarioError(path, `must be an array, got ${describe(value)}`)
  return value
}

const string = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value === '')
    throw new ScenarioError(path, `must be a non-empty string, got ${describe(value)}`)
  return value
}

const number = (value: unknown, path: string, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new ScenarioError(path, `must be a number from ${min} to ${max}`)
  return value
}

const oneOf = <T extends string>(value: unknown, path: string, options: readonly T[]): T => {
  if (typeof value !== 'string' || !options.includes(value as T))
    throw new ScenarioError(path, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`)
  return value as T
}

const json = (value: unknown, path: string, depth = 0): JsonValue => {
  if (depth > 32) throw new ScenarioError(path, 'is nested too deeply')
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return number(value, path, -Number.MAX_VALUE, Number.MAX_VALUE)
  if (Array.isArray(value)) return value.map((item, i) => json(item, `${path}[${i}]`, depth + 1))
  const out: Record<string, JsonValue> = {}
  for (const [key, item] of Object.entries(object(value, path)))
    out[key] = json(item, `${path}.${key}`, depth + 1)
  return out
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/

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

/**
 * Validates untrusted JSON (an import, a deep link) into a `Scenario`.
 * Throws `ScenarioError` naming the first bad field and what is wrong with it.
 * @example parseScenario(JSON.parse(text)).routes[0].pattern
 */
export const parseScenario = (input: unknown): Scenario => {
  const s = object(input, '')
  if (s.version !== SCENARIO_VERSION)
    throw new ScenarioError(
      'version',
      `unsupported scenario version ${JSON.stringify(s.version) ?? 'undefined'}; this app reads version ${SCENARIO_VERSION}`,
    )
  const network = object(s.network, 'network')
  const preset = network.preset
  if (!isNetworkPreset(preset))
    oneOf(preset, 'network.preset', Object.keys(NETWORK_PRESETS) as NetworkPresetId[])
  const dnsIn = object(s.dns, 'dns')
  const dns: Record<string, string> = {}
  for (const [host, address] of Object.entries(dnsIn)) {
    if (!HOST.test(host)) throw new ScenarioError(`dns.${host}`, 'is not a valid host name')
    if (typeof address !== 'string' || !IPV4.test(address))
      throw new ScenarioError(`dns.${host}`, 'must be an IPv4 address such as "93.184.216.34"')
    dns[host] = address
  }
  const tls = object(s.tls, 'tls')
  const proxy = object(s.proxy, 'proxy')
  return {
    version: SCENARIO_VERSION,
    framework: oneOf(s.framework, 'framework', FRAMEWORKS),
    network: { preset: preset as NetworkPresetId },
    dns,
    tls: { version: oneOf(tls.version, 'tls.version', ['1.2', '1.3'] as const) },
    proxy: {
      software: oneOf(proxy.software, 'proxy.software', ['nginx', 'caddy'] as const),
      workers: number(proxy.workers, 'proxy.workers', 1, 64),
    },
    middleware: array(s.middleware, 'middleware').map((m, i) => {
      const spec = object(m, `middleware[${i}]`)
      return { kind: oneOf(spec.kind, `middleware[${i}].kind`, ['logging'] as const) }
    }),
    routes: array(s.routes, 'routes').map((r, i) => parseRoute(r, `routes[${i}]`)),
  }
}
