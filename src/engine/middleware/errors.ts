import type { SimContext, Stage } from '../context'
import { AppException } from '../context'
import type { HttpRequest, HttpResponse } from '../model/http'
import type { Framework, MiddlewareSpec } from '../model/scenario'
import { jsonResponse } from '../framework/pages'

type Options = Extract<MiddlewareSpec, { kind: 'errors' }>

/** The error handler's 500: JSON, never the traceback. */
export const errorsResponse = (framework: Framework, options: Options): HttpResponse => {
  const message = options.message ?? 'Internal Server Error'
  // FastAPI's convention is a `detail` key; Flask and Django APIs usually say `error`.
  return jsonResponse(
    framework,
    500,
    framework === 'fastapi' ? { detail: message } : { error: message },
  )
}

/**
 * The error handler answers for `error`: its 500, and the event that logs the traceback. Used by
 * the middleware's own try/except, and by Django's `process_exception` (middleware/index.ts).
 */
export const catchException = (
  ctx: SimContext,
  stage: Stage,
  request: HttpRequest,
  error: AppException,
  options: Options,
  title: string,
): HttpResponse => {
  const response = errorsResponse(ctx.scenario.framework, options)
  ctx.emit(stage, {
    type: 'middleware:exception',
    direction: 'response',
    title,
    duration: 0.2,
    request,
    response,
    data: {
      exception: error.exception,
      message: error.detail,
      traceback: error.traceback,
      raisedBy: error.raisedBy,
      status: 500,
    },
  })
  return response
}

/**
 * `try: response = call_next(request) except Exception:` — an exception from any inner layer
 * becomes a 500 JSON response. The traceback goes to the server's log (the event), never into
 * the body, where it would show an attacker the code.
 */
export const errorsMiddleware = (options: Options): Stage => ({
  id: 'middleware:errors',
  layer: 'middleware',
  run(ctx, request, next) {
    ctx.emit(this, {
      type: 'middleware:enter',
      direction: 'request',
      title: 'Error handling: wrap the rest in try/except',
      duration: 0.02,
      request,
      data: { name: 'errors', note: 'catches any exception raised further in' },
    })
    try {
      const response = next(request)
      ctx.emit(this, {
        type: 'middleware:exit',
        direction: 'response',
        title: 'Error handling: nothing raised',
        duration: 0.02,
        request,
        response,
        data: { name: 'errors', headersAdded: [] },
      })
      return response
    } catch (error) {
      if (!(error instanceof AppException)) throw error
      return catchException(ctx, this, request, error, options, `Caught ${error.exception}: 500`)
    }
  },
})
