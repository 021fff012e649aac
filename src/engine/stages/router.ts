import type { Stage } from '../context'
import type { HttpResponse } from '../model/http'
import type { Framework } from '../model/scenario'
import { statusText } from '../http/status'
import { utf8Length } from '../model/http'
import { findRoute } from '../routing'

/** Each framework's own 404 page: Flask and Django answer HTML, FastAPI answers JSON. */
export const notFoundResponse = (framework: Framework): HttpResponse => {
  const body =
    framework === 'fastapi'
      ? '{"detail":"Not Found"}'
      : framework === 'flask'
        ? '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n'
        : '<!doctype html>\n<html lang="en">\n<head><title>Not Found</title></head>\n<body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body>\n</html>\n'
  return {
    status: 404,
    statusText: statusText(404),
    httpVersion: 'HTTP/1.1',
    headers: {
      'content-type': framework === 'fastapi' ? 'application/json' : 'text/html; charset=utf-8',
      'content-length': String(utf8Length(body)),
    },
    body,
  }
}

/** Matches the path and method against the route table, in order. No match: 404, here. */
export const routerStage: Stage = {
  id: 'router',
  layer: 'router',
  run(ctx, request, next) {
    const { tried, match } = findRoute(ctx.scenario.routes, request.method, request.path)
    const duration = 0.02 + 0.01 * tried.length
    if (!match) {
      const response = notFoundResponse(ctx.scenario.framework)
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
