/**
 * Which lines of the generated code the current event stands for: the matched route's
 * decorator for a router event, the view body (or the query's own line) for a handler event,
 * the middleware's entry in the stack for a middleware event.
 */
import type { Scenario, TraceEvent } from '../../engine'
import { middlewareKindOf } from '../../engine'
import type { Anchor, CodeFile, ProxyPart } from './model'

/** What to look for; a line matches when one of its anchors does. */
export type Target = Anchor

/** The events of the round trip holding `index`, up to it (a redirect starts a new one). */
const tripBefore = (events: readonly TraceEvent[], index: number): TraceEvent[] => {
  let start = 0
  for (let i = index; i >= 0; i--)
    if (events[i]?.type === 'client:parse-url') {
      start = i
      break
    }
  return events.slice(start, index + 1)
}

const routeIndex = (scenario: Scenario, endpoint: string, pattern?: string): number => {
  const exact = scenario.routes.findIndex(
    (r) => r.endpoint === endpoint && (pattern === undefined || r.pattern === pattern),
  )
  return exact >= 0 ? exact : scenario.routes.findIndex((r) => r.endpoint === endpoint)
}

/** The route the router matched in this round trip, or -1. */
const matchedRoute = (scenario: Scenario, trip: readonly TraceEvent[]): number => {
  for (let i = trip.length - 1; i >= 0; i--) {
    const e = trip[i]!
    if (e.type === 'router:match') return routeIndex(scenario, e.data.endpoint, e.data.pattern)
    if (e.type === 'handler:call') return routeIndex(scenario, e.data.endpoint)
  }
  return -1
}

const PROXY_PARTS: Partial<Record<TraceEvent['type'], ProxyPart>> = {
  'proxy:receive': 'listen',
  'proxy:forward': 'forward',
  'proxy:send': 'forward',
  'proxy:upstream-error': 'forward',
  'proxy:static': 'static',
  'proxy:rate-limit': 'rate-limit',
  'proxy:redirect': 'redirect',
  'proxy:body-too-large': 'body-size',
  'proxy:maintenance': 'maintenance',
}

/** The targets for the event at `index` (none for the browser and DNS: no code of ours runs). */
export const targetsFor = (
  scenario: Scenario,
  events: readonly TraceEvent[],
  index: number,
): Target[] => {
  const event = events[index]
  if (!event) return []
  const trip = tripBefore(events, index)
  switch (event.layer) {
    case 'client':
    case 'dns':
      return []
    case 'tcp':
      return [{ kind: 'proxy', part: 'listen' }]
    case 'tls':
      return [{ kind: 'proxy', part: 'tls' }]
    case 'proxy':
      return [{ kind: 'proxy', part: PROXY_PARTS[event.type] ?? 'forward' }]
    case 'server':
      return [{ kind: 'server' }]
    case 'middleware': {
      const kind = middlewareKindOf(event.stage)
      const m = scenario.middleware.findIndex((spec) => spec.kind === kind)
      if (m < 0) return []
      const route = matchedRoute(scenario, trip)
      return [{ kind: 'middleware', index: m, ...(route >= 0 ? { route } : {}) }]
    }
    case 'router': {
      if (event.type === 'router:match') {
        const r = routeIndex(scenario, event.data.endpoint, event.data.pattern)
        return r >= 0 ? [{ kind: 'route', index: r }] : []
      }
      // No single match: every route the router tried (for 405/OPTIONS, the ones whose path fit).
      if (
        event.type !== 'router:not-found' &&
        event.type !== 'router:method-not-allowed' &&
        event.type !== 'router:options'
      )
        return []
      const all = event.type === 'router:not-found'
      const tried = event.data.tried.filter((t) => all || t.pathMatched)
      return scenario.routes.flatMap((route, r) =>
        tried.some((t) => t.pattern === route.pattern)
          ? [{ kind: 'route', index: r } as const]
          : [],
      )
    }
    case 'validation': {
      const r = matchedRoute(scenario, trip)
      if (r < 0) return []
      if (event.type === 'validation:depends')
        return [{ kind: 'validation', index: r, step: `depends:${event.data.name}` }]
      return [{ kind: 'validation', index: r }]
    }
    case 'handler': {
      const r = matchedRoute(scenario, trip)
      if (r < 0) return []
      const nth = (type: TraceEvent['type']) => trip.filter((e) => e.type === type).length - 1
      switch (event.type) {
        case 'handler:call':
          return [{ kind: 'handler', index: r, step: 'call' }]
        case 'handler:db-query':
          return [{ kind: 'handler', index: r, step: `query:${nth('handler:db-query')}` }]
        case 'handler:external-call':
          return [{ kind: 'handler', index: r, step: `external:${nth('handler:external-call')}` }]
        case 'handler:logic':
          return [{ kind: 'handler', index: r, step: 'logic' }]
        case 'handler:raise':
          return [{ kind: 'handler', index: r, step: 'raise' }]
        case 'handler:render':
          return [{ kind: 'handler', index: r, step: 'render' }]
        case 'handler:return':
          return [{ kind: 'handler', index: r, step: 'return' }]
      }
    }
  }
  return []
}

const stepOf = (a: Anchor): string | undefined =>
  a.kind === 'handler' || a.kind === 'validation' ? a.step : a.kind === 'proxy' ? a.part : undefined

const sameThing = (a: Anchor, t: Target): boolean => {
  if (a.kind !== t.kind) return false
  if ('index' in a && 'index' in t && a.index !== t.index) return false
  if (a.kind === 'middleware' && t.kind === 'middleware' && a.route !== undefined)
    return a.route === t.route
  return true
}

/**
 * Indices of the lines of `file` that stand for `targets`. A target with a step (one query,
 * one dependency, one part of the proxy) matches its own lines; when none has that step it falls
 * back to the lines of the whole thing (the view body, the proxy's server block).
 */
export const linesFor = (file: CodeFile, targets: readonly Target[]): number[] => {
  const found = new Set<number>()
  for (const target of targets) {
    const step = stepOf(target)
    const exact: number[] = []
    const whole: number[] = []
    file.lines.forEach((line, i) => {
      for (const a of line.anchors) {
        if (!sameThing(a, target)) continue
        if (stepOf(a) === step) exact.push(i)
        else if (stepOf(a) === undefined) whole.push(i)
      }
    })
    for (const i of exact.length ? exact : whole) found.add(i)
  }
  return [...found].sort((a, b) => a - b)
}
