import type { Stage } from '../context'
import type { Headers, HttpMethod } from '../model/http'
import type { Framework, MiddlewareSpec } from '../model/scenario'
import { withHeaders } from '../model/http'
import { makeResponse } from '../framework/pages'
import { appendVary } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'cors' }>

/** Headers a browser may always send cross-origin; Starlette allows them without being told. */
const SAFELISTED = ['accept', 'accept-language', 'content-language', 'content-type']

const resolve = (options: Options, framework: Framework) => ({
  allowOrigins: options.allowOrigins ?? ['https://app.example.com'],
  allowMethods: options.allowMethods ?? (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as HttpMethod[]),
  allowHeaders: options.allowHeaders ?? ['Content-Type', 'Authorization'],
  exposeHeaders: options.exposeHeaders ?? [],
  allowCredentials: options.allowCredentials ?? false,
  maxAge: options.maxAge ?? 600,
  // Starlette answers a preflight `200 OK` with the text "OK", django-cors-headers `200` with
  // an empty HttpResponse; the Flask app's own hook answers 204.
  preflightStatus: options.preflightStatus ?? (framework === 'flask' ? 204 : 200),
})

/** Starlette's `sorted(SAFELISTED_HEADERS | set(allow_headers))`, in its own capitals. */
const starletteAllowHeaders = (allowHeaders: readonly string[]): string =>
  [...new Set([...SAFELISTED_TITLE, ...allowHeaders])].sort().join(', ')

const SAFELISTED_TITLE = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type']

/** `Access-Control-Allow-Origin` for an allowed origin: `*` only when no credentials are involved. */
const allowOriginHeaders = (
  origin: string,
  anyOrigin: boolean,
  credentials: boolean,
  existing: Headers,
): Record<string, string> =>
  anyOrigin && !credentials
    ? { 'access-control-allow-origin': '*' }
    : // Echoing the origin makes the response differ per origin, so caches must key on it.
      { 'access-control-allow-origin': origin, vary: appendVary(existing, 'Origin') }

/**
 * CORS: answers a preflight `OPTIONS` at once (the request never reaches the router), and on
 * the way out adds `Access-Control-Allow-Origin` to cross-origin responses — to any response
 * that passes back through it, error responses included, but not to an exception that
 * unwinds past it.
 */
export const corsMiddleware = (options: Options): Stage => ({
  id: 'middleware:cors',
  layer: 'middleware',
  run(ctx, request, next) {
    const framework = ctx.scenario.framework
    const o = resolve(options, framework)
    const origin = request.headers.origin
    const anyOrigin = o.allowOrigins.includes('*')
    const originAllowed = origin !== undefined && (anyOrigin || o.allowOrigins.includes(origin))
    const requestedMethod = request.headers['access-control-request-method']

    if (request.method === 'OPTIONS' && origin !== undefined && requestedMethod !== undefined) {
      ctx.emit(this, {
        type: 'middleware:enter',
        direction: 'request',
        title: `CORS: preflight from ${origin}`,
        duration: 0.03,
        request,
        data: { name: 'cors', note: `may ${origin} send ${requestedMethod}?` },
      })
      const requestedHeaders = (request.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
      const allowedHeaders = [...SAFELISTED, ...o.allowHeaders.map((h) => h.toLowerCase())]
      const rejected = [
        ...(originAllowed ? [] : ['origin']),
        ...((o.allowMethods as readonly string[]).includes(requestedMethod) ? [] : ['method']),
        ...(o.allowHeaders.includes('*') ||
        requestedHeaders.every((h) => allowedHeaders.includes(h))
          ? []
          : ['headers']),
      ]
      const headers: Record<string, string> =
        rejected.length === 0
          ? {
              ...allowOriginHeaders(origin, anyOrigin, o.allowCredentials, {}),
              'access-control-allow-methods': o.allowMethods.join(', '),
              'access-control-allow-headers': o.allowHeaders.includes('*')
                ? requestedHeaders.join(', ')
                : framework === 'fastapi'
                  ? // Starlette lists the safelisted headers too, sorted.
                    starletteAllowHeaders(o.allowHeaders)
                  : o.allowHeaders.join(', '),
              'access-control-max-age': String(o.maxAge),
              ...(o.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
            }
          : {}
      let response
      if (framework === 'fastapi') {
        const text = rejected.length ? rejected.map((r) => `Disallowed CORS ${r}`).join(', ') : 'OK'
        // Starlette refuses a bad preflight with 400; the others just leave the headers off.
        const status = rejected.length ? 400 : o.preflightStatus
        response = makeResponse(
          status,
          status === 204 ? '' : text,
          'text/plain; charset=utf-8',
          headers,
        )
      } else {
        response = makeResponse(
          o.preflightStatus,
          '',
          o.preflightStatus === 204 ? null : 'text/html; charset=utf-8',
          headers,
        )
      }
      if (response.status === 204) {
        const { 'content-length': _none, ...rest } = response.headers
        response = { ...response, headers: rest }
      }
      ctx.emit(this, {
        type: 'middleware:cors-preflight',
        direction: 'response',
        title: rejected.length
          ? `CORS: preflight refused (${rejected.join(', ')})`
          : `CORS: preflight allowed, ${response.status}`,
        duration: 0.05,
        request,
        response,
        data: {
          origin,
          requestedMethod,
          requestedHeaders,
          allowed: rejected.length === 0,
          rejected,
          headersAdded: Object.keys(headers),
        },
      })
      return response
    }

    ctx.emit(this, {
      type: 'middleware:enter',
      direction: 'request',
      title: origin ? `CORS: request from ${origin}` : 'CORS: no Origin header',
      duration: 0.02,
      request,
      data: {
        name: 'cors',
        note: origin ? `cross-origin request from ${origin}` : 'same-origin or not from a browser',
      },
    })
    const inner = next(request)
    if (origin === undefined) {
      ctx.emit(this, {
        type: 'middleware:exit',
        direction: 'response',
        title: 'CORS: nothing to add',
        duration: 0.01,
        request,
        response: inner,
        data: { name: 'cors', headersAdded: [] },
      })
      return inner
    }
    const added: Record<string, string> = originAllowed
      ? {
          ...allowOriginHeaders(origin, anyOrigin, o.allowCredentials, inner.headers),
          ...(o.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
          ...(o.exposeHeaders.length
            ? { 'access-control-expose-headers': o.exposeHeaders.join(', ') }
            : {}),
        }
      : {}
    const response = withHeaders(inner, added)
    ctx.emit(this, {
      type: 'middleware:cors-headers',
      direction: 'response',
      title: originAllowed
        ? `CORS: allow ${added['access-control-allow-origin']}`
        : `CORS: ${origin} not allowed, no headers`,
      duration: 0.02,
      request,
      response,
      data: { origin, allowed: originAllowed, headersAdded: Object.keys(added) },
    })
    return response
  },
})
