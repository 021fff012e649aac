import type { CookieChange } from '../../../engine'
import {
  bytes,
  capital,
  code,
  find,
  headerList,
  list,
  ms,
  plural,
  requestLine,
  seconds,
  traceMs,
} from './facts'
import type { EventsOf, ExplainTable } from './types'
import { statusLine } from '../../format'

const DEFAULT_PORT = { http: 80, https: 443 } as const

const cookieChange = (change: CookieChange): string => {
  if (change.action === 'deleted') return `${code(change.name)} deleted`
  if (change.action === 'rejected')
    return `${code(change.name)} refused${change.reason ? ` (${change.reason.replace(/-/g, ' ')})` : ''}`
  const life =
    change.maxAgeSeconds === null
      ? 'until the browser closes'
      : `for ${seconds(change.maxAgeSeconds)}`
  return `${code(change.name)} stored ${life}${change.httpOnly ? ', HttpOnly' : ''}`
}

const STATUS_MEANING: Record<string, string> = {
  '1': 'an interim answer: more is coming',
  '2': 'success: the server did what was asked',
  '3': 'a redirect or “use your cached copy”: look elsewhere',
  '4': 'a client error: the server refused this request as it was sent',
  '5': 'a server error: the request may have been fine, but the server failed',
}

const NETWORK_ERRORS: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'the host name has no DNS record, so there was no address to connect to',
  ERR_CONNECTION_REFUSED: 'nothing was listening on the server’s port',
  ERR_CONNECTION_RESET: 'the connection was cut in the middle',
  ERR_CONNECTION_TIMED_OUT: 'the server never answered the connection attempt',
  ERR_CERT_DATE_INVALID: 'the server’s certificate has expired (or is not valid yet)',
  ERR_CERT_COMMON_NAME_INVALID: 'the server’s certificate is for a different host name',
}

