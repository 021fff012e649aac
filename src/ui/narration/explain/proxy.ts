import { statusText } from '../../../engine'
import {
  bytes,
  code,
  find,
  findBefore,
  headerList,
  proxyOf,
  seconds,
  statusAt,
  wait,
} from './facts'
import type { ExplainContext } from './types'
import type { EventsOf, ExplainTable } from './types'

/** nginx's ETag is the file's modification time and size in hex: `"68341f80-85"`. */
const etagSize = (etag: string | null): number | null => {
  const match = /^"[0-9a-f]+-([0-9a-f]+)"$/.exec(etag ?? '')
  return match?.[1] ? parseInt(match[1], 16) : null
}

/** Whether the response the proxy is sending came from the app (not made by the proxy itself). */
const answeredByApp = (ctx: ExplainContext): boolean => {
  for (let i = ctx.index - 1; i >= 0; i--) {
    const type = ctx.events[i]?.type
    if (type === 'proxy:upstream-error' || type === 'proxy:receive') return false
    if (type === 'server:write') return true
  }
  return false
}

/** Layer 1, the reverse proxy: nginx or Caddy in front of the Python app. */
export const PROXY: ExplainTable<EventsOf<'proxy'>> = {
  'proxy:receive': (e) => {
    const d = e.data
    // A CDN's edge stands where the site's proxy would: its own words, not nginx's.
    if (d.software === 'cdn-edge')
      return {
        simple:
          'The letter goes to a branch office of a delivery company near you, which keeps copies of the company’s leaflets.',
        standard:
          `The request reaches the CDN’s edge server nearest to you (${bytes(d.bytes)} of ${d.httpVersion}): a ` +
          'shorter round trip than to the site’s own servers. The edge ends TLS with its certificate for ' +
          `${code(e.request.host)} and looks the URL up in its cache. The site has not seen anything.`,
        deep:
          'DNS (or anycast routing) sends each visitor to a nearby point of presence. The edge keeps its own ' +
          'connections with browsers and its own cache, keyed by the URL; what it lacks it fetches from the origin ' +
          '(the site’s own servers) over its backbone, then keeps as long as the answer’s Cache-Control allows.',
      }
    return {
      simple: `The letter reaches the company’s front desk (${d.software}), which opens the envelope before anyone else sees it.`,
      standard:
        `${d.software} receives ${bytes(d.bytes)} of ${d.httpVersion}. ` +
        (d.terminatedTls
          ? 'It terminates TLS: it holds the certificate and decrypts, so the Python app behind it only ever sees plain HTTP. '
          : 'This request came over plain http, with no TLS at all. ') +
        'Python has not seen anything yet.',
      deep:
        `A reverse proxy sits in front of the app: an nginx ${code('server')} block with ${code('listen 443 ssl')} ` +
        `holds the certificate and key. It parses the request line and headers, picks a ${code('location')} by path, ` +
        `then serves a file, redirects, refuses, or passes the request on with ${code('proxy_pass')}.` +
        (d.httpVersion === 'HTTP/2'
          ? ` HTTP/2 ends here: nginx talks HTTP/1.x to the app (${code('proxy_http_version')}), which never sees HTTP/2.`
          : ''),
    }
  },

  'proxy:redirect': (e, ctx) => {
    const d = e.data
    const https = d.reason === 'https'
    return {
      simple: 'The front desk says: “Wrong door. Please write to this address instead.”',
      standard: https
        ? `${proxyOf(ctx)} answers ${d.status} ${statusText(d.status)} with ${code(`Location: ${d.location}`)} by itself: ` +
          'this site is served over https only. The app never hears about the request.'
        : `A rule in ${proxyOf(ctx)}’s configuration sends this old path to ${code(d.location)}: ${d.status} ${statusText(d.status)}. ` +
          'The app never hears about the request.',
      deep: https
        ? `In nginx this is ${code('return 301 https://$host$request_uri;')} in the port-80 server block. A ` +
          `${code('Strict-Transport-Security')} header lets browsers skip this round trip next time: they switch to https before sending.`
        : `In nginx, a ${code('rewrite … permanent')} or ${code(`return ${d.status} …;`)} inside a ` +
          `${code('location')} block. nginx writes even a path as a full URL (${code('absolute_redirect')} is on by ` +
          'default); a relative Location would be resolved against the request’s URL by the browser.',
    }
  },

  'proxy:maintenance': (e, ctx) => ({
    simple: 'The front desk has a sign up: “Closed for maintenance, please come back later.”',
    standard:
      `${proxyOf(ctx)} answers ${statusAt(e)} with ${code(`Retry-After: ${e.data.retryAfter}`)} ` +
      `(${seconds(e.data.retryAfter)}): the site is down on purpose and says when to try again. The app is not asked.`,
    deep:
      `Here it is ${code('return 503;')} in the server block, and the Retry-After is there only because the config ` +
      `adds it (${code('add_header Retry-After 300 always;')}): nginx never sends one by itself. nginx’s own reason ` +
      `phrase is “Service Temporarily Unavailable”. 503 with Retry-After tells clients and search engines the outage ` +
      'is temporary.',
  }),

  'proxy:body-too-large': (e, ctx) => ({
    simple: 'The parcel is bigger than the front desk accepts, so it is refused at the door.',
    standard:
      `The request body is ${bytes(e.data.bytes)}, over the proxy’s limit of ${bytes(e.data.limit)}: ` +
      (proxyOf(ctx) === 'caddy'
        ? `Caddy cuts the body off while passing it on, so the request to the app fails and the browser gets ` +
          `502 ${statusText(502)}, not the 413 the problem deserves. The upload never reaches Python.`
        : `413 Request Entity Too Large. The upload never reaches Python, and the proxy closes the connection rather than read the rest.`),
    deep:
      `nginx compares ${code('Content-Length')} with ${code('client_max_body_size')} (1 MB by default) before reading ` +
      `the body. Apps have their own limit as well (Flask’s ${code('MAX_CONTENT_LENGTH')}, Django’s ` +
      `${code('DATA_UPLOAD_MAX_MEMORY_SIZE')}); the smaller one decides.`,
  }),

  'proxy:rate-limit': (e, ctx) => {
    const d = e.data
    const nginx = proxyOf(ctx) === 'nginx'
    const drip = seconds(Number((d.windowSeconds / d.limit).toFixed(2)))
    return {
      simple: d.allowed
        ? 'The front desk counts your letters: still within the limit, so in you go.'
        : 'The front desk says: “You have sent too many letters. Slow down.”',
      standard: nginx
        ? d.allowed
          ? `nginx’s bucket for this client holds ${d.used} of ${d.limit} requests and lets one drain every ${drip}, so this one passes.`
          : `${d.limit} requests arrived faster than the bucket drains (one every ${drip}), so this one overflows it. ` +
            'nginx answers 429 Too Many Requests, cheaply, before the app does any work, and sends no Retry-After: ' +
            'the client is not told when to try again.'
        : d.allowed
          ? `This client has sent ${d.used} of the ${d.limit} requests allowed per ${seconds(d.windowSeconds)}, so the proxy lets it through.`
          : `This is request ${d.used} within ${seconds(d.windowSeconds)}, and the limit is ${d.limit}. The proxy answers ` +
            `429 Too Many Requests${d.retryAfter !== null ? ` with ${code(`Retry-After: ${d.retryAfter}`)}` : ''}, ` +
            'cheaply, before the app does any work.',
      deep: nginx
        ? `${code('limit_req_zone $binary_remote_addr')} keys by client address; ${code(`burst=${d.limit - 1} nodelay`)} ` +
          `lets ${d.limit} through at once, then the bucket refills at the rate. Without ${code('burst')} nginx would refuse ` +
          `a second request within ${drip}: a rate is a pace, not a count per minute. ${code('limit_req_status 429')} ` +
          'replaces its default 503. Limiting at the proxy protects the Python workers, which cost far more per request.'
        : `Caddy’s ${code('rate_limit')} (a plugin) counts requests in a sliding window and says when a slot frees up. ` +
          'Limiting at the proxy protects the Python workers, which cost far more per request.',
    }
  },

  'proxy:static': (e, ctx) => {
    const d = e.data
    const size = etagSize(d.etag)
    if (find(ctx, 'proxy:receive')?.data.software === 'cdn-edge') {
      const verdict = e.response?.headers['x-cache']
      const age = e.response?.headers.age ?? '0'
      return {
        simple:
          verdict === 'HIT'
            ? 'The branch office has the leaflet on its shelf and hands it over; the company is not asked.'
            : 'The branch office does not have the leaflet yet: it fetches one from the company, keeps a copy, and hands it over.',
        standard:
          d.status !== 200
            ? `The edge has no file ${code(d.path)}: ${d.status}.`
            : verdict === 'HIT'
              ? `The edge has ${code(d.file)} in its cache: ${code('X-Cache: HIT')}, ${code(`Age: ${age}`)} (seconds since it ` +
                `fetched it). ${bytes(d.bytes)} of ${d.contentType ? code(d.contentType) : 'data'} straight from the edge; the site’s servers are not asked.`
              : `The edge does not hold ${code(d.file)} yet (${code('X-Cache: MISS')}): it fetches it from the site over ` +
                'its backbone, keeps it, and serves it. That costs a trip to the origin now; the next visitor gets a HIT.',
        deep:
          `${code('Cache-Control: public, max-age=31536000, immutable')} lets shared caches such as a CDN keep the file for a ` +
          `year; a fingerprinted name makes a new version a new URL. ${code('Age')} tells the browser how long the copy ` +
          'has been cached already, so it subtracts it from max-age; X-Cache is the CDN’s own header, not a standard one.',
      }
    }
    return {
      simple: d.notModified
        ? 'The front desk sees your copy of the leaflet is the latest, and just says “nothing changed”.'
        : 'The front desk keeps this leaflet in a drawer and hands it over itself, without bothering any department.',
      standard: d.notModified
        ? `The browser’s ${code('If-None-Match')} matches the ETag of ${code(d.file)}${d.etag ? `, ${code(d.etag)}` : ''}, ` +
          `so ${proxyOf(ctx)} answers 304 Not Modified with an empty body. Python is never involved.`
        : `${code(d.path)} is a static file, so ${proxyOf(ctx)} serves ${code(d.file)} straight from disk: ${d.status}, ` +
          `${d.contentType ? code(d.contentType) : 'no content type'}, ${bytes(d.bytes)}. Python is never involved, ` +
          'which is far faster than running a view.',
      deep:
        `A ${code('location /static/ { alias …; }')} block serves files with ${code('sendfile()')}. nginx builds the ETag ` +
        `from the file’s modification time and size in hex${size !== null ? ` (${code(d.etag ?? '')}: ${bytes(size)})` : ''} ` +
        `and answers If-None-Match and If-Modified-Since itself; an ${code('expires')} directive adds both ` +
        `${code('Cache-Control: max-age')} and an absolute ${code('Expires')} date, on 304s too.`,
    }
  },

  'proxy:forward': (e, ctx) => {
    const d = e.data
    return {
      simple: `The front desk hands your letter to clerk ${d.worker} of ${d.workers}, with a note stapled on saying who sent it and how.`,
      standard:
        `${proxyOf(ctx)} passes the request to the app server at ${code(d.upstream)}: worker ${d.worker} of ${d.workers}, ` +
        `chosen ${d.balancing === 'round-robin' ? 'in turn (round-robin)' : 'at random'}. It adds ${headerList(d.headersAdded)}, ` +
        'so the app still knows the real client address and that the original request was https.',
      deep:
        `${code('proxy_pass http://app;')} plus ${code('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;')} ` +
        `and friends; ${code('X-Request-ID $request_id')} only because the config forwards it, and HTTP/1.1 only with ` +
        `${code('proxy_http_version 1.1')} (nginx speaks 1.0 to the app by default, closing each connection). The app must trust those headers only from the proxy (Werkzeug’s ${code('ProxyFix')}, uvicorn’s ` +
        `${code('--forwarded-allow-ips')}), or any client could forge its address. With one gunicorn, its workers share ` +
        `the socket and whichever calls ${code('accept()')} first gets the connection.`,
    }
  },

  'proxy:upstream-error': (e, ctx) => {
    const d = e.data
    const proxy = proxyOf(ctx)
    const simple = {
      'connection-refused':
        'The front desk tries to pass the letter on, but the department’s door is locked: nobody is there.',
      'connection-reset': 'The clerk started to answer, then walked away mid-sentence.',
      timeout:
        'The front desk waits for the department’s reply, gives up, and tells you it took too long.',
    }[d.error]
    const standard = {
      'connection-refused': `${proxy} cannot connect to ${code(d.upstream)}: nothing listens there (the app server is down or restarting). It answers ${d.status} ${statusText(d.status)} itself.`,
      'connection-reset': `The app closed the connection after ${wait(d.waitedMs)} without a complete response (it crashed). ${proxy} answers ${d.status} ${statusText(d.status)} itself.`,
      timeout: `The app had not answered within ${wait(d.timeoutMs)}, so ${proxy} stopped waiting at ${wait(d.waitedMs)} and answered ${d.status} ${statusText(d.status)}. The app may finish anyway, but its answer is thrown away.`,
    }[d.error]
    return {
      simple,
      standard: `${standard} Its error log says: ${code(d.log)}.`,
      deep:
        `502 means the proxy got no valid answer from upstream, 504 none in time. nginx’s ${code('proxy_connect_timeout')} ` +
        `and ${code('proxy_read_timeout')} (60 s by default) set the waits; gunicorn has its own ${code('--timeout')} (30 s) ` +
        'after which it kills the worker. The client sees the proxy’s error page, never a Python traceback.',
    }
  },

  'proxy:send': (e, ctx) => {
    const d = e.data
    const tls = findBefore(ctx, 'proxy:receive')?.data.terminatedTls ?? false
    const own = !answeredByApp(ctx)
    if (d.software === 'cdn-edge')
      return {
        simple: 'The branch office sends the leaflet on to you.',
        standard:
          `The edge sends ${statusAt(e)} back over ${d.httpVersion}${tls ? ', encrypted' : ''}, with a fresh ` +
          `${code('Date')}; ${code('X-Cache')} and ${code('Age')} say where the copy came from, as DevTools shows them.`,
        deep:
          'The edge’s connection to the browser is its own (HTTP/2 or HTTP/3); on a HIT the site never sees this ' +
          'request at all, which is how a CDN takes load off the origin as well as time off each download.',
      }
    return {
      simple: own
        ? 'The front desk posts its own reply back to you; no department was involved.'
        : 'The front desk seals the reply and posts it back to you.',
      standard:
        `${d.software} ${own ? 'sends its own' : 'relays'} ${statusAt(e)} to the browser over ${d.httpVersion}` +
        `${tls ? ', encrypted with TLS' : ''}. ` +
        (d.headersChanged.length
          ? `On the way it sets ${headerList(d.headersChanged)}${d.headersChanged.includes('server') ? `, so the browser sees ${d.software}’s name, not the app server’s` : ''}.`
          : 'It passes the headers through unchanged.'),
      deep:
        `nginx buffers the upstream response (${code('proxy_buffering on')}) so a slow client never holds a Python ` +
        `worker; it can gzip (${code('gzip on')}), cache (${code('proxy_cache')}) or hide headers (${code('proxy_hide_header')}). ` +
        'The worker is free as soon as nginx has the bytes.',
    }
  },
}
