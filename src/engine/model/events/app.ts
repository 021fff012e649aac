import type { MiddlewareKind, ResponseKind } from '../schema/app'
import type { JsonValue } from '../schema/validate'

/** A route the router tried, in order. */
export interface RouteAttempt {
  readonly pattern: string
  readonly methods: readonly string[]
  readonly pathMatched: boolean
}

/** One error of a FastAPI 422 `detail` list, exactly as pydantic v2 reports it. */
export interface ValidationDetail {
  readonly type: string
  readonly loc: readonly (string | number)[]
  readonly msg: string
  readonly input: JsonValue
  readonly ctx?: Readonly<Record<string, JsonValue>>
}

/** Why a request was rejected before reaching the view. */
export type AuthFailure =
  'missing-credentials' | 'malformed-header' | 'invalid-token' | 'no-session'

/** Payloads of the server-side events: app server, middleware, router, validation, handler. */
export interface AppEventPayloads {
  'server:parse': {
    interface: 'WSGI' | 'ASGI'
    software: string
    /**
     * `environ` (WSGI) or `scope` (ASGI) as the framework receives it. Python `bytes` are shown
     * as `b'…'` strings and tuples as arrays.
     */
    data: Record<string, JsonValue>
    /** How the app reads the body: `wsgi.input` (a file-like stream) or ASGI `receive()`. */
    bodyVia: 'wsgi.input' | 'receive()'
    /** One request per sync worker process (gunicorn) or many on one event loop (uvicorn). */
    concurrency: 'sync-worker' | 'event-loop'
  }
  /**
   * Every worker is busy (`proxy.upstream: 'slow'`): the proxy's connection waits in the app
   * server's listen backlog until a worker is free to accept it.
   */
  'server:queued': {
    interface: 'WSGI' | 'ASGI'
    software: string
    /** The worker processes, all busy with earlier requests. */
    workers: number
    /** How long this request waited in the backlog before a worker picked it up. */
    waitedMs: number
    /** The listen backlog's size (`--backlog`, 2048 by default for gunicorn and uvicorn). */
    backlog: number
    /** A sync worker is busy for a whole request; an event loop is blocked by synchronous code. */
    concurrency: 'sync-worker' | 'event-loop'
  }
  'server:request-object': {
    framework: string
    object: string
    /** Flask pushes an application and a request context, so `request` works as a global. */
    context: boolean
    /** A few of the request object's attributes, as the view would read them. */
    attributes: Record<string, JsonValue>
  }
  /** No error handling caught an exception: the framework's own last-resort 500. */
  'server:exception': {
    exception: string
    message: string
    traceback: readonly string[]
    /** The logger that writes the traceback to the server's log (never to the client). */
    logger: string
    status: 500
  }
  /** Flask tears down the request context (teardown_request, teardown_appcontext). */
  'server:context-pop': { framework: 'Flask'; teardown: string[] }
  'server:write': {
    interface: 'WSGI' | 'ASGI'
    software: string
    bytes: number
    /** `start_response` + body iterable (WSGI) or `http.response.start` + `.body` (ASGI). */
    calls: string[]
    /** HEAD: the headers are sent, the body is not. */
    bodyOmitted: boolean
  }

