import type { JsonValue, MiddlewareKind, StageId } from '../../../engine'
import { middlewareName } from '../../model/middleware'
import {
  bytes,
  code,
  frameworkOf,
  headerList,
  list,
  ms,
  percent,
  plural,
  seconds,
  statusAt,
  traceMs,
  wait,
} from './facts'
import type { EventsOf, ExplainContext, ExplainTable } from './types'

const text = (value: JsonValue | undefined): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)

/** "middleware 2 of 4, counting from the outside", from the scenario's configured order. */
const position = (ctx: ExplainContext, name: MiddlewareKind): string => {
  const at = ctx.middleware.indexOf(name)
  if (at < 0) return ''
  if (ctx.middleware.length === 1) return ' It is the only middleware of this app.'
  return ` It is middleware ${at + 1} of ${ctx.middleware.length}, counting from the outside.`
}

/** Layer 2, the app server (gunicorn, uvicorn) and the framework's request object. */
export const SERVER: ExplainTable<EventsOf<'server'>> = {
  'server:queued': (e, ctx) => {
    const d = e.data
    const total = traceMs(ctx)
    const share =
      total > 0
        ? `, ${percent(d.waitedMs, total)} of the ${wait(total)} the whole request took`
        : ''
    const workers = plural(d.workers, 'worker')
    if (d.concurrency === 'sync-worker')
      return {
        simple:
          d.workers === 1
            ? `The mailroom’s only clerk is busy with an earlier letter, so yours waits in the in-tray for ${wait(d.waitedMs)} before anyone picks it up.`
            : `All ${d.workers} clerks in the mailroom are busy with earlier letters, so yours waits in the in-tray for ${wait(d.waitedMs)} before one is free.`,
        standard:
          `${d.software} has ${workers}, and a sync worker handles one request at a time: ` +
          `${d.workers === 1 ? 'it is' : 'all of them are'} busy with earlier requests. The proxy’s connection waits in ` +
          `the listen backlog for ${wait(d.waitedMs)}${share}, until a worker is free to accept it. None of your code ` +
          'has run yet: the view may be fast, but the request is already late. The proxy’s timeout counts this wait too.',
        deep:
          `The kernel completed the TCP connection and keeps it in the listen queue (${code('--backlog')}, ${d.backlog} by ` +
          `default) until a worker calls ${code('accept()')}; once it is full, the kernel drops new connection attempts. Timing middleware ` +
          `and the app’s logs start when a worker takes the request, so they never see this wait; nginx’s ` +
          `${code('$upstream_response_time')} does. Fixes: more workers (${code('--workers')}), threaded or async workers ` +
          `(${code('--worker-class gthread')}, ${code('gevent')}) for views that mostly wait on I/O, or faster views.`,
      }
    return {
      simple: `The clerk is stuck on one long job and will not look up, so your letter waits in the in-tray for ${wait(d.waitedMs)}.`,
      standard:
        `${d.software} runs each worker’s requests on one event loop, and some code is blocking it: a synchronous call ` +
        `inside an ${code('async def')} stops everything else on that worker. This request waits ${wait(d.waitedMs)}${share} ` +
        'before the loop can start it. None of your code has run yet: the view may be fast, but the request is already late.',
      deep:
        `An event loop switches between requests only at an ${code('await')}. ${code('time.sleep()')}, ${code('requests.get()')} or ` +
        `a synchronous database driver inside an ${code('async def')} holds the loop; meanwhile connections queue in the ` +
        `backlog (${code('--backlog')}, ${d.backlog} by default). Fixes: await async libraries, declare the endpoint with ` +
        `plain ${code('def')} so FastAPI runs it in a thread pool, or add workers (${code('--workers')}).`,
    }
  },

  'server:parse': (e) => {
    const d = e.data
    const env = d.data
    const wsgi = d.interface === 'WSGI'
    const keys = Object.keys(env)
    const headerKeys = keys.filter((k) => k.startsWith('HTTP_'))
    return {
      simple: `A clerk in the mailroom (${d.software}) copies your letter onto the company’s standard form, so every department can read it.`,
      standard: wsgi
        ? `${d.software} reads the raw HTTP bytes and builds the WSGI ${code('environ')}: a Python dict of ${keys.length} keys, ` +
          `such as ${code(`REQUEST_METHOD: ${text(env.REQUEST_METHOD)}`)}, ${code(`PATH_INFO: ${text(env.PATH_INFO)}`)} and ` +
          `${plural(headerKeys.length, 'header')} as ${code('HTTP_*')} keys. A sync worker handles one request at a time.`
        : `${d.software} reads the raw HTTP bytes and builds the ASGI ${code('scope')}: ${code(`type: ${text(env.type)}`)}, ` +
          `${code(`method: ${text(env.method)}`)}, ${code(`path: ${text(env.path)}`)} and the headers as byte pairs. ` +
          'It runs on an event loop: while one request waits on I/O, others make progress.',
      deep: wsgi
        ? `PEP 3333: the server calls ${code('app(environ, start_response)')}. Besides CGI-style keys, ${code('wsgi.input')} ` +
          `is the body as a file-like stream and ${code('wsgi.url_scheme')} is ${code(text(env['wsgi.url_scheme']))}. ` +
          `${code('REMOTE_ADDR')} is ${code(text(env.REMOTE_ADDR))}: the proxy, not the browser, which is why ` +
          `${code('X-Forwarded-For')} matters.`
        : `The ASGI spec: the server calls ${code('await app(scope, receive, send)')}. The body is not in the scope; the ` +
          `app awaits ${code('receive()')} for ${code('http.request')} messages. ${code('client')} is ` +
          `${code(text(env.client))}, filled from X-Forwarded-For because uvicorn runs with ${code('--proxy-headers')}.`,
    }
  },

  'server:request-object': (e) => {
    const d = e.data
    const method = text(d.attributes['request.method'])
    const path = text(d.attributes['request.path'] ?? d.attributes['request.url.path'])
    const simple =
      'The right department will get the form on a clean desk, used for this one letter only.'
    if (d.framework === 'Flask')
      return {
        simple,
        standard:
          `Flask wraps the environ in a ${code(d.object)} and pushes an application context and a request context, so ` +
          `${code('request.method')} (${method}) and ${code('request.path')} (${path}) work in the view as if ` +
          `${code('request')} were a global.`,
        deep:
          `The contexts live in ${code('contextvars')} behind Werkzeug’s ${code('LocalProxy')}: ${code('request')} ` +
          `points at this request only, even with many threads, and ${code('g')} starts empty. ` +
          `${code('before_request')} functions run next; ${code('teardown_request')} runs when the context is popped.`,
      }
    if (d.framework === 'Django')
      return {
        simple,
        standard:
          `Django’s WSGI handler builds a ${code(d.object)} from the environ: ${code('request.method')} is ${method}, ` +
          `${code('request.path')} is ${path}. There is no global: the object is passed to every middleware and to the view.`,
        deep:
          `The handler runs the chain built from ${code('settings.MIDDLEWARE')}, each a callable wrapping ` +
          `${code('get_response')}. ${code('request.META')} is the environ itself; ${code('request.POST')} and ` +
          `${code('request.body')} are read lazily from ${code('wsgi.input')}.`,
      }
    return {
      simple,
      standard:
        `${d.framework} wraps the scope in a ${code(d.object)} (${method} ${path}). Views rarely take it: they declare ` +
        'typed parameters and the framework fills them in.',
      deep:
        `Starlette’s ${code('Request')} is a thin view over ${code('scope')}, ${code('receive')} and ${code('send')}: ` +
        `${code('request.headers')} decodes the byte pairs, ${code('await request.body()')} pulls the body. Middleware ` +
        `gets it in ${code('dispatch(request, call_next)')}.`,
    }
  },

  'server:exception': (e, ctx) => {
    const d = e.data
    return {
      simple:
        'A clerk dropped the letter and nobody caught it, so the mailroom sends back a printed “Sorry, something went wrong” card.',
      standard:
        `${code(`${d.exception}: ${d.message}`)} reached ${frameworkOf(ctx)} with no error handler on the way. It logs the ` +
        `traceback through the ${code(d.logger)} logger and answers its own generic 500 Internal Server Error. ` +
        'The client sees none of the details.',
      deep:
        `Flask’s ${code('handle_exception')} logs with ${code('exc_info')} and returns ${code('InternalServerError')}; ` +
        'in debug mode it would show the interactive debugger instead, which must never run in production. Middleware ' +
        `that awaited ${code('call_next')} without ${code('try/finally')} lost its after-code on the way.`,
    }
  },

  'server:context-pop': (e) => ({
    simple: 'The desk is cleared for the next letter: nothing from this one is left behind.',
    standard:
      `${e.data.framework} pops the request and application contexts and runs ${list(e.data.teardown.map(code))}: ` +
      `database sessions close and ${code('g')} is thrown away. The next request on this worker starts clean.`,
    deep:
      'Teardown callbacks run even when the view raised (they receive the exception). After the pop, touching ' +
      `${code('request')} raises “Working outside of request context”; a streaming response needs ` +
      `${code('stream_with_context')} to keep it alive.`,
  }),

  'server:write': (e) => {
    const d = e.data
    return {
      simple: 'The mailroom puts the reply in an envelope and hands it back to the front desk.',
      standard: d.bodyOmitted
        ? `${d.software} turns the framework’s response into HTTP: status line, headers and a blank line, ` +
          `${bytes(d.bytes)} in all. For HEAD the body is left out, though the headers describe it.`
        : `${d.software} turns the framework’s response into HTTP: status line, headers, a blank line, then the body, ` +
          `${bytes(d.bytes)} in all, written to the socket that leads back to the proxy.`,
      deep:
        d.interface === 'WSGI'
          ? `The app called ${code('start_response(status, headers)')} and returned an iterable of byte strings; ` +
            `${d.software} writes the headers, iterates the body, then calls its ${code('close()')}. A sync worker is ` +
            'busy until this is done, which is why it sits behind a buffering proxy.'
          : `The app awaited ${code("send({'type': 'http.response.start'})")} with the status and headers, then ` +
            `${code("send({'type': 'http.response.body'})")}; ${d.software} frames them as HTTP/1.1. ` +
            `${code('more_body: True')} would stream the body in pieces.`,
    }
  },
}

