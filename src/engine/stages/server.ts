import type { Stage } from '../context'
import { AppException } from '../context'
import type { HttpRequest, HttpResponse } from '../model/http'
import type { Framework, JsonValue, Scenario } from '../model/scenario'
import { utf8Length, withHeaders } from '../model/http'
import { rawResponse } from '../http/raw'
import { frameworkError } from '../framework/pages'
import { parseUrlEncoded } from '../framework/fields'
import { pyBytes } from '../framework/pyrepr'
import { NETWORK_DEFAULTS } from '../model/schema/network'
import { httpDate } from '../model/time'
import { CLIENT_IP } from './proxy'

const GUNICORN = 'gunicorn/23.0.0'
/** gunicorn's and uvicorn's `--backlog` default: connections the kernel holds until accept(). */
const LISTEN_BACKLOG = 2048
/** Where the proxy reaches the app server, and the port the proxy's own connection comes from. */
const BIND = ['127.0.0.1', 8000] as const

/** gunicorn's `environ`: CGI-style keys, `HTTP_*` headers, and the `wsgi.*` entries. */
const wsgiEnviron = (
  request: HttpRequest,
  scenario: Scenario,
  remotePort: number,
): Record<string, JsonValue> => {
  const environ: Record<string, JsonValue> = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: '',
    PATH_INFO: decodeSafely(request.path),
    QUERY_STRING: request.query,
    RAW_URI: request.query ? `${request.path}?${request.query}` : request.path,
    SERVER_PROTOCOL: 'HTTP/1.1',
    // gunicorn takes these from its own listening socket, not from the Host header.
    SERVER_NAME: BIND[0],
    SERVER_PORT: String(BIND[1]),
    SERVER_SOFTWARE: GUNICORN,
    // The TCP peer is the reverse proxy; the browser's address is only in X-Forwarded-For.
    REMOTE_ADDR: '127.0.0.1',
    REMOTE_PORT: String(remotePort),
    'wsgi.version': [1, 0],
    // gunicorn trusts X-Forwarded-Proto from 127.0.0.1 (forwarded_allow_ips).
    'wsgi.url_scheme': request.headers['x-forwarded-proto'] ?? 'http',
    'wsgi.input': '<gunicorn.http.body.Body object>',
    'wsgi.errors': '<gunicorn.http.wsgi.WSGIErrorsWrapper object>',
    'wsgi.multithread': false,
    'wsgi.multiprocess': scenario.proxy.workers > 1,
    'wsgi.run_once': false,
    'wsgi.file_wrapper': "<class 'gunicorn.http.wsgi.FileWrapper'>",
    'gunicorn.socket': `<socket.socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', ${remotePort})>`,
  }
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toUpperCase().replace(/-/g, '_')
    environ[key === 'CONTENT_TYPE' || key === 'CONTENT_LENGTH' ? key : `HTTP_${key}`] = value
  }
  return environ
}

/** uvicorn's HTTP `scope` (ASGI 3.0), after its proxy-headers middleware has applied X-Forwarded-*. */
const asgiScope = (request: HttpRequest): Record<string, JsonValue> => ({
  type: 'http',
  asgi: { version: '3.0', spec_version: '2.4' },
  // nginx speaks HTTP/1.1 to its upstream whatever the browser used (uvicorn has no HTTP/2).
  http_version: '1.1',
  server: [...BIND],
  // --proxy-headers (on by default) trusts 127.0.0.1 and takes the client from X-Forwarded-For.
  client: [request.headers['x-forwarded-for']?.split(',')[0]?.trim() ?? CLIENT_IP, 0],
  scheme: request.headers['x-forwarded-proto'] ?? 'http',
  method: request.method,
  root_path: '',
  path: decodeSafely(request.path),
  raw_path: pyBytes(request.path),
  query_string: pyBytes(request.query),
  headers: Object.entries(request.headers).map(([name, value]) => [pyBytes(name), pyBytes(value)]),
  state: {},
})

const decodeSafely = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const FRAMEWORK_REQUEST = {
  flask: { framework: 'Flask', object: 'flask.wrappers.Request', context: true },
  django: { framework: 'Django', object: 'django.core.handlers.wsgi.WSGIRequest', context: false },
  fastapi: { framework: 'FastAPI', object: 'starlette.requests.Request', context: false },
} as const

/** A few attributes of the request object, spelled as each framework spells them. */
const requestAttributes = (
  framework: Framework,
  request: HttpRequest,
): Record<string, JsonValue> => {
  const query = parseUrlEncoded(request.query)
  const type = request.headers['content-type'] ?? null
  switch (framework) {
    case 'flask':
      return {
        'request.method': request.method,
        'request.path': request.path,
        'request.args': query,
        'request.content_type': type,
      }
    case 'django':
      return {
        'request.method': request.method,
        'request.path': request.path,
        'request.GET': query,
        'request.content_type': type,
      }
    case 'fastapi':
      return {
        'request.method': request.method,
        'request.url.path': request.path,
        'request.query_params': query,
        "request.headers['content-type']": type,
      }
  }
}

/**
 * A response with no Content-Length (Django's, usually) is sent chunked by gunicorn and uvicorn
 * to an HTTP/1.1 client — nginx here, with `proxy_http_version 1.1`. Not for HEAD, 1xx, 204 or
 * 304, which have no body to frame.
 */
