import type {
  Framework,
  FieldType,
  HandlerSpec,
  HttpMethod,
  MiddlewareKind,
  MiddlewareSpec,
  RouteSpec,
  Scenario,
} from '../../engine'
import { MIDDLEWARE_KINDS } from '../../engine'
import { middlewareName } from '../model/middleware'

/** The three framework profiles: each framework runs on the server its docs recommend. */
export const PROFILES: readonly {
  readonly framework: Framework
  readonly label: string
  readonly server: string
}[] = [
  { framework: 'flask', label: 'Flask', server: 'gunicorn · WSGI' },
  { framework: 'django', label: 'Django', server: 'gunicorn · WSGI' },
  { framework: 'fastapi', label: 'FastAPI', server: 'uvicorn · ASGI' },
]

/** What a view does, in the words the routes table offers; each maps onto `HandlerSpec` fields. */
export type Behaviour =
  'json' | 'html' | 'text' | 'created' | 'empty' | 'redirect' | 'raises' | 'slow-db'

export const BEHAVIOURS: readonly { readonly id: Behaviour; readonly label: string }[] = [
  { id: 'json', label: 'Returns JSON' },
  { id: 'html', label: 'Renders HTML' },
  { id: 'text', label: 'Returns a plain string' },
  { id: 'created', label: '201 Created' },
  { id: 'empty', label: '204 No Content' },
  { id: 'redirect', label: '302 redirect' },
  { id: 'raises', label: 'Raises an exception' },
  { id: 'slow-db', label: 'Slow database query' },
]

export const behaviourOf = (handler: HandlerSpec): Behaviour => {
  if (handler.fault?.kind === 'exception') return 'raises'
  if (handler.fault?.kind === 'slow-query') return 'slow-db'
  if (handler.kind === 'empty' || handler.status === 204) return 'empty'
  if (handler.kind === 'redirect') return 'redirect'
  if (handler.kind === 'html') return 'html'
  if (handler.kind === 'text') return 'text'
  if (handler.status === 201) return 'created'
  return 'json'
}

const DEFAULT_QUERY = { sql: 'SELECT * FROM items WHERE id = %s', ms: 6, rows: 1 }
/** The slow query's time when a route is switched to "Slow database query". */
export const SLOW_QUERY_MS = 300

const objectBody = (handler: HandlerSpec): HandlerSpec['body'] =>
  handler.body !== null && typeof handler.body === 'object' ? handler.body : { ok: true }

/**
 * The handler with `behaviour`, keeping what the view already does (its queries, its body, its
 * compute time) wherever the new behaviour has room for it.
 */
export const withBehaviour = (handler: HandlerSpec, behaviour: Behaviour): HandlerSpec => {
  // Drop the fault and the response shape; each branch below sets what it needs.
  const { fault: _fault, template: _template, kind: _kind, location, ...others } = handler
  // A redirect's Location leaves with it; any other view keeps its own (a 201's, say).
  const rest =
    handler.kind === 'redirect' || location === undefined ? others : { ...others, location }
  const json = { ...rest, kind: 'json' as const, body: objectBody(handler) }
  const ok =
    handler.status === 204 || handler.status === 201 || handler.kind === 'redirect'
      ? 200
      : handler.status
  switch (behaviour) {
    case 'json':
      return { ...json, status: ok }
    case 'html':
      return { ...json, kind: 'html', status: ok }
    case 'text':
      // The string the view already returned, or the one-word answer people write first.
      return {
        ...rest,
        kind: 'text',
        status: ok,
        body: typeof handler.body === 'string' ? handler.body : 'OK',
      }
    case 'created': {
      const body = objectBody(handler)
      // A 201 with an `id` in its body gets a Location header pointing at the new thing.
      const withId = Array.isArray(body) ? body : { id: 43, ...(body as Record<string, unknown>) }
      return { ...json, status: 201, body: withId }
    }
    case 'empty':
      return { ...rest, kind: 'empty', status: 204, body: null }
    case 'redirect':
      // redirect() to the site's root unless the view already had somewhere to send people.
      return { ...others, kind: 'redirect', status: 302, body: null, location: location ?? '/' }
    case 'raises':
      return { ...json, status: ok, fault: { kind: 'exception' } }
    case 'slow-db':
      return {
        ...json,
        status: ok,
        queries: handler.queries.length > 0 ? handler.queries : [DEFAULT_QUERY],
        fault: { kind: 'slow-query', query: 0, ms: SLOW_QUERY_MS },
      }
  }
}

type Segment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly converter: string | undefined }

