import type { RouteAttempt } from '../../../engine'
import { statusText } from '../../../engine'
import {
  bytes,
  code,
  find,
  frameworkOf,
  list,
  ms,
  percent,
  plural,
  slowestEvent,
  traceMs,
} from './facts'
import type { EventsOf, ExplainContext, ExplainTable } from './types'

const patterns = (tried: readonly RouteAttempt[]): string => list(tried.map((t) => code(t.pattern)))

const params = (values: Record<string, string | number>): string => {
  const entries = Object.entries(values)
  return entries.length
    ? list(entries.map(([name, value]) => code(`${name}=${JSON.stringify(value)}`)))
    : 'no parameters'
}

/** The path the router saw, from the request as it stands at the event. */
const pathOf = (e: { request: { path: string } }): string => code(e.request.path)

const ROUTER_DEEP: Record<string, string> = {
  Flask:
    `Werkzeug’s URL map (${code('Map.bind_to_environ(environ).match()')}) turns converters such as ${code('<int:id>')} ` +
    'into regular expressions, so “abc” would not even match and would be a 404.',
  Django:
    `Django walks ${code('urlpatterns')} in order; ${code("path('users/<int:id>/')")} compiles to a regular expression, ` +
    `and the trailing slash matters (${code('APPEND_SLASH')} redirects when it is missing).`,
  FastAPI:
    `Starlette tries each route in order; ${code('{user_id}')} matches any path segment as a string. Converting it to ` +
    'an int happens later, in validation, so “abc” is a 422 there, not a 404 here.',
}

/** Layer 4, the router: which function handles this method and path. */
export const ROUTER: ExplainTable<EventsOf<'router'>> = {
  'router:match': (e, ctx) => {
    const d = e.data
    return {
      simple: `The receptionist reads where your letter is going and sends it to the right department: ${d.endpoint}.`,
      standard:
        `The router compares ${code(`${e.request.method} ${e.request.path}`)} with the routes in order: it tried ` +
        `${plural(d.tried.length, 'pattern')} and ${code(d.pattern)} matches, giving ${params(d.params)}. ` +
        `Next stop: ${code(`${d.endpoint}()`)}.`,
      deep:
        ROUTER_DEEP[frameworkOf(ctx)] ??
        'Routes are tried in order and the first match wins: the pattern and the method must both fit.',
    }
  },

  'router:not-found': (e) => ({
    simple:
      'The receptionist has no department for that address, so the letter goes back: “No such department here.”',
    standard:
      `No route matches ${pathOf(e)}: the router tried ${patterns(e.data.tried)} and none fits. It answers ` +
      '404 Not Found itself; validation and your view never run. The server decided this, not the browser.',
    deep:
      `Flask raises ${code('NotFound')} from its URL map, Django ${code('Resolver404')}, Starlette returns a 404 from ` +
      'its router. The response travels back through the middleware it came in through, so logging and CORS still ' +
      'run. The first match wins, which is why a catch-all route must come last.',
  }),

  'router:method-not-allowed': (e) => {
    const matched = e.data.tried.filter((t) => t.pathMatched)
    return {
      simple: `The department exists, but does not take this kind of request: “We only do ${list(e.data.allowed, 'or')}.”`,
      standard:
        `The path ${pathOf(e)} exists, but not for ${code(e.request.method)}. The router answers 405 Method Not Allowed ` +
        `with ${code(`Allow: ${e.data.allowed.join(', ')}`)}, so the client learns what would work.`,
      deep: `The router collects the methods of every pattern whose path matched (${list(
        matched.map((t) => `${code(t.pattern)} for ${t.methods.join('/')}`),
      )}). The Allow header is required on a 405; 404 versus 405 tells a client whether to fix the URL or the method.`,
    }
  },

  'router:options': (e, ctx) => ({
    simple:
      'You ask the receptionist “What can I do here?” and get a list, without troubling any department.',
    standard:
      `An ${code('OPTIONS')} request: ${frameworkOf(ctx)} answers it itself with ${e.response?.status ?? 200} and ` +
      `${code(`Allow: ${e.data.allowed.join(', ')}`)}, the methods registered for ${pathOf(e)}. No view runs.`,
    deep:
      `Flask adds OPTIONS to every route (${code('provide_automatic_options')}) and builds Allow from the URL map; Django’s ` +
      `${code('View.options()')} does the same. With no CORS middleware this answer has no ${code('Access-Control-*')} ` +
      'headers, so it would not satisfy a browser’s preflight.',
  }),
}