const ENTER_SIMPLE: Partial<Record<MiddlewareKind, string>> = {
  logging:
    'A clerk stamps the time on your letter as it passes, to measure how long the reply takes.',
  errors: 'A supervisor stands by, ready to catch any letter a clerk might drop.',
  cors: 'A clerk notes which other website your letter came from.',
  compression: 'A clerk notes that you can read replies folded small (compressed).',
}

const ENTER_DEEP: Partial<Record<MiddlewareKind, string>> = {
  logging: `It keeps ${code('time.perf_counter()')} and the ${code('X-Request-ID')} so that one log line, written on the way out, carries the duration and the id.`,
  errors: `Its body is ${code('try: response = call_next(request) except Exception: …')}: anything raised further in comes back here.`,
  cors: `It reads the ${code('Origin')} header now and decides on the ${code('Access-Control-*')} headers after the view has answered.`,
  compression: `It reads ${code('Accept-Encoding')} now; whether to compress depends on the response, so the work happens on the way out.`,
}

const UNWIND_LOSS: Partial<Record<MiddlewareKind, string>> = {
  cors: `no ${code('Access-Control-Allow-Origin')} header will be added and the browser will hide this error from the page’s script`,
  logging: 'no log line with the duration will be written',
  session: 'the session will not be saved',
  compression: 'nothing will be compressed',
}