  /** A middleware with nothing special to do on the way in. */
  'middleware:enter': { name: MiddlewareKind; note: string }
  /** A middleware on the way out: which headers it added. */
  'middleware:exit': { name: MiddlewareKind; headersAdded: string[] }
  /** An exception passes through: the middleware's code after `call_next` never runs. */
  'middleware:unwind': { name: MiddlewareKind; exception: string }
  'middleware:cors-preflight': {
    origin: string
    requestedMethod: string
    requestedHeaders: string[]
    allowed: boolean
    /** Why the preflight fails, e.g. `origin`, `method`, `headers`; empty when allowed. */
    rejected: string[]
    headersAdded: string[]
  }
  'middleware:cors-headers': { origin: string | null; allowed: boolean; headersAdded: string[] }
  'middleware:auth-check': {
    scheme: 'bearer' | 'session' | 'either'
    /** What the request carried: an `Authorization` header, a session, or nothing. */
    presented: 'bearer' | 'session' | 'none' | 'other'
    exempt: boolean
  }
  'middleware:auth-ok': { user: string; roles: string[]; via: 'bearer' | 'session' }
  'middleware:auth-reject': { reason: AuthFailure; challenge: string; status: 401 }
  'middleware:authz-check': {
    user: string | null
    roles: string[]
    required: string[]
    /** `route` when the router already ran and the view's own roles apply, else the path rule. */
    rule: string | null
    source: 'route' | 'path-rule' | 'none'
  }
  'middleware:authz-reject': {
    user: string | null
    roles: string[]
    required: string[]
    status: 403
  }
  'middleware:exception': {
    exception: string
    message: string
    /** The traceback is logged here, on the server; the body says only "Internal Server Error". */
    traceback: readonly string[]
    raisedBy: string
    status: 500
  }
  'middleware:gzip': {
    bytesBefore: number
    bytesAfter: number
    level: number
    headersAdded: string[]
  }
  'middleware:gzip-skip': {
    reason: 'not-accepted' | 'too-small' | 'already-encoded' | 'no-body' | 'not-compressible'
    bytes: number
    minimumSize: number
  }
  'middleware:session-load': {
    cookieName: string
    store: 'cookie' | 'database'
    found: boolean
    /** Signed cookie: whether the signature checked out (a tampered cookie loads as empty). */
    signature: 'valid' | 'invalid' | 'none'
    data: Record<string, JsonValue>
  }
  'middleware:session-save': {
    cookieName: string
    store: 'cookie' | 'database'
    data: Record<string, JsonValue>
    setCookie: string
  }
  'middleware:rate-check': {
    key: 'x-forwarded-for' | 'remote-addr' | 'user'
    client: string
    limit: number
    windowSeconds: number
    /** Requests from this client in the window, this one included. */
    count: number
  }
  /** Django's CsrfViewMiddleware on an unsafe method: what it had to go on. */
  'middleware:csrf-check': {
    origin: string | null
    trusted: string[]
    cookie: boolean
    /** Where the matching token came from; null when the check failed. */
    token: 'POST' | 'header' | null
  }
  'middleware:csrf-reject': { reason: string; status: 403 }
  'middleware:rate-limited': { client: string; limit: number; retryAfter: number; status: 429 }

  'router:match': {
    tried: RouteAttempt[]
    pattern: string
    params: Record<string, string | number>
    endpoint: string
  }
  'router:not-found': { tried: RouteAttempt[] }
  'router:method-not-allowed': { tried: RouteAttempt[]; allowed: string[] }
  /** Flask and Django answer OPTIONS themselves with the path's methods in `Allow`. */
  'router:options': { tried: RouteAttempt[]; allowed: string[] }

  /** The body read and parsed: `request.get_json()`, `request.POST`, FastAPI's `await request.json()`. */
  'validation:parse-body': {
    api: string
    contentType: string | null
    bytes: number
    ok: boolean
  }
  /** FastAPI resolves one `Depends()`; `chain` runs from the endpoint down to this dependency. */
  'validation:depends': { name: string; chain: string[]; cached: boolean }
  'validation:ok': { checked: string[] }
  'validation:error': {
    status: 400 | 415 | 422
    reason: 'malformed-json' | 'unsupported-media-type' | 'invalid-input'
    /** Who wrote the check: the framework, pydantic, a Django form or the view's own schema. */
    by: 'werkzeug' | 'pydantic' | 'django-form' | 'marshmallow' | 'view'
    /** FastAPI's 422 `detail` list; empty for the other frameworks. */
    detail: ValidationDetail[]
    /** Field → messages (Django forms, marshmallow); empty for FastAPI. */
    fields: Record<string, string[]>
  }

  'handler:call': { endpoint: string; args: Record<string, JsonValue> }
  'handler:db-query': {
    sql: string
    rows: number
    /** Slowed down by a `slow-query` fault; `usualMs` is what it takes without it. */
    slow: boolean
    usualMs: number
  }
  'handler:external-call': { service: string; method: string; url: string; status: number }
  /** The view's own Python code: the part people blame, often the smallest. */
  'handler:logic': { ms: number; sessionWrites: string[] }
  'handler:raise': { exception: string; message: string; traceback: readonly string[] }
  'handler:render': { template: string; engine: 'Jinja2' | 'Django templates'; bytes: number }
  'handler:return': {
    kind: ResponseKind
    status: number
    bytes: number
    location: string | null
  }
}
