import type { SimContext, Stage } from '../context'
import type { EventPayloads, EventType } from '../model/events'
import type { HttpRequest, HttpResponse } from '../model/http'
import { target, utf8Length, withHeaders } from '../model/http'
import { transferMs } from '../model/network'
import type { ProxySpec, StaticFileSpec } from '../model/schema/network'
import { NETWORK_DEFAULTS } from '../model/schema/network'
import { statusText } from '../http/status'
import { requestBytes } from '../http/wire'
import { httpDate } from '../model/time'
import { caddyEtag, nginxEtag } from '../http/etag'

/** The address the simulated browser connects from (a documentation range, RFC 5737). */
export const CLIENT_IP = '203.0.113.7'
/** The `Retry-After` a maintenance page sends, in seconds. */
const MAINTENANCE_RETRY_AFTER = 300
/** A static file's `Last-Modified` when the scenario gives none. */
const DEFAULT_LAST_MODIFIED = 'Mon, 26 May 2025 08:00:00 GMT'

/** The reason phrases nginx prints in its own error pages (some differ from RFC 9110's). */
const NGINX_REASON: Readonly<Record<number, string>> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  404: 'Not Found',
  405: 'Not Allowed',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
}

/** The page nginx writes itself for an error or redirect, byte for byte (CRLF line ends). */
export const nginxPage = (status: number): string => {
  const line = `${status} ${NGINX_REASON[status] ?? statusText(status)}`
  return `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

// The ETags live in http/etag.ts, so scenario data can compute one without this stage.
export { caddyEtag, nginxEtag }

/**
 * A response the proxy writes itself. nginx writes an HTML page, and its status line carries
 * its own reason phrases ("413 Request Entity Too Large"); Caddy answers with no body.
 */
const ownResponse = (
  software: ProxySpec['software'],
  status: number,
  headers: Record<string, string> = {},
): HttpResponse => {
  const body = software === 'nginx' ? nginxPage(status) : ''
  return {
    status,
    statusText: (software === 'nginx' ? NGINX_REASON[status] : undefined) ?? statusText(status),
    httpVersion: 'HTTP/1.1',
    headers: {
      server: software,
      ...(body ? { 'content-type': 'text/html' } : {}),
      'content-length': String(utf8Length(body)),
      ...headers,
    },
    body,
  }
}

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0')

/** Does `If-None-Match` (a list of tags, or `*`) match `etag`? Weak comparison, as for GET. */
const etagMatches = (header: string, etag: string): boolean => {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.trim() === '*' || header.split(',').some((tag) => bare(tag) === bare(etag))
}

const serveStatic = (
  ctx: SimContext,
  request: HttpRequest,
  spec: NonNullable<ProxySpec['static']>,
): { response: HttpResponse; data: EventPayloads['proxy:static'] } => {
  const { software } = ctx.scenario.proxy
  const name = request.path.slice(spec.prefix.length)
  const file: StaticFileSpec | undefined = spec.files[name]
  const miss = (status: number) => ({
    response: ownResponse(software, status, status === 405 ? { allow: 'GET, HEAD' } : {}),
    data: {
      path: request.path,
      file: name,
      status,
      contentType: null,
      bytes: 0,
      etag: null,
      notModified: false,
    },
  })
  if (request.method !== 'GET' && request.method !== 'HEAD') return miss(405)
  if (!file) return miss(404)

  const bytes = utf8Length(file.body)
  const lastModified = file.lastModified ?? DEFAULT_LAST_MODIFIED
  const etag = file.etag ?? (software === 'caddy' ? caddyEtag : nginxEtag)(lastModified, bytes)
  const ifNoneMatch = request.headers['if-none-match']
  const ifModifiedSince = request.headers['if-modified-since']
  // If-None-Match takes precedence; nginx compares If-Modified-Since exactly by default.
  const notModified =
    ifNoneMatch !== undefined
      ? etagMatches(ifNoneMatch, etag)
      : ifModifiedSince !== undefined && ifModifiedSince === lastModified
  const headers: Record<string, string> = { server: software }
  if (!notModified) {
    headers['content-type'] = file.contentType
    headers['content-length'] = String(bytes)
  }
  headers['last-modified'] = lastModified
  headers.etag = etag
  if (spec.maxAgeSeconds !== undefined) {
    // nginx's `expires` writes both: an absolute date for HTTP/1.0 caches, and max-age.
    headers.expires = httpDate(ctx.base + ctx.now() + spec.maxAgeSeconds * 1000)
    headers['cache-control'] = `max-age=${spec.maxAgeSeconds}`
  }
  if (!notModified) headers['accept-ranges'] = 'bytes'
  const status = notModified ? 304 : 200
  return {
    response: {
      status,
      statusText: statusText(status),
      httpVersion: 'HTTP/1.1',
      headers,
      body: notModified || request.method === 'HEAD' ? '' : file.body,
    },
    data: {
      path: request.path,
      file: name,
      status,
      contentType: file.contentType,
      bytes: notModified ? 0 : bytes,
      etag,
      notModified,
    },
  }
}

interface RateDecision {
  /** The accepted requests' times still needed to decide the next one. */
  readonly recent: number[]
  /** Requests counted against the limit, this one included. */
  readonly used: number
  readonly refused: boolean
  /** Seconds to wait, for a limiter that says; `null` when it sends no Retry-After. */
  readonly retryAfter: number | null
}

/**
 * nginx's `limit_req rate=… burst=limit-1 nodelay`: a leaky bucket. Each accepted request adds
 * one to the bucket's excess, which drains at limit/window; a request that would take the excess
 * past the burst is refused, with no Retry-After. Replays the accepted requests' times, as
 * ngx_http_limit_req_module keeps `excess` and `last` per client.
 */
const leakyBucket = (
  accepted: readonly number[],
  now: number,
  limit: number,
  windowMs: number,
): RateDecision => {
  const perMs = limit / windowMs
  const burst = limit - 1
  let excess = 0
  let last: number | undefined
  let since = 0
  accepted.forEach((at, index) => {
    excess = last === undefined ? 0 : Math.max(0, excess - (at - last) * perMs + 1)
    if (excess === 0) since = index
    last = at
  })
  const next = last === undefined ? 0 : Math.max(0, excess - (now - last) * perMs + 1)
  // Before the last time the bucket was empty nothing matters any more.
  const recent = accepted.slice(since)
  // `used`: this request and what is still in the bucket, a partly drained one counted whole.
  return { recent, used: Math.ceil(next - 1e-9) + 1, refused: next > burst, retryAfter: null }
}

/** Caddy's rate_limit: at most `limit` requests in any window; says when one frees up. */
const slidingWindow = (
  accepted: readonly number[],
  now: number,
  limit: number,
  windowMs: number,
): RateDecision => {
  const recent = accepted.filter((at) => at > now - windowMs)
  const used = recent.length + 1
  const refused = used > limit
  const retryAfter = refused
    ? Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000))
    : null
  return { recent, used, refused, retryAfter }
}

const ERROR_LOG = {
  'connection-refused': 'connect() failed (111: Connection refused) while connecting to upstream',
  timeout:
    'upstream timed out (110: Connection timed out) while reading response header from upstream',
  'connection-reset':
    'recv() failed (104: Connection reset by peer) while reading response header from upstream',
} as const

/**
 * The reverse proxy (nginx or Caddy): receives the bytes, terminates TLS and answers what it can
 * itself — an https redirect, maintenance (503), an oversized body (413), the rate limit (429),
 * static files — before forwarding the rest, with forwarding headers, to one of the Python
 * workers. A dead, slow or crashing upstream becomes the proxy's own 502 or 504.
 */
export const proxyStage: Stage = {
  id: 'proxy',
  layer: 'proxy',
  run(ctx, request, next) {
    const spec = ctx.scenario.proxy
    const { software, workers } = spec
    const bytes = requestBytes(request)
    const wireMs = transferMs(bytes, ctx.network.bandwidthMbps)
    ctx.emit(this, {
      type: 'proxy:receive',
      direction: 'request',
      title: `The request reaches ${software}`,
      duration: ctx.vary(ctx.network.rttMs / 2) + wireMs,
      request,
      data: {
        software,
        bytes,
        wireMs,
        terminatedTls: request.scheme === 'https',
        httpVersion: request.httpVersion,
      },
    })

    /** Sends a response back over the client's connection, in the protocol the client speaks. */
    const send = (response: HttpResponse, at: HttpRequest, headersChanged: string[]) => {
      // The proxy writes its own Date (nginx hides the upstream's). HTTP/2 has no chunked
      // encoding: its frames already mark where the body ends.
      const { 'transfer-encoding': chunked, ...headers } = response.headers
      const out: HttpResponse = {
        ...response,
        // HTTP/2 has no reason phrase: its :status pseudo-header carries the number alone.
        statusText: request.httpVersion === 'HTTP/2' ? '' : response.statusText,
        httpVersion: request.httpVersion,
        headers: {
          ...headers,
          date: httpDate(ctx.base + ctx.now()),
          ...(chunked !== undefined && request.httpVersion === 'HTTP/1.1'
            ? { 'transfer-encoding': chunked }
            : {}),
        },
      }
      ctx.emit(this, {
        type: 'proxy:send',
        direction: 'response',
        title: `${software} sends the response back`,
        duration: ctx.vary(ctx.network.rttMs / 2),
        request: at,
        response: out,
        data: { software, headersChanged, httpVersion: request.httpVersion },
      })
      return out
    }
    /** The proxy answers itself: one event saying why, then the response goes back. */
    const answer = <K extends EventType>(
      type: K,
      title: string,
      response: HttpResponse,
      data: EventPayloads[K],
      duration = 0.05,
    ) => {
      ctx.emit(this, { type, direction: 'response', title, duration, request, response, data })
      return send(response, request, [])
    }

    const redirect = spec.httpsRedirect && request.scheme === 'http'
    if (redirect) {
      const location = `https://${request.host}${target(request)}`
      // nginx's `return 301`; Caddy's automatic HTTPS answers 308, which keeps the method.
      const status = software === 'caddy' ? 308 : 301
      return answer(
        'proxy:redirect',
        'Redirect http:// to https://',
        ownResponse(software, status, { location }),
        { status, location, reason: 'https' },
      )
    }
    const configured = spec.redirects?.[request.path]
    if (configured) {
      // nginx's absolute_redirect (on by default) turns `return 301 /new` into a full URL on
      // the request's own scheme and host; Caddy's `redir` sends the path as written.
      const location =
        software === 'nginx' && configured.location.startsWith('/')
          ? `${request.scheme}://${request.host}${configured.location}`
          : configured.location
      return answer(
        'proxy:redirect',
        `${configured.status} redirect to ${configured.location}`,
        ownResponse(software, configured.status, { location }),
        { status: configured.status, location, reason: 'configured' },
      )
    }

    if (spec.status === 'maintenance') {
      const retryAfter = MAINTENANCE_RETRY_AFTER
      return answer(
        'proxy:maintenance',
        'Down for maintenance: 503',
        ownResponse(software, 503, { 'retry-after': String(retryAfter) }),
        { retryAfter },
      )
    }

    const limit = spec.maxBodyBytes ?? NETWORK_DEFAULTS.maxBodyBytes
    const declared = Number(request.headers['content-length'])
    const bodyBytes = Number.isFinite(declared) ? declared : utf8Length(request.body)
    // nginx refuses by Content-Length with its own 413. Caddy's request_body only cuts the body
    // off while reverse_proxy streams it, so the upstream request fails: 502.
    if (bodyBytes > limit)
      return answer(
        'proxy:body-too-large',
        `Body of ${bodyBytes} bytes exceeds the ${limit}-byte limit: ${software === 'caddy' ? 502 : 413}`,
        software === 'caddy'
          ? ownResponse(software, 502)
          : ownResponse(software, 413, { connection: 'close' }),
        { bytes: bodyBytes, limit },
      )

    if (spec.rateLimit) {
      const { limit: allowed, windowSeconds } = spec.rateLimit
      const now = ctx.base + ctx.now()
      const { recent, used, refused, retryAfter } = (
        software === 'nginx' ? leakyBucket : slidingWindow
      )(ctx.connection.proxy.recentRequests, now, allowed, windowSeconds * 1000)
      if (refused) {
        ctx.connection = {
          ...ctx.connection,
          proxy: { ...ctx.connection.proxy, recentRequests: recent },
        }
        return answer(
          'proxy:rate-limit',
          `Rate limit of ${allowed} per ${windowSeconds} s exceeded: 429`,
          ownResponse(
            software,
            429,
            retryAfter === null ? {} : { 'retry-after': String(retryAfter) },
          ),
          { allowed: false, limit: allowed, windowSeconds, used, retryAfter },
        )
      }
      ctx.connection = {
        ...ctx.connection,
        proxy: { ...ctx.connection.proxy, recentRequests: [...recent, now] },
      }
      ctx.emit(this, {
        type: 'proxy:rate-limit',
        direction: 'request',
        title: `Within the rate limit (${used} of ${allowed})`,
        duration: 0.02,
        request,
        data: { allowed: true, limit: allowed, windowSeconds, used, retryAfter: null },
      })
    }

    if (spec.static && request.path.startsWith(spec.static.prefix)) {
      const { response, data } = serveStatic(ctx, request, spec.static)
      return answer(
        'proxy:static',
        data.notModified
          ? `${data.file} unchanged: 304`
          : response.status === 200
            ? `Serve ${data.file} from disk`
            : `No static file ${data.file}: ${response.status}`,
        response,
        data,
        // Reading a small file from the page cache is quick; bigger files take longer.
        ctx.vary(0.1 + data.bytes / 1_000_000),
      )
    }

    const balancing = spec.balancing ?? NETWORK_DEFAULTS.balancing
    let worker: number
    if (balancing === 'random') worker = ctx.rng.int(workers) + 1
    else {
      worker = (ctx.connection.proxy.nextWorker % workers) + 1
      ctx.connection = {
        ...ctx.connection,
        proxy: { ...ctx.connection.proxy, nextWorker: worker % workers },
      }
    }
    const upstream = `127.0.0.1:${8000 + worker - 1}`
    // nginx's $request_id: 16 random bytes as 32 hex digits.
    let requestId = ''
    for (let i = 0; i < 8; i++) requestId += hex(ctx.rng.int(0x10000), 4)
    const previousFor = request.headers['x-forwarded-for']
    // The proxy talks HTTP/1.1 to the app whatever the browser negotiated.
    const forwarded: HttpRequest = withHeaders(
      { ...request, httpVersion: 'HTTP/1.1' },
      {
        'x-forwarded-for': previousFor ? `${previousFor}, ${CLIENT_IP}` : CLIENT_IP,
        'x-forwarded-proto': request.scheme,
        'x-request-id': requestId,
      },
    )
    ctx.emit(this, {
      type: 'proxy:forward',
      direction: 'request',
      title: `Forward to worker ${worker} of ${workers}`,
      duration: ctx.vary(0.3),
      request: forwarded,
      data: {
        upstream,
        worker,
        workers,
        balancing,
        headersAdded: ['x-forwarded-for', 'x-forwarded-proto', 'x-request-id'],
      },
    })

    const timeoutMs = spec.timeoutMs ?? NETWORK_DEFAULTS.timeoutMs
    const fail = (error: keyof typeof ERROR_LOG, status: 502 | 504, waitedMs: number) => {
      const response = ownResponse(software, status)
      const why = {
        'connection-refused': `cannot connect to ${upstream}`,
        timeout: `no answer from ${upstream} within ${timeoutMs / 1000} s`,
        'connection-reset': `${upstream} reset the connection`,
      }[error]
      ctx.emit(this, {
        type: 'proxy:upstream-error',
        direction: 'response',
        title: `${status}: ${why}`,
        duration: 0.05,
        request: forwarded,
        response,
        data: {
          upstream,
          error,
          status,
          log: ERROR_LOG[error],
          waitedMs: Math.round(waitedMs),
          timeoutMs,
        },
      })
      return send(response, forwarded, [])
    }

    // Nothing listens on the upstream port: the kernel refuses at once, on the same machine.
    if (spec.upstream === 'down') return fail('connection-refused', 502, 0.1)

    const started = ctx.now()
    const fromApp = next(forwarded)
    const waited = ctx.now() - started
    // The app's whole time counts, a wait in its listen backlog included (`upstream: 'slow'`):
    // nginx gives up once no response arrived within the timeout.
    if (waited > timeoutMs) return fail('timeout', 504, waited)
    if (spec.upstream === 'reset') return fail('connection-reset', 502, waited)

    // nginx does not pass the upstream's Server header on; it writes its own.
    return send(withHeaders(fromApp, { server: software }), forwarded, ['server'])
  },
}