const PARSE_DEEP = (api: string): string =>
  api.startsWith('request.get_json')
    ? `Flask’s ${code('request.get_json()')} refuses a non-JSON Content-Type with 415 and unparsable JSON with 400 ` +
      `(Werkzeug’s ${code('on_json_loading_failed')}); the parsed value is cached on the request.`
    : api.startsWith('request.POST')
      ? `Django fills ${code('request.POST')} only for form-encoded or multipart bodies, reading ${code('wsgi.input')} ` +
        `lazily on first access; JSON needs ${code('json.loads(request.body)')}.`
      : `FastAPI’s ${code('await request.json()')} collects the ${code('http.request')} messages from ${code('receive()')} ` +
        `and parses them; broken JSON becomes a 422 with the type ${code('json_invalid')}.`

const VALIDATION_OK_DEEP: Record<string, string> = {
  FastAPI:
    'Pydantic v2 (its core written in Rust) checked and converted each value against the declared types before the ' +
    'view is called; the view receives typed arguments.',
  Flask:
    `Flask itself checks only what a URL converter does (an ${code('<int:…>')} part turns the text into an int, ` +
    'or answers 404); any other check is the view’s own code or a library such as marshmallow.',
  Django:
    `The URL converter made the int; anything else is checked in the view, usually by a form’s ${code('is_valid()')} ` +
    'or a DRF serializer.',
}

