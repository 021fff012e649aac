/**
 * What the three frameworks' generators share: middleware class names and options, the view's steps
 * (queries, calls, its own code, a raise) and the value each `{placeholder}` comes from.
 */
import type {
  ExternalCallSpec,
  JsonValue,
  MiddlewareKind,
  MiddlewareSpec,
  RouteSpec,
} from '../../engine'
import type { Anchor, HandlerStep } from './model'
import type { Refs } from './python'
import { commentText, plainSourceLine, pyInline, pyStr, pyTemplate, snake } from './python'
import { formatMs } from '../format'

/** Custom middleware class names (the app's own `middleware` module). */
export const MIDDLEWARE_CLASSES: Readonly<Record<MiddlewareKind, string>> = {
  logging: 'RequestLogMiddleware',
  cors: 'CORSMiddleware',
  auth: 'AuthMiddleware',
  authorization: 'RoleMiddleware',
  errors: 'JSONErrorMiddleware',
  compression: 'GZipMiddleware',
  session: 'SessionMiddleware',
  rateLimit: 'RateLimitMiddleware',
}

/** A middleware's options as `snake_case` keyword arguments, in the order written. */
export const middlewareOptions = (spec: MiddlewareSpec): [string, JsonValue][] =>
  Object.entries(spec)
    .filter(([key, value]) => key !== 'kind' && key !== 'position' && value !== undefined)
    .map(([key, value]) => [snake(key), value as JsonValue])

export const isAfterRouter = (spec: MiddlewareSpec): boolean => spec.position === 'after-router'

/** A route-level hook's decorator name, e.g. `login_required` for auth placed after the router. */
export const hookName = (kind: MiddlewareKind): string =>
  ({
    logging: 'log_request',
    cors: 'cross_origin',
    auth: 'login_required',
    authorization: 'roles_required',
    errors: 'json_errors',
    compression: 'gzip_response',
    session: 'with_session',
    rateLimit: 'rate_limited',
  })[kind]

/** `@login_required` / `roles_required("admin")`: the hook with the route's roles, if any. */
export const hookCall = (spec: MiddlewareSpec, route: RouteSpec): string =>
  spec.kind === 'authorization'
    ? `${hookName(spec.kind)}(${(route.roles ?? []).map(pyStr).join(', ')})`
    : hookName(spec.kind)

/** A Python identifier made from free text, e.g. `payments` for a service called "Payments". */
const ident = (text: string): string => {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /^[a-z_]/.test(name) ? name : `service_${name}`
}

