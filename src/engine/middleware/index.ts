import type { Stage } from '../context'
import { AppException } from '../context'
import type { MiddlewareSpec, Scenario } from '../model/scenario'
import type { MiddlewareKind } from '../model/schema/app'
import { handlerStage } from '../stages/handler'
import { routerStage } from '../stages/router'
import { validationStage } from '../stages/validation'
import { authMiddleware } from './auth'
import { authorizationMiddleware } from './authorization'
import { compressionMiddleware } from './compression'
import { corsMiddleware } from './cors'
import { csrfMiddleware } from './csrf'
import { catchException, errorsMiddleware } from './errors'
import { frameworkError } from '../framework/pages'
import { middlewareStageId } from '../model/stages'
import { loggingMiddleware } from './logging'
import { rateLimitMiddleware } from './rateLimit'
import { sessionMiddleware } from './session'

const create = (spec: MiddlewareSpec): Stage => {
  switch (spec.kind) {
    case 'logging':
      return loggingMiddleware(spec)
    case 'cors':
      return corsMiddleware(spec)
    case 'auth':
      return authMiddleware(spec)
    case 'authorization':
      return authorizationMiddleware(spec)
    case 'errors':
      return errorsMiddleware(spec)
    case 'compression':
      return compressionMiddleware(spec)
    case 'session':
      return sessionMiddleware(spec)
    case 'rateLimit':
      return rateLimitMiddleware(spec)
    case 'csrf':
      return csrfMiddleware(spec)
  }
}

/**
 * An exception from inner layers skips a middleware's code after `call_next` (as in Starlette's
 * BaseHTTPMiddleware or a WSGI wrapper). The event keeps the way back visible, layer by layer.
 */
const unwinding = (stage: Stage, name: MiddlewareKind): Stage => ({
  id: stage.id,
  layer: stage.layer,
  run(ctx, request, next) {
    try {
      return stage.run(ctx, request, next)
    } catch (error) {
      if (error instanceof AppException)
        ctx.emit(this, {
          type: 'middleware:unwind',
          direction: 'response',
          title: `${error.exception} passes through ${name}`,
          duration: 0.01,
          request,
          data: { name, exception: error.exception },
        })
      throw error
    }
  },
})

/**
 * Django wraps the view, and every middleware, in `convert_exception_to_response`: an exception
 * from the view becomes a response before any middleware's `__call__` sees it — the errors
 * middleware's `process_exception` answer if there is one, Django's own 500 page otherwise. So in
 * Django nothing unwinds through middleware, and CORS adds its headers to the 500 wherever it is.
 */
const djangoConversion = (scenario: Scenario): Stage => {
  const errors = scenario.middleware.find(
    (m): m is Extract<MiddlewareSpec, { kind: 'errors' }> => m.kind === 'errors',
  )
  return {
    id: errors ? middlewareStageId('errors') : 'handler',
    layer: errors ? 'middleware' : 'handler',
    run(ctx, request, next) {
      try {
        return next(request)
      } catch (error) {
        if (!(error instanceof AppException)) throw error
        if (errors) {
          return catchException(
            ctx,
            this,
            request,
            error,
            errors,
            `process_exception caught ${error.exception}: 500`,
          )
        }
        const response = frameworkError('django', 500)
        ctx.emit(this, {
          type: 'server:exception',
          direction: 'response',
          title: `Unhandled ${error.exception}: Django's default 500`,
          duration: 0.3,
          request,
          response,
          data: {
            exception: error.exception,
            message: error.detail,
            traceback: error.traceback,
            logger: 'django.request',
            status: 500,
          },
        })
        return response
      }
    },
  }
}

/** The stage that runs a configured middleware. */
const middlewareStage = (spec: MiddlewareSpec): Stage => unwinding(create(spec), spec.kind)

/**
 * The app's part of the onion, outermost first: middleware in list order, the router, the
 * middleware placed after it (route-level hooks), validation, the view.
 */
export const appStages = (scenario: Scenario): Stage[] => {
  // CsrfViewMiddleware sits in the MIDDLEWARE list, but its check is process_view, which Django
  // calls once the URL has resolved: wherever it is listed, it acts after the router.
  const late = (m: MiddlewareSpec) => m.position === 'after-router' || m.kind === 'csrf'
  const before = scenario.middleware.filter((m) => !late(m))
  const after = scenario.middleware.filter(late)
  return [
    ...before.map(middlewareStage),
    ...(scenario.framework === 'django' ? [djangoConversion(scenario)] : []),
    routerStage,
    ...after.map(middlewareStage),
    validationStage,
    handlerStage,
  ]
}
