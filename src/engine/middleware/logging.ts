import type { Stage } from '../context'
import { withHeaders } from '../model/http'

/** Notes the start time on the way in; on the way out logs the duration and adds X-Response-Time. */
export const loggingMiddleware: Stage = {
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
    const response = withHeaders(inner, { 'x-response-time': `${elapsed.toFixed(1)}ms` })
    ctx.emit(this, {
      type: 'middleware:exit',
      direction: 'response',
      title: `Logging: ${response.status} in ${elapsed.toFixed(1)} ms`,
      duration: 0.05,
      request,
      response,
      data: { name: 'logging', headersAdded: ['x-response-time'] },
    })
    return response
  },
}