/** Framework-specific spellings the view body needs. */
export interface ViewDialect {
  /** `await ` where the view is a coroutine. */
  readonly awaitPrefix: string
  /** `db.execute(sql, (id,))` / `cursor.execute(sql, [id])`. */
  readonly query: (sql: string, args: readonly string[]) => string
  /** `requests.post(url, timeout=5)` / `await http.post(url)`. */
  readonly call: (call: ExternalCallSpec) => string
  /** `true`: the query call returns a result to fetch from; `false`: fetch from the cursor. */
  readonly chain: boolean
  /** `session["user"] = …` / `request.session["user"] = …`. */
  readonly session: string
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Arguments for the `%s` placeholders of a query: path parameters first, then body fields. */
const sqlArgs = (sql: string, candidates: readonly string[]): string[] => {
  const count = sql.split('%s').length - 1
  return Array.from({ length: count }, (_, i) => candidates[i] ?? '...')
}

const queryLines = (
  sql: string,
  args: readonly string[],
  rows: number,
  dialect: ViewDialect,
): string[] => {
  const statement = dialect.query(sql, args)
  const write = /^\s*(insert|update|delete)\b/i.test(sql)
  const returning = /\breturning\b/i.test(sql)
  if (write && !returning) return [statement]
  if (!dialect.chain)
    return [
      statement,
      write
        ? 'new_id = cursor.fetchone()[0]'
        : rows === 1
          ? 'row = cursor.fetchone()'
          : 'rows = cursor.fetchall()',
    ]
  if (write) return [`new_id = ${statement}.scalar()`]
  return [rows === 1 ? `row = ${statement}.fetchone()` : `rows = ${statement}.fetchall()`]
}

/**
 * The middle of a view: its queries and calls in order, its own code, session writes and the
 * raise of an exception fault, each line tagged with the step it stands for. `candidates` are
 * the expressions a query's `%s` placeholders take, `refs` fill `{placeholders}`.
 */
export const viewSteps = (
  route: RouteSpec,
  dialect: ViewDialect,
  indent: string,
  candidates: readonly string[],
  refs: Refs,
): { text: string; anchors: Anchor[] }[] => {
  const out: { text: string; anchors: Anchor[] }[] = []
  const step = (text: string, s: HandlerStep) =>
    out.push({ text: `${indent}${text}`, anchors: [{ kind: 'handler', index: -1, step: s }] })
  const { handler } = route
  const fault = handler.fault
  const raiseAt =
    fault?.kind === 'exception'
      ? Math.min(fault.afterQueries ?? handler.queries.length, handler.queries.length)
      : -1
  const raise = () => {
    if (fault?.kind !== 'exception') return
    const exception = fault.exception ?? 'KeyError'
    const message = fault.message === undefined ? '' : `: ${commentText(fault.message)}`
    const source = plainSourceLine(fault.line)
    if (source) step(`${source}  # raises ${exception}${message}`, 'raise')
    else
      step(
        `raise ${exception}(${fault.message === undefined ? '' : pyStr(fault.message)})`,
        'raise',
      )
  }
  handler.queries.forEach((query, i) => {
    if (i === raiseAt) raise()
    const slow = fault?.kind === 'slow-query' && (fault.query ?? 0) === i
    const ms = slow ? (fault.ms ?? 300) : query.ms
    const note = slow
      ? `# ${formatMs(ms)}: slow (usually ${formatMs(query.ms)}), ${plural(query.rows, 'row')}`
      : `# ${formatMs(ms)}, ${plural(query.rows, 'row')}`
    step(note, `query:${i}`)
    for (const text of queryLines(query.sql, sqlArgs(query.sql, candidates), query.rows, dialect))
      step(text, `query:${i}`)
  })
  ;(handler.calls ?? []).forEach((call, i) => {
    step(
      `# ${formatMs(call.ms)}: ${commentText(call.service)} answers ${call.status}`,
      `external:${i}`,
    )
    step(`${ident(call.service)}_reply = ${dialect.call(call)}`, `external:${i}`)
  })
  if (raiseAt === handler.queries.length) raise()
  for (const [key, value] of Object.entries(handler.session?.set ?? {}))
    step(`${dialect.session}[${pyStr(key)}] = ${pyInline(value, refs)}`, 'logic')
  if (handler.session?.clear) step(`${dialect.session}.clear()`, 'logic')
  step(`# … the view's own Python code: about ${formatMs(handler.computeMs)}`, 'logic')
  return out
}

/** The values a `Location` template can use from a created body: literals as text, refs as code. */
const createdValues = (
  body: JsonValue,
  refs: Refs,
): { refs: Record<string, string>; literals: Record<string, string> } => {
  const out = {
    refs: { ...refs } as Record<string, string>,
    literals: {} as Record<string, string>,
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return out
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') {
      const name = /^\{(\w+)\}$/.exec(value)?.[1]
      if (name !== undefined && refs[name] !== undefined) {
        out.refs[key] = refs[name]
        delete out.literals[key]
      } else {
        out.literals[key] = value
        delete out.refs[key]
      }
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      out.literals[key] = String(value)
      delete out.refs[key]
    }
  }
  return out
}

/** Whether a 201 gets a `Location` header, and from which template (`null`: the collection path). */
export const locationOf = (route: RouteSpec): { template: string | null } | null => {
  const { handler } = route
  if (handler.location !== undefined) return { template: handler.location }
  const body = handler.body
  const hasId =
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    body.id !== undefined &&
    (typeof body.id !== 'object' || body.id === null)
  return handler.status === 201 && hasId ? { template: null } : null
}

/**
 * The `Location` header's value as a Python expression, or `null` when the route sends none.
 * `requestPath` is how the framework spells the request's path (`request.path`).
 */
export const locationExpr = (route: RouteSpec, refs: Refs, requestPath: string): string | null => {
  const location = locationOf(route)
  if (!location) return null
  const values = createdValues(route.handler.body, refs)
  return location.template === null
    ? `${requestPath}.rstrip("/") + ${pyTemplate('/{id}', values.refs, values.literals)}`
    : pyTemplate(location.template, values.refs, values.literals)
}

/** Fixes the route index of the `handler` anchors `viewSteps` left at -1. */
export const forRoute = (
  lines: { text: string; anchors: Anchor[] }[],
  index: number,
): { text: string; anchors: Anchor[] }[] =>
  lines.map((line) => ({
    text: line.text,
    anchors: line.anchors.map((a) => (a.kind === 'handler' ? { ...a, index } : a)),
  }))