/** Layer 5, dependencies and validation: are the inputs usable before the view runs? */
export const VALIDATION: ExplainTable<EventsOf<'validation'>> = {
  'validation:parse-body': (e) => {
    const d = e.data
    const json = (d.contentType ?? '').includes('json')
    return {
      simple: d.ok
        ? 'The department opens the parcel and checks it is written in a language it reads.'
        : 'The department opens the parcel and cannot read what is inside.',
      standard:
        `The ${d.bytes}-byte body (Content-Type ${d.contentType ? code(d.contentType) : 'missing'}) is read with ` +
        `${code(d.api)}. ` +
        (d.ok
          ? 'It parses fine, so the values can be checked next.'
          : json
            ? 'It is not valid JSON, so there is nothing to check.'
            : 'That content type is not JSON, so the framework refuses to parse it.'),
      deep: PARSE_DEEP(d.api),
    }
  },

  'validation:depends': (e) => {
    const d = e.data
    return {
      simple: d.cached
        ? `The assistant already fetched ${d.name} for this letter, so it hands over the same one.`
        : `Before the department starts, an assistant fetches what it needs: ${d.name}.`,
      standard:
        `FastAPI resolves ${code(`Depends(${d.name})`)}, needed by ${code(d.chain[0] ?? d.name)}. ` +
        (d.cached
          ? 'It already ran for this request, so the cached value is reused.'
          : 'It runs the function and keeps the result for the rest of this request.'),
      deep:
        `FastAPI builds a dependency graph from the endpoint’s signature and solves it before calling the view ` +
        `(here ${d.chain.map(code).join(' → ')}). ${code('use_cache=True')}, the default, means one value per request however ` +
        `many dependencies ask; a ${code('yield')} dependency such as a database session cleans up after the response.`,
    }
  },

  'validation:ok': (e, ctx) => ({
    simple: 'Everything in the letter is filled in correctly, so the department can start work.',
    standard:
      `The inputs pass every check: ${list(e.data.checked.map(code)) || 'nothing needed checking'}. ` +
      (e.data.checked.some((c) => c.startsWith('path') && c.endsWith('int'))
        ? 'The view receives them already converted: an int, not the text from the URL.'
        : 'The view can use them without checking again.'),
    deep:
      VALIDATION_OK_DEEP[frameworkOf(ctx)] ??
      'Inputs were checked against the declared types before any business logic runs.',
  }),

  'validation:error': (e) => {
    const d = e.data
    const entries = Object.entries(d.fields)
    const simple =
      'Something in the letter is wrong or missing, so it comes back with a note saying what to fix.'
    if (d.by === 'pydantic') {
      const errors = d.detail.map((x) => `${code(x.loc.join('.'))}: “${x.msg}”`)
      return {
        simple,
        standard:
          `Pydantic rejects the input with ${plural(d.detail.length, 'error')}: ${list(errors)}. FastAPI answers ` +
          `${d.status} ${statusText(d.status)} with a ${code('detail')} list; the view never runs.`,
        deep:
          `Each error is a pydantic v2 dict: ${code('type')} (${list([...new Set(d.detail.map((x) => code(x.type)))])}), ` +
          `${code('loc')} (where: ${code('path')}, ${code('query')}, ${code('body')}…), ${code('msg')} and ${code('input')}. ` +
          `FastAPI’s ${code('RequestValidationError')} handler wraps them in ${code('{"detail": [...]}')}; override it to change the shape.`,
      }
    }
    if (d.by === 'django-form' || d.by === 'marshmallow') {
      const errors = entries.map(([field, messages]) => `${code(field)}: “${messages.join(' ')}”`)
      return {
        simple,
        standard: `The ${d.by === 'django-form' ? 'Django form' : 'marshmallow schema'} finds ${plural(entries.length, 'problem')}: ${list(errors)}. The view answers ${d.status} ${statusText(d.status)} with them.`,
        deep:
          d.by === 'django-form'
            ? `${code('form.is_valid()')} runs each field’s ${code('clean()')} and then the form’s; messages collect in ` +
              `${code('form.errors')}, a dict of field to list. Django has no automatic 400: the view chose this status.`
            : `${code('schema.load()')} raised ${code('ValidationError')}; its ${code('messages')} map each field to its errors.`,
      }
    }
    return {
      simple,
      standard:
        d.reason === 'unsupported-media-type'
          ? `The body was not sent as JSON (${code(`Content-Type: ${e.request.headers['content-type'] ?? 'missing'}`)}), so the framework refuses to read it: ${d.status} ${statusText(d.status)}.`
          : d.reason === 'malformed-json'
            ? `The body is not valid JSON, so ${d.by === 'werkzeug' ? 'Werkzeug' : 'the view'} answers ${d.status} ${statusText(d.status)} before the view’s logic runs.`
            : `The input fails the view’s checks: ${d.status} ${statusText(d.status)}.`,
      deep:
        `Werkzeug’s ${code('BadRequest')} and ${code('UnsupportedMediaType')} are HTTP exceptions: Flask turns them ` +
        'straight into responses, so no 500 and no traceback in the log. 400 says “fix your request”; 415 says “fix the format”.',
    }
  },
}

