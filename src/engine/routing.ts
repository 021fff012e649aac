import type { Framework, RouteSpec } from './model/scenario'
import type { RouteAttempt } from './model/events/app'

/** A path converter: Werkzeug's and Django's `<int:id>`, Starlette's `{id:int}`. */
type ConverterType = 'int' | 'float' | 'str' | 'path' | 'slug' | 'uuid'

type Segment =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly type: ConverterType }

// What each converter's regex accepts, as the frameworks define them.
const CONVERTER_REGEX: Readonly<Record<ConverterType, string>> = {
  int: '\\d+',
  float: '\\d+(?:\\.\\d+)?',
  str: '[^/]+',
  path: '.+',
  slug: '[-a-zA-Z0-9_]+',
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
}

const converter = (name: string | undefined): ConverterType => {
  switch (name) {
    case 'int':
    case 'float':
    case 'path':
    case 'slug':
    case 'uuid':
      return name
    default:
      // `string` (Werkzeug), `str` (Django, Starlette) and no converter all mean one segment.
      return 'str'
  }
}

/** Splits `/users/<int:id>` or `/users/{id:int}` into typed segments. */
export const compilePattern = (pattern: string): Segment[] =>
  pattern
    .split('/')
    .filter(Boolean)
    .map((part): Segment => {
      const angle = /^<(?:(\w+):)?([A-Za-z_]\w*)>$/.exec(part)
      if (angle) return { kind: 'param', name: angle[2]!, type: converter(angle[1]) }
      const brace = /^\{([A-Za-z_]\w*)(?::(\w+))?\}$/.exec(part)
      if (brace) return { kind: 'param', name: brace[1]!, type: converter(brace[2]) }
      return { kind: 'static', text: part }
    })

interface Compiled {
  readonly regex: RegExp
  readonly params: readonly { name: string; type: ConverterType }[]
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// Patterns are few and reused across requests, so each is compiled once.
const compiled = new Map<string, Compiled>()

const compile = (pattern: string): Compiled => {
  const cached = compiled.get(pattern)
  if (cached) return cached
  const params: { name: string; type: ConverterType }[] = []
  const source = pattern
    .split('/')
    .map((part) => {
      const [segment] = compilePattern(part)
      if (!segment || segment.kind === 'static') return escapeRegex(part)
      params.push({ name: segment.name, type: segment.type })
      return `(${CONVERTER_REGEX[segment.type]})`
    })
    .join('/')
  const result = { regex: new RegExp(`^${source}$`), params }
  compiled.set(pattern, result)
  return result
}

/**
 * The path parameters if `path` matches `pattern` whole, otherwise `null`. As in the real
 * routers, a trailing slash counts: `/users/42/` does not match `/users/<int:id>`.
 */
export const matchPath = (
  pattern: string,
  path: string,
): Record<string, string | number> | null => {
  const { regex, params } = compile(pattern)
  const found = regex.exec(path)
  if (!found) return null
  const values: Record<string, string | number> = {}
  params.forEach(({ name, type }, i) => {
    const raw = decodeSafely(found[i + 1]!)
    values[name] = type === 'int' || type === 'float' ? Number(raw) : raw
  })
  return values
}

const decodeSafely = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The methods a route answers: Flask and Django add HEAD wherever GET is, and OPTIONS (they
 * answer it themselves). FastAPI's APIRoute adds neither: `@app.get` answers GET only, so HEAD
 * gets a 405 (Starlette's own Route would add HEAD; FastAPI's does not).
 */
export const routeMethods = (route: RouteSpec, framework: Framework): string[] => {
  const methods: string[] = [...route.methods]
  if (framework !== 'fastapi' && methods.includes('GET') && !methods.includes('HEAD'))
    methods.push('HEAD')
  if (framework !== 'fastapi' && !methods.includes('OPTIONS')) methods.push('OPTIONS')
  return methods
}

// Django lists `Allow` in View.http_method_names order; Werkzeug and Starlette use sets, sorted here.
const DJANGO_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

/** The `Allow` header value for a path's methods. */
export const allowHeader = (methods: Iterable<string>, framework: Framework): string => {
  const unique = [...new Set(methods)]
  return (
    framework === 'django'
      ? unique.sort((a, b) => DJANGO_ORDER.indexOf(a) - DJANGO_ORDER.indexOf(b))
      : unique.sort()
  ).join(', ')
}

interface RouteLookup {
  readonly tried: RouteAttempt[]
  readonly match: { route: RouteSpec; params: Record<string, string | number> } | undefined
  /** Every method the path answers, across the routes whose pattern matched. */
  readonly allowed: string[]
  /** Starlette's 405 lists only the first route whose path matched (its router keeps one). */
  readonly firstPathMatch: RouteSpec | undefined
}

/** Tries routes in order, as Flask, Django and Starlette do; stops at the first full match. */
export const findRoute = (
  routes: readonly RouteSpec[],
  method: string,
  path: string,
  framework: Framework = 'flask',
): RouteLookup => {
  const tried: RouteAttempt[] = []
  const allowed: string[] = []
  let firstPathMatch: RouteSpec | undefined
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    const methods = routeMethods(route, framework)
    tried.push({ pattern: route.pattern, methods, pathMatched: params !== null })
    if (!params) continue
    firstPathMatch ??= route
    allowed.push(...methods)
    // HEAD runs the GET view; OPTIONS is answered by the framework, not the view.
    if (methods.includes(method) && method !== 'OPTIONS')
      return { tried, match: { route, params }, allowed, firstPathMatch }
    if (method === 'OPTIONS' && route.methods.includes('OPTIONS'))
      return { tried, match: { route, params }, allowed, firstPathMatch }
  }
  return { tried, match: undefined, allowed, firstPathMatch }
}
