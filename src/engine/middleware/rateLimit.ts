import type { Stage } from '../context'
import type { Framework, MiddlewareSpec } from '../model/scenario'
import { withHeaders } from '../model/http'
import { asWritten, frameworkError, jsonResponse, makeResponse } from '../framework/pages'

type Options = Extract<MiddlewareSpec, { kind: 'rateLimit' }>

/** `100 per 1 minute`, the way Flask-Limiter and slowapi describe a limit. */
const describeLimit = (limit: number, seconds: number): string =>
  seconds % 3600 === 0
    ? `${limit} per ${seconds / 3600} hour`
    : seconds % 60 === 0
      ? `${limit} per ${seconds / 60} minute`
      : `${limit} per ${seconds} second`

const tooMany = (framework: Framework, limit: string, headers: Record<string, string>) => {
  switch (framework) {
    case 'flask':
      return frameworkError('flask', 429, { detail: limit, headers })
    case 'django':
      return asWritten(
        'django',
        makeResponse(429, 'Too Many Requests', 'text/html; charset=utf-8', headers),
      )
    case 'fastapi':
      return jsonResponse('fastapi', 429, { error: `Rate limit exceeded: ${limit}` }, headers)
  }
}

/**
 * App-level rate limiting (Flask-Limiter, slowapi, django-ratelimit): counts requests per client
 * in a window; over the limit, 429 with `Retry-After`. Behind a proxy the TCP peer is the proxy,
 * so keying on `remote-addr` puts every client in one bucket.
 */
export const rateLimitMiddleware = (options: Options): Stage => ({
  id: 'middleware:rateLimit',
  layer: 'middleware',
  run(ctx, request, next) {
    const limit = options.limit ?? 100
    const windowSeconds = options.windowSeconds ?? 60
    const key = options.key ?? 'x-forwarded-for'
    const client =
      key === 'user'
        ? (ctx.user?.name ?? 'anonymous')
        : key === 'remote-addr'
          ? '127.0.0.1'
          : (request.headers['x-forwarded-for']?.split(',')[0]?.trim() ?? '127.0.0.1')
    const count = (options.used ?? 0) + 1
    ctx.emit(this, {
      type: 'middleware:rate-check',
      direction: 'request',
      title: `Rate limit: ${client} has made ${count} of ${limit}`,
      duration: 0.08,
      request,
      data: { key, client, limit, windowSeconds, count },
    })
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - count)),
    }
    if (count > limit) {
      // The window started some time ago; the client may retry when it ends.
      const retryAfter = 1 + ctx.rng.int(windowSeconds)
      const response = tooMany(ctx.scenario.framework, describeLimit(limit, windowSeconds), {
        ...headers,
        'retry-after': String(retryAfter),
      })
      ctx.emit(this, {
        type: 'middleware:rate-limited',
        direction: 'response',
        title: `Rate limit: 429, retry in ${retryAfter} s`,
        duration: 0.03,
        request,
        response,
        data: { client, limit, retryAfter, status: 429 },
      })
      return response
    }
    const response = withHeaders(next(request), headers)
    ctx.emit(this, {
      type: 'middleware:exit',
      direction: 'response',
      title: `Rate limit: ${limit - count} left`,
      duration: 0.01,
      request,
      response,
      data: { name: 'rateLimit', headersAdded: Object.keys(headers) },
    })
    return response
  },
})