const HANDLER_CALL_DEEP: Record<string, string> = {
  Flask: `Flask’s ${code('dispatch_request')} calls ${code('view_functions[endpoint](**view_args)')}; whatever it returns goes through ${code('make_response')}.`,
  Django:
    'Django calls the view with the request plus the URL’s keyword arguments, then runs the middleware’s response hooks.',
  FastAPI: `FastAPI awaits an ${code('async def')} view directly, or runs a plain ${code('def')} in a thread pool so it cannot block the event loop.`,
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i

/** How much of the whole trace an event took, as a phrase. */
const shareOf = (duration: number, ctx: ExplainContext): string =>
  `${percent(duration, traceMs(ctx))} of the ${ms(traceMs(ctx))} the whole request took`

/** Layer 6, your code: the view, its database queries and calls, and its answer. */
export const HANDLER: ExplainTable<EventsOf<'handler'>> = {
  'handler:call': (e, ctx) => {
    const args = Object.entries(e.data.args).map(
      ([name, value]) => `${name}=${JSON.stringify(value)}`,
    )
    return {
      simple: 'The right department finally gets your letter and starts working on it.',
      standard:
        `${frameworkOf(ctx)} calls your view ${code(`${e.data.endpoint}(${args.join(', ')})`)}. Everything before this ` +
        'was the framework’s work; from here on it is your code.',
      deep:
        HANDLER_CALL_DEEP[frameworkOf(ctx)] ??
        'The framework calls the view function with the validated arguments.',
    }
  },

  'handler:db-query': (e, ctx) => {
    const d = e.data
    const write = WRITE.test(d.sql)
    return {
      simple: d.slow
        ? 'The department has to fetch a file from the archive, and today the archive is very slow.'
        : 'The department looks something up in its filing cabinet (the database).',
      standard:
        `The view sends one SQL query to the database and waits: ${plural(d.rows, 'row')} ` +
        `${write ? 'changed' : d.rows === 1 ? 'comes back' : 'come back'} after ${ms(e.duration)}${d.slow ? `, where it usually takes ${ms(d.usualMs)}` : ''}. ` +
        `That is ${shareOf(e.duration, ctx)}, spent waiting rather than running your code.`,
      deep:
        `${code(d.sql)} goes over the driver’s own connection to the database, usually from a pool; the ${code('%s')} ` +
        'placeholders keep values out of the SQL text, which prevents SQL injection.' +
        (d.slow
          ? ` A jump from ${ms(d.usualMs)} to ${ms(e.duration)} usually means a missing index, a lock or a cold cache: ${code('EXPLAIN ANALYZE')} shows which.`
          : ' A sync worker is blocked for the whole wait; an async one can serve others meanwhile.'),
    }
  },

  'handler:external-call': (e, ctx) => {
    const d = e.data
    return {
      simple: `The department has to phone another company (${d.service}) and wait for its answer before replying to you.`,
      standard:
        `The view calls ${d.service}: ${code(`${d.method} ${d.url}`)}, answered ${d.status} after ${ms(e.duration)}, ` +
        `${shareOf(e.duration, ctx)}. Your request waits the whole time.`,
      deep:
        'That call is a whole request-response cycle of its own, with DNS, TCP, TLS and someone else’s server layers. ' +
        `Always set a timeout (${code('requests')} has none by default); an async client frees the event loop; work that ` +
        'need not finish first can move to a background job that answers 202.',
    }
  },

  'handler:logic': (e, ctx) => {
    const d = e.data
    const slowest = slowestEvent(ctx)
    const writes = d.sessionWrites.length
      ? ` It also writes ${list(d.sessionWrites.map(code))} into the session.`
      : ''
    return {
      simple:
        e.duration > 0.2 * traceMs(ctx)
          ? 'The department does its own thinking, the part you wrote; this time it takes a while.'
          : 'The department does its own thinking, the part you wrote, and it is quick.',
      standard: `Your view’s own Python code runs for about ${ms(e.duration)}: ${shareOf(e.duration, ctx)}.${writes}`,
      deep:
        `Profilers such as cProfile or py-spy show the view’s functions; Server-Timing headers or tracing show the other ` +
        `layers. Optimise where the time actually goes: the slowest single step here is “${slowest?.title ?? e.title}” ` +
        `(${ms(slowest?.duration ?? e.duration)}).`,
    }
  },

  'handler:raise': (e) => {
    const d = e.data
    const frames = d.traceback.filter((line) => line.trimStart().startsWith('File '))
    const last = frames.at(-1)?.trim()
    return {
      simple: 'Something goes wrong in the department: a clerk drops your letter.',
      standard:
        `Your view raises ${code(`${d.exception}: ${d.message}`)}. It stops right there, and Python unwinds the call ` +
        'stack looking for an except, through every layer that called it.',
      deep:
        `${last ? `The last frame of the traceback points at your code: ${code(last)}. ` : ''}` +
        (d.exception === 'KeyError'
          ? `A KeyError is a dict lookup for a missing key; ${code('.get()')} or validating the data first avoids it. `
          : '') +
        'An uncaught exception is never a 4xx: the client did nothing wrong, so it becomes a 500.',
    }
  },

  'handler:render': (e) => {
    const d = e.data
    return {
      simple: 'The department fills in a pre-printed letter template with your details.',
      standard:
        `The view renders ${code(d.template)} with ${d.engine}: ${bytes(d.bytes)} of HTML. This answer is a page, so ` +
        'the browser will build a DOM and may fetch its CSS, scripts and images with new requests.',
      deep:
        d.engine === 'Jinja2'
          ? `${code('render_template()')} loads the template (compiled to Python once and cached), fills it with the context ` +
            'and autoescapes every value, which blocks cross-site scripting.'
          : `Django’s ${code('render()')} loads the template through the configured loaders and renders it with the ` +
            'context; autoescaping is on by default.',
    }
  },

  'handler:return': (e, ctx) => {
    const d = e.data
    const endpoint = find(ctx, 'handler:call')?.data.endpoint ?? 'The view'
    const framework = frameworkOf(ctx)
    const body =
      d.kind === 'json'
        ? `${bytes(d.bytes)} of JSON`
        : d.kind === 'html'
          ? `${bytes(d.bytes)} of HTML`
          : d.kind === 'text'
            ? framework === 'FastAPI'
              ? `a bare string, which FastAPI encodes as ${bytes(d.bytes)} of JSON (a quoted string)`
              : `a bare string: ${bytes(d.bytes)} labelled ${code('text/html')}, not JSON`
            : d.kind === 'redirect' && d.bytes > 0
              ? `a ${bytes(d.bytes)} “Redirecting…” page for clients that do not follow`
              : 'no body at all'
    const redirect = d.kind === 'redirect'
    return {
      simple:
        d.kind === 'json'
          ? 'The department writes its answer: a short note with just the data, not a decorated page.'
          : d.kind === 'html'
            ? 'The department writes its answer: a whole page, ready to show.'
            : d.kind === 'text'
              ? 'The department scribbles a line on plain paper instead of filling in the form you expected.'
              : redirect
                ? 'The department replies: “Done. Now please go to the dashboard desk.”'
                : 'The department replies with a stamp only: “Done.” Nothing else is in the envelope.',
      standard:
        `${code(`${endpoint}()`)} returns ${d.status} ${statusText(d.status)} with ${body}` +
        `${d.location ? `, and ${code(`Location: ${d.location}`)} ${redirect ? 'tells the browser where to go next' : 'points at the new resource'}` : ''}. ` +
        'From here the response, layer 7, travels back out the way the request came in.',
      deep:
        (framework === 'FastAPI'
          ? `FastAPI runs the return value through the ${code('response_model')}, encodes it with ${code('jsonable_encoder')} and wraps it in a ${code('JSONResponse')}. `
          : framework === 'Django'
            ? `A Django view returns a response object itself (${code('JsonResponse')}, ${code('HttpResponse')}). `
            : d.kind === 'html' || d.kind === 'text'
              ? `Returning a string makes Flask wrap it in a ${code('Response')} with ${code('Content-Type: text/html')}. `
              : `Returning a dict makes Flask call ${code('jsonify()')}; a ${code('(body, status, headers)')} tuple sets the rest. `) +
        (d.kind === 'text'
          ? framework === 'FastAPI'
            ? `The body is ${code('"…"')} with ${code('Content-Type: application/json')}: valid JSON, but a string, ` +
              `not the object a client reading ${code('data.id')} expects. Return a dict or a model instead.`
            : `A string is sent as it is with ${code('Content-Type: text/html; charset=utf-8')}, the framework's default. ` +
              `A client that calls ${code('response.json()')} gets a ${code('SyntaxError')}: the API meant JSON but never ` +
              `said so. Return ${framework === 'Django' ? code('JsonResponse(…)') : code('jsonify(…)')} (or a dict) instead.`
          : redirect
            ? `${framework === 'FastAPI' ? code('RedirectResponse') : code('redirect()')} answers ${d.status}: the browser ` +
              `follows ${code('Location')} by itself, and after a POST a 302 or 303 turns the next request into a GET ` +
              '(post/redirect/get), so reloading the page does not send the form again.'
            : d.status === 204
              ? 'A 204 must not have a body; the page stays as it is.'
              : d.status === 201
                ? '201 Created with a Location header is the REST answer to a successful POST.'
                : `The framework sets ${code('Content-Type')} and ${code('Content-Length')} from the body.`),
    }
  },
}
