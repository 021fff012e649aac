import type { Stage } from '../context'
import type { HttpRequest } from '../model/http'
import { utf8Length, withHeaders } from '../model/http'
import { rawResponse } from '../http/raw'
import { CLIENT_IP } from './proxy'

const wsgiEnviron = (request: HttpRequest): Record<string, string> => {
  const environ: Record<string, string> = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: '',
    PATH_INFO: request.path,
    QUERY_STRING: request.query,
    SERVER_PROTOCOL: 'HTTP/1.1',
    REMOTE_ADDR: '127.0.0.1',
    'wsgi.url_scheme': 'http',
  }
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toUpperCase().replace(/-/g, '_')
    const wsgiKey = key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH' ? key : `HTTP_${key}`
    environ[wsgiKey] = value
  }
  return environ
}

const asgiScope = (request: HttpRequest): Record<string, string | string[][]> => ({
  type: 'http',
  http_version: '1.1',
  method: request.method,
  scheme: 'http',
  path: request.path,
  query_string: request.query,
  client: [[CLIENT_IP]],
  headers: Object.entries(request.headers).map(([name, value]) => [name, value]),
})

const FRAMEWORK_REQUEST = {
  flask: { framework: 'Flask', object: 'flask.Request', context: true },
  django: { framework: 'Django', object: 'django.core.handlers.wsgi.WSGIRequest', context: false },
  fastapi: { framework: 'FastAPI', object: 'starlette.requests.Request', context: false },
} as const

/**
 * The Python app server: gunicorn (WSGI) for Flask and Django, uvicorn (ASGI) for FastAPI.
 * It turns bytes into `environ` or `scope`, and the framework wraps that in its request object.
 */
export const serverStage: Stage = {
  id: 'server',
  layer: 'server',
  run(ctx, request, next) {
    const asgi = ctx.scenario.framework === 'fastapi'
    const software = asgi ? 'uvicorn' : 'gunicorn'
    const iface = asgi ? 'ASGI' : 'WSGI'
    ctx.emit(this, {
      type: 'server:parse',
      direction: 'request',
      title: asgi ? 'uvicorn builds the ASGI scope' : 'gunicorn builds the WSGI environ',
      duration: ctx.vary(0.2),
      request,
      data: { interface: iface, software, data: asgi ? asgiScope(request) : wsgiEnviron(request) },
    })
    const framework = FRAMEWORK_REQUEST[ctx.scenario.framework]
    ctx.emit(this, {
      type: 'server:request-object',
      direction: 'request',
      title: framework.context
        ? 'Flask pushes the request context'
        : `${framework.framework} builds its request object`,
      duration: ctx.vary(0.1),
      request,
      data: framework,
    })

    const response = withHeaders(next(request), { server: software })

    ctx.emit(this, {
      type: 'server:write',
      direction: 'response',
      title: `${software} writes the response to the socket`,
      duration: ctx.vary(0.2),
      request,
      response,
      data: { interface: iface, software, bytes: utf8Length(rawResponse(response)) },
    })
    return response
  },
}
