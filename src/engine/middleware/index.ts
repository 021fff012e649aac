import type { Stage } from '../context'
import type { MiddlewareSpec } from '../model/scenario'
import { loggingMiddleware } from './logging'

/** The stage that runs a configured middleware. */
export const middlewareStage = (spec: MiddlewareSpec): Stage => {
  switch (spec.kind) {
    case 'logging':
      return loggingMiddleware
  }
}