/** The time from a middleware's way in to this exit: what it saw of the inner layers. */
/** The duration as the logging middleware writes it (two decimals), so Explain quotes the log line. */
const logged = (value: number): string => `${value.toFixed(2)} ms`

const insideMs = (ctx: ExplainContext, stage: StageId, at: number): number | null => {
  for (let i = ctx.index - 1; i >= 0; i--) {
    const event = ctx.events[i]
    if (event?.stage === stage && event.direction === 'request')
      return at - (event.at + event.duration)
  }
  return null
}

const AUTH_REASONS = {
  'missing-credentials': 'the request carries no credentials at all',
  'malformed-header': `the ${code('Authorization')} header is not in the expected form`,
  'invalid-token': 'the token is invalid or expired',
  'no-session': 'there is no logged-in session',
} as const

const GZIP_SKIP = {
  'not-accepted': `the client did not offer gzip in ${code('Accept-Encoding')}`,
  'too-small': 'the body is too small for compression to pay off',
  'already-encoded': `the body is already encoded (${code('Content-Encoding')} is set)`,
  'no-body': 'there is no body to compress',
  'not-compressible': 'the content type (an image, an archive) is already compressed',
} as const

/** Layer 3, the middleware stack: each one wraps the next, in on the way in, out in reverse. */
export const MIDDLEWARE: ExplainTable<EventsOf<'middleware'>> = {
  'middleware:enter': (e, ctx) => {
    const d = e.data
    const name = middlewareName(d.name)
    return {
      simple: ENTER_SIMPLE[d.name] ?? 'Your letter passes another checkpoint on its way in.',
      standard:
        `${name} middleware runs the code before its call to the next layer ` +
        `(${d.name === 'compression' ? `the client accepts ${code(d.note)}` : `“${d.note}”`}), then passes the ` +
        `request inward; it will see the response again on the way out.${position(ctx, d.name)}` +
        (d.name === 'logging' && ctx.middleware[0] === 'logging'
          ? ' Being outermost, the time it measures includes every inner layer.'
          : ''),
      deep:
        `Middleware is an onion: Starlette’s ${code('dispatch(request, call_next)')}, Django’s ${code('__call__')} ` +
        `around ${code('get_response')}, or a WSGI app wrapping another. ${ENTER_DEEP[d.name] ?? 'Code before the call runs inward; code after it runs outward, in reverse order.'}`,
    }
  },

  'middleware:exit': (e, ctx) => {
    const d = e.data
    const name = middlewareName(d.name)
    const inside = insideMs(ctx, e.stage, e.at)
    const total = traceMs(ctx)
    const added = d.headersAdded.length ? `adds ${headerList(d.headersAdded)}` : 'adds no headers'
    const logging = d.name === 'logging' && inside !== null
    return {
      simple:
        d.name === 'logging'
          ? 'On the way out, the clerk checks the clock and writes down how long it took.'
          : 'The reply passes the same checkpoint again, on its way out.',
      standard:
        `On the way back ${name} runs the code after its call and ${added}.` +
        (logging
          ? ` It logs ${statusAt(e)} after ${logged(inside)}: only the time spent inside it, not DNS, TCP, TLS or the proxy.`
          : ` It is one of the last layers the ${statusAt(e)} passes before the app server writes it out.`),
      deep: logging
        ? `Exit code runs in reverse order of entry: the innermost middleware finished first. The log says ${logged(inside)}, ` +
          `yet the browser will have waited about ${ms(total)}: ${percent(inside, total)} of the wait happened where this ` +
          'log line can see it. Measure the whole lifecycle, not only the app.'
        : 'Exit code runs in reverse order of entry: the innermost middleware finished first, this one later. Headers ' +
          `set here land on every response that passes, errors included, as long as nothing raised past it.`,
    }
  },

  'middleware:unwind': (e) => {
    const d = e.data
    const loss = UNWIND_LOSS[d.name] ?? 'its after-code will not run'
    return {
      simple: 'The dropped letter falls straight past this clerk, who never gets to do their part.',
      standard: `${code(d.exception)} travels outward through ${middlewareName(d.name)} middleware. Its code after the call never runs, so ${loss}.`,
      deep:
        `In Python an exception climbs the call stack: ${code('dispatch()')} is suspended at ` +
        `${code('response = await call_next(request)')} and the exception is re-raised right there, skipping the rest. ` +
        `Only a ${code('try/except')} or ${code('try/finally')} around the call would run.`,
    }
  },

  'middleware:cors-preflight': (e) => {
    const d = e.data
    return {
      simple: `Before the real letter, the browser asks: “May a page from ${d.origin} send this?” The clerk says ${d.allowed ? 'yes' : 'no'}.`,
      standard: d.allowed
        ? `The browser sent ${code('OPTIONS')} with Origin ${code(d.origin)}, asking to use ${code(d.requestedMethod)}` +
          `${d.requestedHeaders.length ? ` with ${headerList(d.requestedHeaders)}` : ''}. CORS middleware allows it and answers ` +
          `${statusAt(e)} at once with ${headerList(d.headersAdded)}; no route runs. Now the browser may send the real ${d.requestedMethod}.`
        : `The browser asked whether ${code(d.origin)} may send ${code(d.requestedMethod)}; the CORS settings refuse ` +
          `(${list(d.rejected)}). Without the allow headers the browser will not send the real request at all.`,
      deep:
        `A preflight happens because the real request is not “simple”: a method other than GET, HEAD or POST, or headers ` +
        `such as ${code('Authorization')} or ${code('Content-Type: application/json')}. ${code('Access-Control-Max-Age')} ` +
        'lets the browser remember the answer. CORS is enforced by the browser only: curl ignores it.',
    }
  },

  'middleware:cors-headers': (e) => {
    const d = e.data
    const status = e.response?.status ?? 200
    return {
      simple: d.allowed
        ? `On the way out, the clerk stamps the reply: “May be read by ${d.origin ?? 'the page'}.”`
        : 'On the way out, the clerk leaves the reply without the “may be read” stamp.',
      standard:
        d.allowed && d.origin
          ? `The response is for a page at ${code(d.origin)}, which the CORS settings allow, so it adds ${headerList(d.headersAdded)}. ` +
            `Without them the browser would hide this ${status} from the page’s script.`
          : `No CORS headers: ${d.origin ? `${code(d.origin)} is not an allowed origin` : 'the request had no Origin header (same-origin, or not from a browser)'}.`,
      deep:
        `${code('Access-Control-Allow-Origin')} must echo the exact origin, or ${code('*')}, which cannot be combined ` +
        `with credentials; ${code('Vary: Origin')} stops caches from serving one origin’s answer to another. The browser ` +
        'checks after the response arrives: the server did the work either way.',
    }
  },

  'middleware:auth-check': (e) => {
    const d = e.data
    const wants = {
      bearer: `an ${code('Authorization: Bearer …')} token`,
      session: 'a logged-in session',
      either: 'a Bearer token or a logged-in session',
    }[d.scheme]
    const has = {
      bearer: 'It carries a Bearer token.',
      session: 'It carries a session cookie.',
      none: 'This request carries none.',
      other: 'It carries some other kind of credentials.',
    }[d.presented]
    return {
      simple: 'A guard at the door asks: “Who are you? Show me your badge.”',
      standard: `Authentication middleware looks for ${wants}. ${has}${d.exempt ? ' This path is exempt, so it may pass anyway.' : ''}`,
      deep:
        'Authentication answers “who is this?” (401 if nobody); authorization answers “may they?” (403). A bearer ' +
        'token is often a JWT, checked by signature and expiry without a database call; a session is looked up from ' +
        `a cookie. FastAPI apps often do this in a dependency (${code('Depends(get_current_user)')}) instead.`,
    }
  },

  'middleware:auth-ok': (e) => {
    const d = e.data
    return {
      simple: `The guard checks the badge: it is ${d.user}. Come in.`,
      standard:
        `The ${d.via === 'bearer' ? 'Bearer token' : 'session'} identifies ${code(d.user)} ` +
        `(roles: ${d.roles.length ? list(d.roles.map(code)) : 'none'}). The middleware attaches the user to the request, ` +
        'so inner layers know who is calling without checking again.',
      deep:
        d.via === 'bearer'
          ? `For a JWT: verify the signature, check ${code('exp')} and the audience, then read the ${code('sub')} claim. ` +
            `The identity rides on the request (${code('request.state.user')}, ${code('g.user')}, ${code('request.user')}) for this request only.`
          : `The session middleware already loaded ${code('user')} from the cookie; auth trusts it because the cookie is ` +
            `signed or points to a server-side row. The identity lives on this request only (${code('request.user')}, ${code('g.user')}).`,
    }
  },

  'middleware:auth-reject': (e, ctx) => {
    const d = e.data
    // Auth as a route hook runs after the router: then only validation and the view are skipped.
    const routed = ctx.events.slice(0, ctx.index).some((x) => x.type === 'router:match')
    return {
      simple:
        'No valid badge: the guard turns you away at the door. Your letter never reaches any department.',
      standard:
        `Rejected: ${AUTH_REASONS[d.reason]}. The middleware answers ${d.status} Unauthorized itself, with ` +
        `${code(`WWW-Authenticate: ${d.challenge}`)}, and never calls the next layer: ` +
        `${routed ? 'the router had already matched, but validation and your view do not run' : 'the router and your view do not run'}.`,
      deep:
        '401 means “not authenticated”; the WWW-Authenticate header is required and says how to authenticate. The ' +
        'response now travels back only through the layers it came through: those outside auth see it, those inside ' +
        'never ran. (403 would mean “known, but not allowed”.)',
    }
  },

  'middleware:authz-check': (e) => {
    const d = e.data
    const who = d.user
      ? `${code(d.user)} has ${d.roles.length ? list(d.roles.map(code)) : 'no roles'}.`
      : 'Nobody has been identified yet, so there are no roles to compare.'
    return {
      simple: `A second guard checks whether ${d.user ?? 'this visitor'} may enter this particular room.`,
      standard:
        `Authorization checks ${d.rule ? `the rule ${code(d.rule)}` : 'this route'}: it needs ` +
        `${d.required.length ? list(d.required.map(code), 'or') : 'no role'}. ${who}`,
      deep:
        'Role-based access control compares the user’s roles with what the resource needs, so it can only work after ' +
        `authentication has run: the order of the middleware list decides that.${d.source === 'route' ? ' Here the router already ran, so the view’s own required roles apply, like a decorator on the view.' : ''}`,
    }
  },

  'middleware:authz-reject': (e) => {
    const d = e.data
    return {
      simple: d.user
        ? `The guard knows you, ${d.user}, but this room is for ${list(d.required)} only.`
        : 'The guard refuses everyone: nobody has checked who you are yet.',
      standard: d.user
        ? `${d.status} Forbidden: ${code(d.user)} is authenticated but lacks ${list(d.required.map(code), 'or')}. ` +
          'The request stops here; the view never runs.'
        : `${d.status} Forbidden: no user is known at this point, so even an admin would be refused. The request stops ` +
          'here; the view never runs.',
      deep:
        'A 403 says that logging in again will not help, unlike a 401. Some APIs answer 404 instead so as not to reveal ' +
        `that the resource exists.${d.user === null ? ' Here authorization ran before authentication: swap them in the middleware list.' : ''}`,
    }
  },

  'middleware:csrf-check': (e) => {
    const d = e.data
    const origin = d.origin
      ? `The browser says the request comes from ${code(`Origin: ${d.origin}`)}.`
      : 'The request carries no Origin header.'
    return {
      simple:
        'Before a form is accepted, the clerk checks it was written on the company’s own paper, with the stamp handed out earlier.',
      standard:
        `Django’s ${code('CsrfViewMiddleware')} checks every ${code(e.request.method)}: a request that changes things must come ` +
        `from the site’s own pages. ${origin} ${d.cookie ? `The ${code('csrftoken')} cookie is there` : `There is no ${code('csrftoken')} cookie`}` +
        `${d.token ? `, and the token from ${d.token === 'POST' ? `the form’s ${code('csrfmiddlewaretoken')}` : `the ${code('X-CSRFToken')} header`} matches it.` : '.'}`,
      deep:
        'Cross-site request forgery: a page on another site makes the browser send a form to yours, and the browser attaches ' +
        'your cookies, session included. Django refuses an Origin that is not its own or listed in ' +
        `${code('CSRF_TRUSTED_ORIGINS')}, then insists on a secret that only your own pages know (the ${code('{% csrf_token %}')} ` +
        'in each form), which another site cannot read. The check runs in ' +
        `${code('process_view')}, once the URL has resolved: an unknown path is still a 404.`,
    }
  },

  'middleware:csrf-reject': (e) => {
    const d = e.data
    const origin = /^Origin checking failed/.test(d.reason)
    const referer = /^Referer checking failed/.test(d.reason)
    return {
      simple: origin
        ? 'The form arrived on another company’s paper: the clerk tears it up, whoever signed it.'
        : referer
          ? 'The form does not say which office it came from, so the clerk will not trust it.'
          : 'The form has no stamp from the company’s own desk: the clerk sends it back unread.',
      standard:
        `${d.status} Forbidden, “CSRF verification failed. Request aborted.” Django logs the reason: ` +
        `${code(d.reason)} The view never runs, so nothing is created or changed.`,
      deep: origin
        ? 'This is the attack CSRF protection exists for, stopped. Browsers add another guard: a session cookie set ' +
          `with ${code('SameSite=Lax')} (Chrome’s default) is not sent on a cross-site POST at all.`
        : referer
          ? `Django knows this request came over HTTPS (gunicorn trusts nginx’s ${code('X-Forwarded-Proto')} from ` +
            `127.0.0.1), and with no ${code('Origin')} header it insists on a ${code('Referer')} from this site, so that ` +
            'a page on plain HTTP cannot post here. Browsers send Origin with every POST, so this mostly bites scripts.'
          : 'A JSON API called with a Bearer token is not at risk (another site cannot make the browser add that header), ' +
            `which is why such views are often marked ${code('@csrf_exempt')}. A session-cookie API must send the ` +
            `${code('csrftoken')} cookie’s value back in ${code('X-CSRFToken')}.`,
    }
  },

  'middleware:exception': (e, ctx) => {
    const d = e.data
    const framework = frameworkOf(ctx)
    return {
      simple:
        'The supervisor catches the dropped letter and sends a polite “Sorry, something went wrong” reply instead.',
      standard:
        `The error-handling middleware catches ${code(`${d.exception}: ${d.message}`)}, raised in the ${d.raisedBy}. It ` +
        `logs the full traceback (${plural(d.traceback.length, 'line')}) on the server and answers ${d.status} Internal ` +
        'Server Error with a short body. The client never sees the traceback.',
      deep:
        framework === 'Django'
          ? `Django calls the middleware’s ${code('process_exception()')} from the view layer, and wraps every middleware ` +
            `in ${code('convert_exception_to_response')}: the exception becomes this 500 before any middleware’s ` +
            `${code('__call__')} sees it, so every layer, inside or outside, runs its after-code on an ordinary response. ` +
            `${code('logger.exception()')} writes the traceback with the ${code('X-Request-ID')}.`
          : `Its ${code('try/except')} around the inner app caught the exception; ${code('logger.exception()')} writes ` +
            `the traceback with the ${code('X-Request-ID')} so the log line can be found later. Layers outside it see an ` +
            'ordinary 500 and run their after-code; layers inside it were unwound.' +
            (framework === 'Flask'
              ? ` Flask on its own turns a view’s exception into its HTML 500 inside ${code('app.wsgi_app')}, before ` +
                `any WSGI middleware sees it: this app sets ${code('PROPAGATE_EXCEPTIONS')} so the exception reaches ` +
                `this middleware. Most Flask apps write ${code('@app.errorhandler(Exception)')} instead.`
              : ''),
    }
  },

  'middleware:gzip': (e) => {
    const d = e.data
    return {
      simple:
        'The clerk folds the reply into a much smaller envelope; you unfold it when it arrives.',
      standard:
        `Compression gzips the body from ${bytes(d.bytesBefore)} to ${bytes(d.bytesAfter)} ` +
        `(${percent(d.bytesBefore - d.bytesAfter, d.bytesBefore)} smaller) at level ${d.level}, and sets ` +
        `${headerList(d.headersAdded)}: Content-Encoding tells the browser to unzip, Content-Length is the new size.`,
      deep:
        'gzip (DEFLATE) shines on repetitive text such as JSON and HTML; images and video are already compressed. ' +
        `${code('Vary: Accept-Encoding')} tells caches the answer depends on that request header. It lives either in ` +
        `middleware (Starlette’s and Django’s ${code('GZipMiddleware')}) or in nginx (${code('gzip on')}), not both. ` +
        `The browser offered ${code('br')} too, but none of these servers speaks Brotli without an add-on ` +
        `(nginx’s ngx_brotli module, or a Brotli middleware): gzip is what they pick.`,
    }
  },

  'middleware:gzip-skip': (e) => {
    const d = e.data
    return {
      simple: 'The clerk leaves the reply as it is: folding it smaller would not help here.',
      standard:
        `Compression is skipped: ${GZIP_SKIP[d.reason]}` +
        `${d.reason === 'too-small' ? ` (${bytes(d.bytes)}, under the ${bytes(d.minimumSize)} minimum)` : ''}. ` +
        'The response goes out as it came from the view.',
      deep:
        `Starlette’s ${code('GZipMiddleware(minimum_size=500)')} and Django’s ${code('GZipMiddleware')} (200 bytes) ` +
        'skip small bodies, where the gzip header and CPU cost outweigh the saving; compressing already-compressed data ' +
        'wastes time and can even make it bigger.',
    }
  },

  'middleware:session-load': (e) => {
    const d = e.data
    const keys = Object.keys(d.data)
    const found = d.found
      ? `${d.store === 'cookie' ? 'It checks the signature and decodes it' : 'It loads the matching row from the database'}: ` +
        `${keys.length ? list(keys.map(code)) : 'an empty session'}.`
      : d.signature === 'invalid'
        ? 'Its signature does not match (someone changed it), so it is ignored: an empty session.'
        : 'There is none, so this request starts with an empty session.'
    return {
      simple: d.found
        ? 'The clerk finds your file from last time, using the number on your card.'
        : 'You brought no card, so the clerk opens a new, empty file for you.',
      standard: `Session middleware looks for the ${code(d.cookieName)} cookie. ${found}`,
      deep:
        d.store === 'cookie'
          ? `A signed-cookie session (Flask’s default, via itsdangerous) keeps the data in the cookie itself as base64 ` +
            'JSON: anyone can read it, nobody can change it without the SECRET_KEY.'
          : `A database session (Django’s default) keeps the data server-side in ${code('django_session')}; the ` +
            'cookie holds only a random key.',
    }
  },

  'middleware:session-save': (e) => {
    const d = e.data
    return {
      simple: 'The clerk updates your file and hands you a card to bring next time.',
      standard:
        `The view changed the session (${list(Object.keys(d.data).map(code)) || 'now empty'}), so on the way out the ` +
        `middleware ${d.store === 'cookie' ? 'signs it into' : 'saves it and puts its key in'} a ${code('Set-Cookie')} ` +
        `header named ${code(d.cookieName)}. The browser will send it back with every request.`,
      deep:
        `${code(`Set-Cookie: ${d.setCookie}`)}. ` +
        (d.store === 'cookie'
          ? 'The value is payload.timestamp.signature: the payload is only encoded, not encrypted, so it must hold no secrets. '
          : '') +
        'A session is saved only when modified, which is why most responses carry no Set-Cookie.',
    }
  },

  'middleware:rate-check': (e) => {
    const d = e.data
    const key = {
      'x-forwarded-for': `the client address in ${code('X-Forwarded-For')}`,
      'remote-addr': `the connection’s address (${code('REMOTE_ADDR')})`,
      user: 'the logged-in user',
    }[d.key]
    return {
      simple: 'A clerk counts how many letters you have sent this minute.',
      standard:
        `The app’s rate limiter counts requests per client, keyed by ${key}: ${code(d.client)} has made ${d.count} in ` +
        `${seconds(d.windowSeconds)}, and the limit is ${d.limit}. ${d.count > d.limit ? 'That is over the limit.' : 'Still within it.'}`,
      deep:
        'Behind a proxy every connection comes from the proxy, so the limiter must key on X-Forwarded-For (trusted only ' +
        'from the proxy) or on the user. Counters usually live in Redis so all workers share them (Flask-Limiter, slowapi).',
    }
  },

  'middleware:rate-limited': (e) => {
    const d = e.data
    return {
      simple: `Too many letters from you: the clerk sends back a note saying “Try again in ${d.retryAfter} seconds.”`,
      standard:
        `${code(d.client)} is over ${d.limit} requests, so the middleware answers ${d.status} Too Many Requests with ` +
        `${code(`Retry-After: ${d.retryAfter}`)} and never calls the inner layers: the router and view do not run.`,
      deep:
        'Unlike a limit at the proxy, this one runs inside Python, so it already cost a worker and the outer middleware; ' +
        'in exchange it can limit per user or per route. Polite clients wait Retry-After seconds and back off.',
    }
  },
}
