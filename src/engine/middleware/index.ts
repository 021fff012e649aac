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
import { errorsMiddleware } from './errors'
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

/** The stage that runs a configured middleware. */
const middlewareStage = (spec: MiddlewareSpec): Stage => unwinding(create(spec), spec.kind)

/**
 * The app's part of the onion, outermost first: middleware in list order, the router, the
 * middleware placed after it (route-level hooks), validation, the view.
 */
export const appStages = (scenario: Scenario): Stage[] => {
  const before = scenario.middleware.filter((m) => m.position !== 'after-router')
  const after = scenario.middleware.filter((m) => m.position === 'after-router')
  return [
    ...before.map(middlewareStage),
    routerStage,
    ...after.map(middlewareStage),
    validationStage,
    handlerStage,
  ]
}
