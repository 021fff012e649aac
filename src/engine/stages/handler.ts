import type { Stage } from '../context'
import type { JsonValue } from '../model/scenario'
import { utf8Length } from '../model/http'
import { statusText } from '../http/status'

/** Replaces every string `"{name}"` in the body with the matching path parameter. */
const fill = (value: JsonValue, params: Readonly<Record<string, string | number>>): JsonValue => {
  if (typeof value === 'string') {
    const name = /^\{(\w+)\}$/.exec(value)?.[1]
    return name !== undefined && name in params ? params[name]! : value
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, params))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, params)]))
  return value
}

/** Your code: the view runs its queries, does its work and returns data to serialize. */
export const handlerStage: Stage = {
  id: 'handler',
  layer: 'handler',
  run(ctx, request) {
    const match = ctx.match
    if (!match) throw new Error('The handler stage needs a route match from the router')
    const { route, params } = match
    const spec = route.handler
    ctx.emit(this, {
      type: 'handler:call',
      direction: 'request',
      title: `Call ${route.endpoint}(${Object.keys(params).join(', ')})`,
      duration: 0.05,
      request,
      data: { endpoint: route.endpoint, args: params },
    })
    for (const query of spec.queries)
      ctx.emit(this, {
        type: 'handler:db-query',
        direction: 'request',
        title: `Database: ${query.sql}`,
        duration: ctx.vary(query.ms),
        request,
        data: { sql: query.sql, rows: query.rows },
      })

    // Flask's jsonify ends with a newline; Starlette and Django write compact JSON.
    const body =
      JSON.stringify(fill(spec.body, params)) + (ctx.scenario.framework === 'flask' ? '\n' : '')
    const response = {
      status: spec.status,
      statusText: statusText(spec.status),
      httpVersion: 'HTTP/1.1' as const,
      headers: { 'content-type': 'application/json', 'content-length': String(utf8Length(body)) },
      body,
    }
    ctx.emit(this, {
      type: 'handler:return',
      direction: 'response',
      title: `${route.endpoint}() returns ${spec.status}`,
      duration: ctx.vary(spec.computeMs),
      request,
      response,
      data: { kind: 'json', status: spec.status },
    })
    return response
  },
}