const framedByServer = (request: HttpRequest, response: HttpResponse): boolean =>
  response.headers['content-length'] === undefined &&
  response.headers['transfer-encoding'] === undefined &&
  request.method !== 'HEAD' &&
  response.status >= 200 &&
  response.status !== 204 &&
  response.status !== 304

/** Where each server logs an exception nobody handled. */
const EXCEPTION_LOGGER: Readonly<Record<Framework, string>> = {
  flask: 'flask.app',
  django: 'django.request',
  fastapi: 'uvicorn.error',
}

/**
 * The Python app server: gunicorn (WSGI, sync workers) for Flask and Django, uvicorn (ASGI) for
 * FastAPI. It turns bytes into `environ` or `scope`; the framework wraps that in its request
 * object (Flask pushes a request context, popped on the way out). An exception that no
 * middleware caught becomes the framework's default 500 here.
 */
export const serverStage: Stage = {
  id: 'server',
  layer: 'server',
  run(ctx, request, next) {
    // A redirect may bring a second request through the same trace: nothing carries over.
    ctx.match = undefined
    ctx.user = undefined
    ctx.session = undefined
    ctx.input = undefined

    const framework = ctx.scenario.framework
    const asgi = framework === 'fastapi'
    const software = asgi ? 'uvicorn' : 'gunicorn'
    const iface = asgi ? 'ASGI' : 'WSGI'
    const concurrency = asgi ? 'event-loop' : 'sync-worker'
    const proxy = ctx.scenario.proxy
    if (proxy.upstream === 'slow') {
      // Overloaded: the kernel has completed the proxy's connection, but no worker is free to
      // accept() it, so it sits in the listen backlog. The wait is on the clock before any
      // parsing, and the proxy's read timeout is already running.
      const waitedMs = proxy.upstreamDelayMs ?? NETWORK_DEFAULTS.upstreamDelayMs
      const waited =
        waitedMs >= 1000
          ? `${Number((waitedMs / 1000).toFixed(1))} s`
          : `${Math.round(waitedMs)} ms`
      ctx.emit(this, {
        type: 'server:queued',
        direction: 'request',
        title: `Queued ${waited}: ${asgi ? 'the event loop is blocked' : 'every worker is busy'}`,
        duration: waitedMs,
        request,
        data: {
          interface: iface,
          software,
          workers: proxy.workers,
          waitedMs,
          backlog: LISTEN_BACKLOG,
          concurrency,
        },
      })
    }
    ctx.emit(this, {
      type: 'server:parse',
      direction: 'request',
      title: asgi ? 'uvicorn builds the ASGI scope' : 'gunicorn builds the WSGI environ',
      duration: ctx.vary(0.2),
      request,
      data: {
        interface: iface,
        software,
        data: asgi
          ? asgiScope(request)
          : wsgiEnviron(request, ctx.scenario, 40_000 + ctx.rng.int(20_000)),
        bodyVia: asgi ? 'receive()' : 'wsgi.input',
        concurrency,
      },
    })
    const shape = FRAMEWORK_REQUEST[framework]
    ctx.emit(this, {
      type: 'server:request-object',
      direction: 'request',
      title: shape.context
        ? 'Flask pushes the request context'
        : `${shape.framework} builds its request object`,
      duration: ctx.vary(0.1),
      request,
      data: { ...shape, attributes: requestAttributes(framework, request) },
    })

    let inner: HttpResponse
    try {
      inner = next(request)
    } catch (error) {
      if (!(error instanceof AppException)) throw error
      inner = frameworkError(framework, 500)
      ctx.emit(this, {
        type: 'server:exception',
        direction: 'response',
        title: `Unhandled ${error.exception}: ${shape.framework}'s default 500`,
        duration: 0.3,
        request,
        response: inner,
        data: {
          exception: error.exception,
          message: error.detail,
          traceback: error.traceback,
          logger: EXCEPTION_LOGGER[framework],
          status: 500,
        },
      })
    }

    let response = inner
    if (shape.context)
      ctx.emit(this, {
        type: 'server:context-pop',
        direction: 'response',
        title: 'Flask pops the request context',
        duration: ctx.vary(0.05),
        request,
        response,
        data: { framework: 'Flask', teardown: ['teardown_request', 'teardown_appcontext'] },
      })

    // HEAD gets the GET view's headers, Content-Length included, but no body.
    const bodyOmitted = request.method === 'HEAD' && response.body !== ''
    if (bodyOmitted) response = { ...response, body: '' }
    response = withHeaders(response, {
      server: software,
      date: httpDate(ctx.base + ctx.now()),
      ...(framedByServer(request, response) ? { 'transfer-encoding': 'chunked' } : {}),
    })
    ctx.emit(this, {
      type: 'server:write',
      direction: 'response',
      title: `${software} writes the response to the socket`,
      duration: ctx.vary(0.2),
      request,
      response,
      data: {
        interface: iface,
        software,
        bytes: utf8Length(rawResponse(response)),
        calls: asgi
          ? ["send({'type': 'http.response.start'})", "send({'type': 'http.response.body'})"]
          : ['start_response(status, headers)', 'iterate the body'],
        bodyOmitted,
      },
    })
    return response
  },
}