/** Layer 0, the browser: building the request, and at the end reading the response. */
export const CLIENT: ExplainTable<EventsOf<'client'>> = {
  'client:parse-url': (e) => {
    const d = e.data
    const port =
      d.port === DEFAULT_PORT[d.scheme]
        ? `${d.port} (the default for ${d.scheme})`
        : `${d.port} (not the default, so it was written in the URL)`
    return {
      simple:
        d.hop > 0
          ? `You were told to write to a new address, so you copy it onto a fresh envelope: ${d.host}, department ${d.path}.`
          : `You write the address on the envelope: the company is ${d.host}, the department is ${d.path}.`,
      standard:
        `${d.hop > 0 ? `Redirect number ${d.hop}: a brand-new request starts here. ` : ''}` +
        `The browser splits ${code(d.url)} into its parts: scheme ${code(d.scheme)}, host ${code(d.host)}, ` +
        `port ${port}, path ${code(d.path)}${d.query ? ` and query ${code(`?${d.query}`)}` : ', no query string'}. ` +
        `The host says where to connect; the path and query are what the server will route on.`,
      deep:
        `Parsing follows the WHATWG URL Standard: the scheme fixes the default port and whether TLS is needed, ` +
        `the host is lower-cased (IDNA-encoded if it has non-ASCII letters) and the path is percent-encoded. ` +
        `A ${code('#fragment')} never leaves the browser. Until a connection is ready, Chrome’s Network panel ` +
        `counts the wait as “Queueing” and “Stalled”.`,
    }
  },

  'client:cache-hit': (e) => {
    const d = e.data
    const left = d.maxAgeSeconds - d.ageSeconds
    return {
      simple:
        'You already have a copy of this reply in your drawer, and it is still fresh, so you do not post a letter at all.',
      standard:
        `The HTTP cache holds a copy of ${code(d.url)} that is ${seconds(d.ageSeconds)} old, and ` +
        `${code(`Cache-Control: max-age=${d.maxAgeSeconds}`)} allows ${seconds(d.maxAgeSeconds)}. ` +
        `It is fresh, so the browser uses its ${bytes(d.bytes)} at once: no DNS, no connection, nothing reaches the server.`,
      deep:
        `Freshness is max-age minus the stored response’s age: ${d.maxAgeSeconds} − ${d.ageSeconds} = ${left} s left. ` +
        `DevTools shows “(disk cache)” or “(memory cache)” in the Size column, and the server’s logs never see this request. ` +
        `Only a response marked ${code('no-cache')}, an expired copy or a hard reload makes the browser ask again.`,
    }
  },

  'client:cache-revalidate': (e) => {
    const d = e.data
    const validators = [
      d.etag ? `${code('If-None-Match')} carries the ETag ${code(d.etag)}` : null,
      d.lastModified
        ? `${code('If-Modified-Since')} carries the date ${code(d.lastModified)}`
        : null,
    ].filter((v): v is string => v !== null)
    return {
      simple:
        'You have an old copy of the reply, so you post a short note asking: “Has anything changed since this version?”',
      standard:
        `The cached copy of ${code(d.url)} is ${seconds(d.ageSeconds)} old` +
        `${d.maxAgeSeconds !== null ? `, past its max-age of ${seconds(d.maxAgeSeconds)}` : ' and marked no-cache'}, ` +
        `so the browser must check before using it. It adds ${headerList(d.headersAdded)}: ` +
        `if the file is unchanged, the server can answer 304 with no body.`,
      deep:
        `This is a conditional request: ${list(validators) || 'the stored validators ride along'}. ` +
        `The server compares them with the current version; a match means ${code('304 Not Modified')} and the ` +
        `browser reuses the stored body. When both are sent, If-None-Match wins and If-Modified-Since is ignored (RFC 9110).`,
    }
  },

  'client:attach-cookies': (e) => {
    const cookies = e.data.cookies
    const names = list(cookies.map((c) => code(c.name)))
    const httpOnly = cookies.filter((c) => c.httpOnly).map((c) => code(c.name))
    const scoped = cookies.find((c) => c.path !== '/')
    return {
      simple:
        'You slip your membership card into the envelope, so the company knows it is you without asking.',
      standard:
        cookies.length === 0
          ? 'The browser finds no cookies for this host and path, so the request carries no Cookie header.'
          : `The browser finds ${plural(cookies.length, 'cookie')} in its jar for this host and path: ${names}. ` +
            `It puts ${cookies.length === 1 ? 'it' : 'them'} in one ${code('Cookie')} header by itself: your JavaScript does not have to.`,
      deep:
        `A cookie goes out only if its Domain and Path match the URL` +
        `${scoped ? ` (${code(scoped.name)} has ${code(`Path=${scoped.path}`)})` : ''}, it has not expired, ` +
        `and, if marked Secure, only over https; SameSite decides whether cross-site requests carry it. ` +
        `${httpOnly.length ? `HttpOnly (${list(httpOnly)}) hides a cookie from ${code('document.cookie')}, yet it is still sent.` : 'None is HttpOnly, so page scripts could read them.'}`,
    }
  },

  'client:build-request': (e) => {
    const body = e.request.body.length > 0
    return {
      simple:
        'You write the letter itself: what you want, and a few lines about who you are and which replies you can read.',
      standard:
        `The browser writes the request line ${code(`${requestLine(e)} HTTP/1.1`)} and adds ${headerList(e.data.headersAdded)}. ` +
        (body
          ? `A blank line follows, then the ${bytes(e.request.body.length)} body.`
          : `A ${e.request.method} carries no body, so the message ends after the headers.`),
      deep:
        `${code('Host')} is required in HTTP/1.1: it lets one IP address serve many sites. ` +
        `${code('Accept-Encoding')} lists the compressions the browser can undo, ${code('User-Agent')} names the browser. ` +
        `Chrome’s Network panel calls the writing of these bytes “Request sent”; the DevTools Headers tab shows them as sent.`,
    }
  },

  'client:receive': (e) => ({
    simple: 'The reply arrives in your letterbox.',
    standard:
      `${capital(bytes(e.data.bytes))} come down the connection: the status line and headers first, then the body. ` +
      `The browser reads the headers before the body has finished arriving.`,
    deep:
      `Chrome calls this phase “Content Download”: from the first byte of the response to the last. Everything between ` +
      `“Request sent” and the first byte is “Waiting (TTFB)”, and every server layer of this trace happened inside that wait. ` +
      `A ${code('Content-Encoding: gzip')} body is unzipped as it streams in.`,
  }),

  'client:store-cookies': (e) => {
    const changes = e.data.changes
    return {
      simple: 'The reply came with a membership card, and you keep it to show next time.',
      standard:
        `The response carried ${code('Set-Cookie')}, so the browser updates its cookie jar: ${list(changes.map(cookieChange))}. ` +
        `From now on it sends ${changes.length === 1 ? 'this cookie' : 'these cookies'} back with every matching request, by itself.`,
      deep:
        'Each Set-Cookie line is one cookie plus attributes: Path and Domain scope it, Max-Age or Expires set its life ' +
        '(none means a session cookie), HttpOnly hides it from scripts, Secure keeps it to https, SameSite limits ' +
        'cross-site sending. A past expiry deletes a cookie; an invalid one is dropped without any error the page can see.',
    }
  },

  'client:cache-store': (e) => {
    const d = e.data
    const reuse =
      d.maxAgeSeconds !== null && !d.noCache
        ? `${code(`max-age=${d.maxAgeSeconds}`)} lets it reuse the copy for ${seconds(d.maxAgeSeconds)} without asking`
        : `${code('no-cache')} means it must ask the server before each reuse`
    const validator = d.etag
      ? `the ETag ${code(d.etag)}`
      : d.lastModified
        ? 'the Last-Modified date'
        : null
    return {
      simple: 'You file a copy of the reply, so next time you may not need to ask at all.',
      standard:
        `The browser keeps ${code(d.url)} in its HTTP cache. ${capital(reuse)}` +
        `${validator ? `; later, ${validator} lets it ask “has this changed?” cheaply` : ''}.`,
      deep:
        `The cache key is the method and URL (plus any request headers named in ${code('Vary')}). ` +
        `The stored validators (${
          list(
            [
              d.etag ? code(`ETag: ${d.etag}`) : '',
              d.lastModified ? code(`Last-Modified: ${d.lastModified}`) : '',
            ].filter(Boolean),
          ) || 'none here'
        }) turn a later request into a conditional one that the server can answer with a body-less 304.`,
    }
  },

  'client:cache-use': (e) => {
    const d = e.data
    return {
      simple: 'The reply says “nothing changed”, so you read the copy you already had.',
      standard:
        `The server answered 304 Not Modified with no body, so the browser takes the ${bytes(d.bytes)} it had stored for ${code(d.url)}. ` +
        `Only headers crossed the network; the page gets the full content all the same.`,
      deep:
        'A 304 carries headers only (it may refresh Cache-Control, ETag and Date); the browser merges them into the ' +
        `stored entry and serves the stored body. A script’s ${code('fetch()')} sees a normal ${d.status}, while the ` +
        'DevTools Network panel lists the 304 with a tiny transfer size.',
    }
  },

  'client:redirect': (e) => {
    const d = e.data
    const resend = d.methodChanged ? 'a GET, without the body' : `the same ${d.method}`
    return {
      simple:
        'The reply says “We have moved, write to this address instead”, so you post your letter again to the new address.',
      standard:
        `${d.status} with ${code(`Location: ${d.to}`)}. The browser follows it by itself (redirect ${d.redirects}) ` +
        `and sends ${resend} to the new URL. ` +
        (d.sameOrigin
          ? 'It is the same origin, so the open connection can be used again.'
          : 'The origin changes, so the browser may need DNS, TCP and TLS again.'),
      deep:
        `301 and 302 historically let browsers turn a POST into a GET; 303 requires that switch, 307 and 308 forbid it. ` +
        `301 and 308 are permanent and may be cached. Browsers give up after 20 redirects (ERR_TOO_MANY_REDIRECTS); ` +
        `${code('fetch()')} follows by default, and ${code('response.redirected')} tells the script it happened.`,
    }
  },

  'client:complete': (e, ctx) => {
    const d = e.data
    const meaning = STATUS_MEANING[String(d.status).charAt(0)] ?? 'an unusual status'
    const type = e.response?.headers['content-type'] ?? ''
    const next =
      !e.response?.body || d.status === 204 || d.status === 304
        ? 'There is no new body to show.'
        : type.includes('html')
          ? 'The body is HTML: in a tab, the browser builds a DOM from it and fetches its CSS, scripts and images with new requests.'
          : type.includes('json')
            ? `The script’s ${code('fetch()')} promise resolves; it reads the data with ${code('response.json()')}.`
            : 'The browser hands the body to whoever asked for it.'
    // HTTP/2 carries no reason phrase: only the number travels.
    const line = statusLine(d.status, d.statusText)
    const h2 = d.statusText
      ? ''
      : ' (HTTP/2 sends the number alone: reason phrases like “OK” were dropped from the protocol.)'
    const simple =
      d.status < 300
        ? `You open the reply and read the answer: “${line}”, it worked.`
        : d.status === 304
          ? `You open the reply: “${line}”. Nothing changed, so you keep the copy you have.`
          : d.status < 400
            ? `You open the reply: “${line}”. It points you elsewhere.`
            : d.status < 500
              ? `You open the reply: “${line}”. The company says your letter had a problem.`
              : `You open the reply: “${line}”. The company had a problem on its side.`
    return {
      simple,
      standard: `The journey is over: ${line}, ${meaning}.${h2} ${next} From the first step to this one took ${ms(traceMs(ctx))}.`,
      deep:
        `${code('fetch()')} resolves as soon as the headers arrive, even for a 404 or 500: only a network failure rejects it, ` +
        `so check ${code('response.ok')} (true for 200–299). In DevTools the whole bar is this request’s Timing; ` +
        `${find(ctx, 'tcp:reuse') ? 'its connection was reused, so it had no connection phases.' : 'hover it to see the phases named here.'}`,
    }
  },

  'client:network-error': (e) => {
    const reason = NETWORK_ERRORS[e.data.code] ?? 'the connection failed below HTTP'
    return {
      simple:
        'The letter could not be delivered, so no reply comes back at all, not even a letter saying no.',
      standard:
        `The browser gives up with ${code(e.data.code)}: ${reason}. No HTTP response exists, so there is no status code ` +
        'and no headers. The server never saw the request.',
      deep:
        `${code('fetch()')} rejects with a TypeError (“Failed to fetch”) and the script cannot learn why; only DevTools ` +
        `shows ${code(`net::${e.data.code}`)}. The app’s logs are empty for this request, because it never reached Python.`,
    }
  },
}
