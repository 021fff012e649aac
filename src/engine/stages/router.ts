import type { Stage } from '../context'
import type { HttpResponse } from '../model/http'
import type { Framework } from '../model/scenario'
import { HTML, asWritten, frameworkError, makeResponse } from '../framework/pages'
import { allowHeader, findRoute, routeMethods } from '../routing'

/** Each framework's own 404 page: Flask and Django answer HTML, FastAPI answers JSON. */
const notFoundResponse = (framework: Framework): HttpResponse => frameworkError(framework, 404)

/**
 * Matches the path and method against the route table, in order. No pattern matches: 404.
 * A pattern matches but not the method: 405 with `Allow`. OPTIONS is answered here by Flask and
 * Django (FastAPI has no automatic OPTIONS: without CORS middleware it is a 405).
 */
export const routerStage: Stage = {
  id: 'router',
  layer: 'router',
  run(ctx, request, next) {
    const framework = ctx.scenario.framework
    const { tried, match, allowed, firstPathMatch } = findRoute(
      ctx.scenario.routes,
      request.method,
      request.path,
      framework,
    )
    const duration = 0.02 + 0.01 * tried.length

    if (!match && firstPathMatch && request.method === 'OPTIONS' && framework !== 'fastapi') {
      const allow = allowHeader(allowed, framework)
      // Flask's make_default_options_response and Django's View.options: 200, no body.
      // Django's View.options() sets its Content-Length: 0 itself, so only Werkzeug's capitals apply.
      const options = makeResponse(200, '', HTML, { allow })
      const response = framework === 'flask' ? asWritten('flask', options) : options
      ctx.emit(this, {
        type: 'router:options',
        direction: 'response',
        title: `OPTIONS answered: Allow ${allow}`,
        duration,
        request,
        response,
        data: { tried, allowed: allow.split(', ') },
      })
      return response
    }

    if (!match && firstPathMatch) {
      // Starlette keeps only the first partially matching route and answers with its methods.
      const methods = framework === 'fastapi' ? routeMethods(firstPathMatch, framework) : allowed
      const allow = allowHeader(methods, framework)
      const response = frameworkError(framework, 405, { headers: { allow } })
      ctx.emit(this, {
        type: 'router:method-not-allowed',
        direction: 'response',
        title: `${request.method} not allowed on ${request.path}: 405`,
        duration,
        request,
        response,
        data: { tried, allowed: allow.split(', ') },
      })
      return response
    }

    if (!match) {
      const response = notFoundResponse(framework)
      ctx.emit(this, {
        type: 'router:not-found',
        direction: 'response',
        title: `No route matches ${request.path}: 404`,
        duration,
        request,
        response,
        data: { tried },
      })
      return response
    }

    ctx.match = match
    ctx.emit(this, {
      type: 'router:match',
      direction: 'request',
      title: `${match.route.pattern} → ${match.route.endpoint}()`,
      duration,
      request,
      data: {
        tried,
        pattern: match.route.pattern,
        params: match.params,
        endpoint: match.route.endpoint,
      },
    })
    return next(request)
  },
}
