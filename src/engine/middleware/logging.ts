import type { Stage } from '../context'
import type { MiddlewareSpec } from '../model/scenario'
import { withHeaders } from '../model/http'

type Options = Extract<MiddlewareSpec, { kind: 'logging' }>

/** Notes the start time on the way in; on the way out logs the duration and adds X-Response-Time. */
export const loggingMiddleware = (options: Options): Stage => ({
  id: 'middleware:logging',
  layer: 'middleware',
  run(ctx, request, next) {
    ctx.emit(this, {
      type: 'middleware:enter',
      direction: 'request',
      title: 'Logging: note the start time',
      duration: 0.05,
      request,
      data: { name: 'logging', note: `${request.method} ${request.path} started` },
    })
    const started = ctx.now()
    const inner = next(request)
    const elapsed = ctx.now() - started
    const header = options.responseTimeHeader !== false
    const response = header
      ? withHeaders(inner, { 'x-response-time': `${elapsed.toFixed(2)}ms` })
      : inner
    ctx.emit(this, {
      type: 'middleware:exit',
      direction: 'response',
      title: `Logging: ${response.status} in ${elapsed.toFixed(2)} ms`,
      duration: 0.05,
      request,
      response,
      data: { name: 'logging', headersAdded: header ? ['x-response-time'] : [] },
    })
    return response
  },
})
