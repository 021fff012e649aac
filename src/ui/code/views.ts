/** Pieces of a view every framework writes the same way, with its own spelling. */
import type { FieldMap, RouteSpec } from '../../engine'
import type { Anchor } from './model'
import type { Lines } from './model'
import type { Refs } from './python'
import { pyBlock, pyStr } from './python'
import type { ViewDialect } from './common'
import { forRoute, viewSteps } from './common'

/** Names of a route's declared body fields, in order. */
export const bodyFields = (route: RouteSpec): string[] => Object.keys(route.body ?? {})

export const hasFields = (fields: FieldMap | undefined): fields is FieldMap =>
  fields !== undefined && Object.keys(fields).length > 0

/** Adds the view's steps (queries, calls, own code, raise) for route `index`. */
export const addSteps = (
  out: Lines,
  route: RouteSpec,
  index: number,
  dialect: ViewDialect,
  indent: string,
  candidates: readonly string[],
  refs: Refs,
): void => {
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

/** `"GET", "POST"` for a methods list. */
export const methodList = (route: RouteSpec): string => route.methods.map(pyStr).join(', ')