const ANGLE = /^<(?:([A-Za-z_]\w*):)?([A-Za-z_]\w*)>$/
const BRACE = /^\{([A-Za-z_]\w*)(?::([A-Za-z_]\w*))?\}$/

/** The converters each router knows (Werkzeug, Django's path(), Starlette). */
const CONVERTERS: Readonly<Record<Framework, readonly string[]>> = {
  flask: ['string', 'int', 'float', 'path', 'uuid', 'any'],
  django: ['str', 'int', 'slug', 'uuid', 'path'],
  fastapi: ['str', 'int', 'float', 'path', 'uuid'],
}

const EXAMPLE: Readonly<Record<Framework, string>> = {
  flask: '/users/<int:id>',
  django: '/users/<int:id>/',
  fastapi: '/users/{user_id}',
}

const segmentsOf = (pattern: string, framework: Framework): Segment[] | string => {
  const out: Segment[] = []
  const names = new Set<string>()
  const parts = pattern.split('/').slice(1)
  for (const [i, part] of parts.entries()) {
    if (part === '') {
      // Only the last part may be empty: a trailing slash, as Django's patterns have.
      if (i !== parts.length - 1) return 'two slashes in a row never match a path'
      out.push({ kind: 'static', text: '' })
      continue
    }
    const angle = ANGLE.exec(part)
    const brace = BRACE.exec(part)
    const hit = framework === 'fastapi' ? brace : angle
    if (hit) {
      const [, first, second] = hit
      const name = (framework === 'fastapi' ? first : second)!
      const converter = framework === 'fastapi' ? second : first
      if (converter !== undefined && !CONVERTERS[framework].includes(converter))
        return `"${converter}" is not a ${label(framework)} converter; use one of ${CONVERTERS[framework].join(', ')}`
      if (names.has(name)) return `the parameter "${name}" appears twice`
      names.add(name)
      out.push({ kind: 'param', name, converter })
      continue
    }
    if (framework === 'fastapi' ? angle : brace)
      return `${label(framework)} writes parameters as ${framework === 'fastapi' ? '{name}' : '<int:name>'}, e.g. ${EXAMPLE[framework]}`
    if (/[<>{}]/.test(part))
      return `"${part}" is not a valid parameter; write it like ${EXAMPLE[framework]}`
    if (/[\s?#]/.test(part)) return 'a pattern has no spaces, "?" or "#"'
    out.push({ kind: 'static', text: part })
  }
  return out
}

const label = (framework: Framework): string =>
  PROFILES.find((p) => p.framework === framework)?.label ?? framework

/** Why a route pattern cannot be used with this framework, or `null` when it is fine. */
export const patternProblem = (pattern: string, framework: Framework): string | null => {
  if (pattern.trim() === '') return `Enter a path pattern such as ${EXAMPLE[framework]}.`
  if (!pattern.startsWith('/')) return `A pattern starts with "/", e.g. ${EXAMPLE[framework]}.`
  const result = segmentsOf(pattern, framework)
  return typeof result === 'string' ? `${result.charAt(0).toUpperCase()}${result.slice(1)}.` : null
}

const PARAM_TYPE: Readonly<Record<string, FieldType>> = { int: 'int', float: 'float' }

/** A pattern rewritten for another framework's router, with FastAPI's typed parameters. */
const convertRoute = (route: RouteSpec, from: Framework, to: Framework): RouteSpec => {
  const { params, depends: _depends, ...rest } = route
  const segments = segmentsOf(route.pattern, from)
  if (typeof segments === 'string') return rest
  const typed: Record<string, FieldType> = {}
  const parts = segments.map((s) => {
    if (s.kind === 'static') return s.text
    // FastAPI checks a typed parameter with pydantic (422); the others convert in the router (404).
    const type = params?.[s.name] ?? (s.converter ? PARAM_TYPE[s.converter] : undefined)
    if (to === 'fastapi') {
      if (type && type !== 'str') typed[s.name] = type
      return s.converter === 'path' || s.converter === 'uuid'
        ? `{${s.name}:${s.converter}}`
        : `{${s.name}}`
    }
    let converter = type === 'int' || type === 'float' ? type : s.converter
    if (converter === 'string' && to === 'django') converter = 'str'
    if (converter === 'str' && to === 'flask') converter = undefined
    if (converter && !CONVERTERS[to].includes(converter)) converter = undefined
    return converter ? `<${converter}:${s.name}>` : `<${s.name}>`
  })
  return {
    ...rest,
    pattern: `/${parts.join('/')}`,
    ...(to === 'fastapi' && Object.keys(typed).length > 0 ? { params: typed } : {}),
  }
}

/** The app on another framework: same routes, patterns in its syntax, no FastAPI-only fields. */
export const withFramework = (scenario: Scenario, framework: Framework): Scenario =>
  scenario.framework === framework
    ? scenario
    : {
        ...scenario,
        framework,
        // Django's CSRF middleware has no counterpart built into Flask or FastAPI.
        middleware:
          framework === 'django'
            ? scenario.middleware
            : scenario.middleware.filter((m) => m.kind !== 'csrf'),
        routes: scenario.routes.map((r) => convertRoute(r, scenario.framework, framework)),
      }

/** A pattern edited in the routes table: FastAPI's typed parameters follow the names in it. */
export const withPattern = (route: RouteSpec, pattern: string, framework: Framework): RouteSpec => {
  if (framework !== 'fastapi' || !route.params) return { ...route, pattern }
  const segments = segmentsOf(pattern, framework)
  const names = new Set(
    typeof segments === 'string'
      ? []
      : segments.flatMap((s) => (s.kind === 'param' ? [s.name] : [])),
  )
  const params = Object.fromEntries(Object.entries(route.params).filter(([n]) => names.has(n)))
  const { params: _old, ...rest } = route
  return Object.keys(params).length > 0 ? { ...rest, pattern, params } : { ...rest, pattern }
}

/** The methods a route answers, as the table's one "Method" choice shows them. */
export const methodLabel = (methods: readonly HttpMethod[]): string => methods.join(', ')

const endpointFor = (pattern: string, routes: readonly RouteSpec[]): string => {
  const words = pattern.replace(/[<{][^>}]*[>}]/g, '').match(/[A-Za-z0-9]+/g) ?? []
  const base = `view_${words.join('_').toLowerCase() || 'index'}`.replace(/^view_(\d)/, 'view_n$1')
  let name = base
  for (let n = 2; routes.some((r) => r.endpoint === name); n++) name = `${base}_${n}`
  return name
}

/** A new route for the table: a GET that answers JSON after one quick query. */
export const newRoute = (framework: Framework, routes: readonly RouteSpec[]): RouteSpec => {
  let pattern = framework === 'django' ? '/items/' : '/items'
  for (let n = 2; routes.some((r) => r.pattern === pattern); n++)
    pattern = framework === 'django' ? `/items-${n}/` : `/items-${n}`
  return {
    methods: ['GET'],
    pattern,
    endpoint: endpointFor(pattern, routes),
    handler: {
      kind: 'json',
      status: 200,
      body: { items: [] },
      queries: [{ sql: 'SELECT * FROM items LIMIT 20', ms: 5, rows: 0 }],
      computeMs: 1,
    },
  }
}

export const withEndpointFor = (
  route: RouteSpec,
  pattern: string,
  routes: readonly RouteSpec[],
): RouteSpec =>
  // Generated names follow the pattern; a curated view keeps the name its code uses.
  route.endpoint.startsWith('view_')
    ? {
        ...route,
        endpoint: endpointFor(
          pattern,
          routes.filter((r) => r !== route),
        ),
      }
    : route

/** The middleware's display name, e.g. "Authentication". */
export const nameOf = (spec: Pick<MiddlewareSpec, 'kind'>): string => middlewareName(spec.kind)

/**
 * Kinds not yet in the stack (each runs once: the journey shows one ring per kind); CSRF
 * protection only where it is built in, in Django.
 */
export const addableKinds = (
  middleware: readonly MiddlewareSpec[],
  framework: Framework,
): MiddlewareKind[] =>
  MIDDLEWARE_KINDS.filter(
    (kind) =>
      !middleware.some((m) => m.kind === kind) && (kind !== 'csrf' || framework === 'django'),
  )

/** `list` with the item at `from` moved to `to`. */
export const moveItem = <T>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list]
  const [item] = next.splice(from, 1)
  if (item === undefined) return next
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item)
  return next
}

/** "Logging is now 2 of 3, inside Authentication." for the live region after a move. */
export const positionSentence = (middleware: readonly MiddlewareSpec[], index: number): string => {
  const spec = middleware[index]
  if (!spec) return ''
  const outer = middleware[index - 1]
  const where =
    index === 0
      ? 'outermost'
      : index === middleware.length - 1
        ? `innermost, inside ${nameOf(outer!)}`
        : `inside ${nameOf(outer!)}`
  return `${nameOf(spec)} is now ${index + 1} of ${middleware.length}, ${where}.`
}
