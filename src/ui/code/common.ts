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
import { placeholderColumns } from './database'

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
  csrf: 'CsrfViewMiddleware',
}

/**
 * A middleware's options as `snake_case` keyword arguments, in the order written. A rate
 * limit's `used` is not one: it is how many requests the client already sent (the state the
 * scenario starts in), not configuration.
 */
export const middlewareOptions = (spec: MiddlewareSpec): [string, JsonValue][] =>
  Object.entries(spec)
    .filter(
      ([key, value]) =>
        key !== 'kind' &&
        key !== 'position' &&
        !(spec.kind === 'rateLimit' && key === 'used') &&
        value !== undefined,
    )
    .map(([key, value]) => [snake(key), value as JsonValue])

/** Whether a view waits on purpose for a query modelled as slow (see `viewSteps`). */
export const sleepsForQuery = (route: RouteSpec): boolean => {
  const { handler } = route
  const fault = handler.fault
  return handler.queries.some(
    (query, i) => (fault?.kind === 'slow-query' && (fault.query ?? 0) === i) || query.ms >= 100,
  )
}

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
    csrf: 'csrf_protect',
  })[kind]

/** `@login_required` / `roles_required("admin")`: the hook with the route's roles, if any. */
export const hookCall = (spec: MiddlewareSpec, route: RouteSpec): string =>
  spec.kind === 'authorization'
    ? `${hookName(spec.kind)}(${(route.roles ?? []).map(pyStr).join(', ')})`
    : hookName(spec.kind)

/** A Python identifier made from free text, e.g. `payments` for a service called "Payments". */
export const ident = (text: string): string => {
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
  /** `services.call("POST", url)` / `await services.call_async("POST", url)`. */
  readonly call: (call: ExternalCallSpec) => string
  /** `time.sleep(0.3)` / `await asyncio.sleep(0.3)`: stands in for a slow query's wait. */
  readonly sleep: (seconds: number) => string
  /** `true`: the query call returns a result to fetch from; `false`: fetch from the cursor. */
  readonly chain: boolean
  /** `session["user"] = …` / `request.session["user"] = …`. */
  readonly session: string
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** A value a query's `%s` can take: a path parameter or input field, and its expression. */
export interface SqlCandidate {
  readonly name: string
  readonly expr: string
}

/**
 * Arguments for the `%s` placeholders of a query: the value named like the placeholder's column
 * (`WHERE user_id = %s` ← `user_id`), else the next unused one in order (path parameters first,
 * then input fields), else `None` (a column the request says nothing about).
 */
export const sqlArgs = (sql: string, candidates: readonly SqlCandidate[]): string[] => {
  const columns = placeholderColumns(sql)
  const used = new Set<number>()
  const named = columns.map((column) => {
    const i = candidates.findIndex((c, j) => !used.has(j) && column !== null && c.name === column)
    if (i >= 0) used.add(i)
    return i
  })
  return named.map((i) => {
    if (i >= 0) return candidates[i]!.expr
    const next = candidates.findIndex((_, j) => !used.has(j))
    if (next < 0) return 'None'
    used.add(next)
    return candidates[next]!.expr
  })
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
  if (write) return [`new_id = ${statement}.fetchone()[0]`]
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
  candidates: readonly SqlCandidate[],
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
    // `x = order["key"]`: give the line an `order` to read, so it raises what the scenario says.
    const reads = source === null ? undefined : /^(?:\w+\s*=\s*)?([a-z_]\w*)\[/.exec(source)?.[1]
    if (source && reads && !/^(data|query|request|session|row|rows)$/.test(reads))
      step(`${reads} = {}  # stands in for the ${reads} this view reads`, 'raise')
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
    // The database here is SQLite and answers in well under a millisecond: a query modelled as
    // slow waits its modelled time, so the real servers see the same delay.
    if (slow || ms >= 100)
      step(
        `${dialect.sleep(ms / 1000)}  # stands in for the ${formatMs(ms)} this query takes`,
        `query:${i}`,
      )
    for (const text of queryLines(query.sql, sqlArgs(query.sql, candidates), query.rows, dialect))
      step(text, `query:${i}`)
  })
  ;(handler.calls ?? []).forEach((call, i) => {
    step(
      `# ${formatMs(call.ms)}: ${commentText(call.service)} answers ${call.status}`,
      `external:${i}`,
    )
    step(
      `${ident(call.service)}_status, ${ident(call.service)}_reply = ${dialect.call(call)}`,
      `external:${i}`,
    )
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
