import type { RouteSpec } from './model/scenario'

type Segment =
  { kind: 'static'; text: string } | { kind: 'param'; name: string; type: 'int' | 'str' | 'path' }

/** Splits `/users/<int:id>` or `/users/{id:int}` into typed segments. */
export const compilePattern = (pattern: string): Segment[] =>
  pattern
    .split('/')
    .filter(Boolean)
    .map((part): Segment => {
      const flask = /^<(?:(int|string|path):)?([A-Za-z_]\w*)>$/.exec(part)
      if (flask) return param(flask[2]!, flask[1])
      const starlette = /^\{([A-Za-z_]\w*)(?::(int|str|path))?\}$/.exec(part)
      if (starlette) return param(starlette[1]!, starlette[2])
      return { kind: 'static', text: part }
    })

const param = (name: string, converter: string | undefined): Segment => ({
  kind: 'param',
  name,
  type: converter === 'int' ? 'int' : converter === 'path' ? 'path' : 'str',
})

/** The path parameters if `path` matches `pattern`, otherwise `null`. */
export const matchPath = (
  pattern: string,
  path: string,
): Record<string, string | number> | null => {
  const segments = compilePattern(pattern)
  const parts = path.split('/').filter(Boolean)
  const params: Record<string, string | number> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    const part = parts[i]
    if (part === undefined) return null
    if (segment.kind === 'static') {
      if (segment.text !== part) return null
    } else if (segment.type === 'path') {
      params[segment.name] = decodeURIComponent(parts.slice(i).join('/'))
      return params
    } else if (segment.type === 'int') {
      if (!/^\d+$/.test(part)) return null
      params[segment.name] = Number(part)
    } else {
      params[segment.name] = decodeURIComponent(part)
    }
  }
  return parts.length === segments.length ? params : null
}

export interface RouteAttempt {
  pattern: string
  methods: string[]
  pathMatched: boolean
}

/** Tries routes in order, as Flask, Django and Starlette do; stops at the first full match. */
export const findRoute = (routes: readonly RouteSpec[], method: string, path: string) => {
  const tried: RouteAttempt[] = []
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    tried.push({
      pattern: route.pattern,
      methods: [...route.methods],
      pathMatched: params !== null,
    })
    if (params && (route.methods as readonly string[]).includes(method))
      return { tried, match: { route, params } }
  }
  return { tried, match: undefined }
}
