/**
 * What differs between two runs beyond their timing: the request sent, the app it went to, the
 * layer that answered and the response itself. Two runs can both end "401 Unauthorized" for
 * different reasons (no token, a wrong one; auth before or after the router): this says which.
 * Pure: no React, no store.
 */
import type { RequestSpec, Scenario, Trace } from '../../engine'
import { middlewareKindOf } from '../../engine'
import { layerName } from '../model/groups'
import { middlewareName } from '../model/middleware'

export interface Difference {
  /** What the row is about, e.g. "Response body", "Header Authorization", "Middleware order". */
  readonly label: string
  /** The left and right value as text; "none" where one side has none. */
  readonly values: readonly [string, string]
}

interface Side {
  readonly trace: Trace
  readonly setup: { readonly scenario: Scenario; readonly request: RequestSpec }
}

const NONE = 'none'
/** Headers that say when or how fast, not why: they differ between any two runs. */
const TIME_HEADERS = new Set(['date', 'x-response-time', 'server-timing', 'age'])
const MAX_TEXT = 160

const short = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return '(empty)'
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat
}

const headersOf = (headers: Readonly<Record<string, string>> | undefined) => {
  const out = new Map<string, string>()
  for (const [name, value] of Object.entries(headers ?? {})) out.set(name.toLowerCase(), value)
  return out
}

/** Header rows: each name either side has, where the values differ. */
const headerDiffs = (
  what: string,
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): Difference[] => {
  const left = headersOf(a)
  const right = headersOf(b)
  const names = [...new Set([...left.keys(), ...right.keys()])]
  return names
    .filter((name) => !TIME_HEADERS.has(name) && left.get(name) !== right.get(name))
    .map((name) => ({
      label: `${what} header ${name}`,
      values: [short(left.get(name) ?? NONE), short(right.get(name) ?? NONE)] as const,
    }))
}

const row = (label: string, left: string, right: string): Difference[] =>
  left === right ? [] : [{ label, values: [short(left), short(right)] }]

const json = (value: unknown): string => JSON.stringify(value ?? null)

/** The middleware stack as the app runs it, outermost first. */
const stackOf = (scenario: Scenario): string =>
  scenario.middleware.length === 0
    ? NONE
    : scenario.middleware.map((m) => middlewareName(m.kind)).join(' → ')

/**
 * The layer that answered and the step where it did: where the response turned back (the handler
 * when nothing stopped it), e.g. `Authentication middleware: “Auth: 401, missing credentials”`.
 */
const answeredBy = (trace: Trace): string => {
  if (trace.error) return `never answered (${trace.error.code})`
  const first = trace.events.find((e) => e.direction === 'response')
  if (!first) return NONE
  const kind = middlewareKindOf(first.stage)
  const who = kind ? `${middlewareName(kind)} middleware` : layerName(first.layer)
  return `${who}: “${first.title}”`
}

/**
 * The differences between two runs, request first, then the app, then what came back. Empty when
 * the runs differ only in time (a kept-alive repeat) or not at all.
 */
export const differences = (left: Side, right: Side): Difference[] => {
  const [a, b] = [left.setup.request, right.setup.request]
  const [sa, sb] = [left.setup.scenario, right.setup.scenario]
  const [ra, rb] = [left.trace.response, right.trace.response]
  return [
    ...row('Request line', `${a.method} ${a.url}`, `${b.method} ${b.url}`),
    ...headerDiffs('Request', a.headers, b.headers),
    ...row('Request body', a.body ?? NONE, b.body ?? NONE),
    ...row('Framework', sa.framework, sb.framework),
    ...row('Middleware order', stackOf(sa), stackOf(sb)),
    ...(json(sa.routes) === json(sb.routes) ? [] : row('Routes', 'as first', 'changed')),
    ...(json(sa.proxy) === json(sb.proxy) ? [] : row('Proxy', 'as first', 'changed')),
    ...row('Answered by', answeredBy(left.trace), answeredBy(right.trace)),
    ...row('Steps', String(left.trace.events.length), String(right.trace.events.length)),
    ...headerDiffs('Response', ra?.headers, rb?.headers),
    ...row('Response body', ra?.body ?? NONE, rb?.body ?? NONE),
  ]
}
