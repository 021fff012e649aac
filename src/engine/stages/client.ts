import type { Next, SimContext, Stage } from '../context'
import { NetworkFailure } from '../context'
import type { HttpRequest, HttpResponse } from '../model/http'
import { origin, target, utf8Length } from '../model/http'
import { transferMs } from '../model/network'
import { REDIRECT_STATUSES } from '../model/schema/network'
import { cacheAge, cacheEntryFor, isFresh, parseCacheControl } from '../http/cache'
import { cookiesFor, storeCookies } from '../http/cookies'
import { responseBytes } from '../http/wire'

/** Headers every browser adds on its own. */
const BROWSER_HEADERS = {
  'user-agent': 'Mozilla/5.0 (Roundtrip simulated browser)',
  accept: '*/*',
  'accept-encoding': 'gzip, deflate, br',
}
const BROWSER_HEADER_ENTRIES = Object.entries(BROWSER_HEADERS)
/** Chrome and the Fetch standard give up after 20 redirects. */
export const MAX_REDIRECTS = 20
const FOLLOWED = new Set<number>(REDIRECT_STATUSES)
/** Headers that describe a body; they go when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language']

const urlOf = (request: HttpRequest): string => origin(request) + target(request)

/** `Location` resolved against the URL it came from; `null` if it is not an http(s) URL. */
const resolveLocation = (location: string, base: string): URL | null => {
  try {
    const url = new URL(location, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}

/** The next request after a redirect, as the Fetch standard's "HTTP-redirect fetch" builds it. */
const redirected = (
  request: HttpRequest,
  status: number,
  to: URL,
): { next: HttpRequest; methodChanged: boolean; sameOrigin: boolean } => {
  const methodChanged =
    (status === 303 && request.method !== 'GET' && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST')
  const scheme = to.protocol === 'https:' ? 'https' : 'http'
  const next: HttpRequest = {
    ...request,
    method: methodChanged ? 'GET' : request.method,
    scheme,
    host: to.hostname,
    port: to.port ? Number(to.port) : scheme === 'https' ? 443 : 80,
    path: to.pathname || '/',
    query: to.search.replace(/^\?/, ''),
    body: methodChanged ? '' : request.body,
  }
  const sameOrigin = origin(next) === origin(request)
  const dropped = [...(methodChanged ? BODY_HEADERS : []), ...(sameOrigin ? [] : ['authorization'])]
  if (dropped.length === 0) return { next, methodChanged, sameOrigin }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (!dropped.includes(name)) headers[name] = value
  return { next: { ...next, headers }, methodChanged, sameOrigin }
}

/**
 * One round trip: parse the URL, consult the HTTP cache and the cookie jar, build the request,
 * send it through the rest of the onion (or answer from the cache), and read what comes back.
 */
/** What one round trip ends with, and the request as the browser actually sent it. */
interface RoundTrip {
  readonly response: HttpResponse
  readonly sent: HttpRequest
}

const roundTrip = (
  stage: Stage,
  ctx: SimContext,
  authored: HttpRequest,
  next: Next,
  hop: number,
): RoundTrip => {
  const { scheme, host, port, path, query } = authored
  const url = urlOf(authored)
  ctx.emit(stage, {
    type: 'client:parse-url',
    direction: 'request',
    title: hop === 0 ? 'Parse the URL' : 'Parse the redirect target',
    duration: 0.1,
    request: authored,
    data: { url, scheme, host, port, path, query, hop },
  })

  let request = authored
  const clock = () => ctx.base + ctx.now()
  const cached = authored.method === 'GET' ? ctx.connection.httpCache[url] : undefined
  if (cached && isFresh(cached, clock())) {
    const response = cached.response
    ctx.emit(stage, {
      type: 'client:cache-hit',
      direction: 'response',
      title: 'Fresh copy in the HTTP cache: no request sent',
      duration: ctx.vary(1),
      request,
      response,
      data: {
        url,
        ageSeconds: cacheAge(cached, clock()),
        maxAgeSeconds: cached.maxAgeSeconds ?? 0,
        bytes: utf8Length(response.body),
      },
    })
    return { response, sent: request }
  }
  const revalidating =
    cached !== undefined &&
    (cached.etag !== undefined || cached.lastModified !== undefined) &&
    !('if-none-match' in request.headers) &&
    !('if-modified-since' in request.headers)
  if (cached && revalidating) {
    const conditions: Record<string, string> = {}
    if (cached.etag !== undefined) conditions['if-none-match'] = cached.etag
    if (cached.lastModified !== undefined) conditions['if-modified-since'] = cached.lastModified
    request = { ...request, headers: { ...request.headers, ...conditions } }
    ctx.emit(stage, {
      type: 'client:cache-revalidate',
      direction: 'request',
      title: 'Cached copy is stale: ask whether it changed',
      duration: 0.2,
      request,
      data: {
        url,
        ageSeconds: cacheAge(cached, clock()),
        maxAgeSeconds: cached.noCache ? null : cached.maxAgeSeconds,
        etag: cached.etag ?? null,
        lastModified: cached.lastModified ?? null,
        headersAdded: Object.keys(conditions),
      },
    })
  }

  const cookies = cookiesFor(ctx.connection.cookies, authored, clock())
  if (cookies.length > 0) {
    const jar = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const own = request.headers.cookie
    request = { ...request, headers: { ...request.headers, cookie: own ? `${own}; ${jar}` : jar } }
    ctx.emit(stage, {
      type: 'client:attach-cookies',
      direction: 'request',
      title: `Attach ${cookies.length} cookie${cookies.length === 1 ? '' : 's'} from the jar`,
      duration: 0.05,
      request,
      data: { cookies: cookies.map((c) => ({ name: c.name, path: c.path, httpOnly: c.httpOnly })) },
    })
  }

  const added: Record<string, string> = { host }
  for (const [name, value] of BROWSER_HEADER_ENTRIES)
    if (!(name in request.headers)) added[name] = value
  if (request.body && !('content-length' in request.headers))
    added['content-length'] = String(utf8Length(request.body))
  const built = { ...request, headers: { ...added, ...request.headers } }
  ctx.emit(stage, {
    type: 'client:build-request',
    direction: 'request',
    title: 'Build the request',
    duration: 0.2,
    request: built,
    data: { headersAdded: Object.keys(added) },
  })

  let response: HttpResponse
  try {
    response = next(built)
  } catch (failure) {
    if (failure instanceof NetworkFailure)
      ctx.emit(stage, {
        type: 'client:network-error',
        direction: 'response',
        title: `Network error: ${failure.code}`,
        duration: 0,
        request: built,
        data: { code: failure.code },
      })
    throw failure
  }

  const bytes = responseBytes(response)
  ctx.emit(stage, {
    type: 'client:receive',
    direction: 'response',
    title: 'Download the response',
    duration: transferMs(bytes, ctx.network.bandwidthMbps),
    request: built,
    response,
    data: { bytes },
  })

  const setCookie = response.headers['set-cookie']
  if (setCookie !== undefined) {
    const { jar, changes } = storeCookies(ctx.connection.cookies, setCookie, authored, clock())
    ctx.connection = { ...ctx.connection, cookies: jar }
    ctx.emit(stage, {
      type: 'client:store-cookies',
      direction: 'response',
      title: 'Store cookies from Set-Cookie',
      duration: 0.05,
      request: built,
      response,
      data: { changes },
    })
  }

  if (response.status === 304 && cached && revalidating) {
    // A 304 refreshes the stored entry: its lifetime restarts, updated headers replace old ones.
    const control = parseCacheControl(response.headers['cache-control'])
    const refreshed = {
      ...cached,
      storedAt: clock(),
      maxAgeSeconds: control.maxAgeSeconds ?? cached.maxAgeSeconds,
    }
    ctx.connection = {
      ...ctx.connection,
      httpCache: { ...ctx.connection.httpCache, [url]: refreshed },
    }
    ctx.emit(stage, {
      type: 'client:cache-use',
      direction: 'response',
      title: 'Not modified: use the cached body',
      duration: ctx.vary(1),
      request: built,
      response,
      data: {
        url,
        status: cached.response.status,
        bytes: utf8Length(cached.response.body),
        body: cached.response.body,
      },
    })
    return { response, sent: built }
  }

  const entry = cacheEntryFor(url, built, response, clock())
  if (entry) {
    ctx.connection = { ...ctx.connection, httpCache: { ...ctx.connection.httpCache, [url]: entry } }
    ctx.emit(stage, {
      type: 'client:cache-store',
      direction: 'response',
      title: 'Keep a copy in the HTTP cache',
      duration: 0.1,
      request: built,
      response,
      data: {
        url,
        etag: entry.etag ?? null,
        lastModified: entry.lastModified ?? null,
        maxAgeSeconds: entry.maxAgeSeconds,
        noCache: entry.noCache,
      },
    })
  }
  return { response, sent: built }
}

/**
 * The browser: parses the URL, attaches cookies, consults its HTTP cache and builds the request;
 * on the way back it stores cookies and cacheable responses and follows redirects. A followed
 * redirect calls `next` again: a second round trip through the whole onion, in the same trace,
 * reusing the connection when the target has the same origin.
 */
export const clientStage: Stage = {
  id: 'client',
  layer: 'client',
  run(ctx, request, next) {
    let current = request
    for (let hop = 0; ; hop++) {
      const { response, sent } = roundTrip(this, ctx, current, next, hop)
      const location = response.headers.location
      const to =
        FOLLOWED.has(response.status) && location !== undefined
          ? resolveLocation(location, urlOf(current))
          : null
      if (to) {
        if (hop + 1 > MAX_REDIRECTS) {
          const code = 'ERR_TOO_MANY_REDIRECTS'
          ctx.emit(this, {
            type: 'client:network-error',
            direction: 'response',
            title: `Network error: ${code}`,
            duration: 0,
            request: sent,
            response,
            data: { code },
          })
          throw new NetworkFailure(code, `${request.host} redirected you too many times`)
        }
        const {
          next: following,
          methodChanged,
          sameOrigin,
        } = redirected(current, response.status, to)
        ctx.emit(this, {
          type: 'client:redirect',
          direction: 'response',
          title: `${response.status}: follow the redirect to ${to.href}`,
          duration: 0.05,
          request: sent,
          response,
          data: {
            status: response.status,
            from: urlOf(current),
            to: urlOf(following),
            method: following.method,
            methodChanged,
            sameOrigin,
            redirects: hop + 1,
          },
        })
        current = following
        continue
      }
      ctx.emit(this, {
        type: 'client:complete',
        direction: 'response',
        // HTTP/2 has no reason phrase: the title is the number alone.
        title: `${response.status} ${response.statusText}`.trim(),
        duration: 0.1,
        request: sent,
        response,
        data: { status: response.status, statusText: response.statusText },
      })
      return response
    }
  },
}
