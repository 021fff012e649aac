/** Pieces of a view every framework writes the same way, with its own spelling. */
import type { FieldMap, MiddlewareSpec, RouteSpec, Scenario } from '../../engine'
import type { Anchor } from './model'
import type { Lines } from './model'
import type { Refs } from './python'
import { pathParams, pyBlock, pyStr, pyTemplate } from './python'
import type { SqlCandidate, ViewDialect } from './common'
import { forRoute, hookCall, hookName, isAfterRouter, viewSteps } from './common'

/** Names of a route's declared body fields, in order. */
export const bodyFields = (route: RouteSpec): string[] => Object.keys(route.body ?? {})

export const hasFields = (fields: FieldMap | undefined): fields is FieldMap =>
  fields !== undefined && Object.keys(fields).length > 0

/**
 * Adds the view's steps (queries, calls, own code, raise) for route `index`. A query's `%s`
 * placeholders take the path parameters first, then the body fields as `refs` spell them.
 */
export const addSteps = (
  out: Lines,
  route: RouteSpec,
  index: number,
  dialect: ViewDialect,
  indent: string,
  refs: Refs,
): void => {
  const candidates: SqlCandidate[] = [
    ...pathParams(route.pattern).map((p) => ({ name: p.name, expr: refs[p.name] ?? p.name })),
    ...Object.keys(route.query ?? {}).map((f) => ({ name: f, expr: refs[f] ?? f })),
    ...bodyFields(route).map((f) => ({ name: f, expr: refs[f]! })),
  ]
  for (const line of forRoute(viewSteps(route, dialect, indent, candidates, refs), index))
    out.add(line.text, ...line.anchors)
}

/** `prefix + value + suffix` over as many lines as it needs, every line with `anchors`. */
export const addValue = (
  out: Lines,
  prefix: string,
  route: RouteSpec,
  suffix: string,
  indent: string,
  refs: Refs,
  ...anchors: Anchor[]
): void => {
  out.addAll(pyBlock(prefix, route.handler.body, suffix, indent, refs), ...anchors)
}

/** A `text` view's string, placeholders filled from the view's variables. */
export const textValue = (route: RouteSpec, refs: Refs): string =>
  pyTemplate(typeof route.handler.body === 'string' ? route.handler.body : '', refs)

/** `"GET", "POST"` for a methods list. */
export const methodList = (route: RouteSpec): string => route.methods.map(pyStr).join(', ')

/** `"profile.html"`: the template an HTML view renders. */
export const templateName = (route: RouteSpec): string =>
  pyStr(route.handler.template ?? `${route.endpoint}.html`)

/** An HTML view's `context = {…}`, tagged as its render step; returns that anchor. */
export const addContext = (
  out: Lines,
  route: RouteSpec,
  index: number,
  indent: string,
  refs: Refs,
): Anchor => {
  const render: Anchor = { kind: 'handler', index, step: 'render' }
  addValue(out, 'context = ', route, '', indent, refs, render)
  return render
}

/** A route-level hook's `@decorator` line for each middleware placed after the router. */
export const addHookDecorators = (
  out: Lines,
  scenario: Scenario,
  route: RouteSpec,
  index: number,
): void => {
  scenario.middleware.forEach((spec, m) => {
    if (isAfterRouter(spec))
      out.add(`@${hookCall(spec, route)}`, { kind: 'middleware', index: m, route: index })
  })
}

/** `login_required, roles_required`: the hooks module's names the app imports, each once. */
export const hookImports = (hooks: readonly MiddlewareSpec[]): string =>
  [...new Set(hooks.map((m) => hookName(m.kind)))].join(', ')
