/**
 * hooks.py: middleware placed after the router, as each framework writes code that runs only for
 * the views it is attached to: view decorators (Flask, Django) and route dependencies (FastAPI).
 */
import type { Framework, MiddlewareKind, MiddlewareSpec, Scenario } from '../../engine'
import { hookName, isAfterRouter, middlewareOptions } from './common'
import type { Anchor, CodeFile } from './model'
import type { Piece } from './pymodule'
import { pyModule } from './pymodule'
import { pyHelpers } from './pyhelpers'
import { pyBlock, snake } from './python'

/** `AUTH_OPTIONS`: the module constant holding one hook's options. */
const optionsName = (kind: MiddlewareKind): string => `${snake(kind).toUpperCase()}_OPTIONS`

/** Django's CSRF middleware is never a hook: the scenario schema keeps it in MIDDLEWARE. */
type HookKind = Exclude<MiddlewareKind, 'csrf'>
type Hooks = Readonly<Record<HookKind, Omit<Piece, 'anchors'>>>

const FLASK: Hooks = {
  auth: {
    imports: ['import functools', 'from flask import abort, g, request, session'],
    helpers: ['authenticate'],
    code: `def login_required(view):
    """Only a known caller reaches the view: a Bearer token, or the session's user."""
    scheme = AUTH_OPTIONS.get("scheme", "bearer")
    realm = AUTH_OPTIONS.get("realm", "api")
    users = AUTH_OPTIONS.get("users", USERS)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        authorization = request.headers.get("Authorization")
        user, why = authenticate(authorization, session.get("user"), scheme, users)
        if user is None:
            response = Unauthorized().get_response(request.environ)
            response.headers["WWW-Authenticate"] = challenge(scheme, realm, why)
            abort(response)
        g.user = user
        return view(*args, **kwargs)

    return wrapper`,
  },
  authorization: {
    imports: ['import functools', 'from flask import abort, g, request'],
    helpers: ['RULES'],
    code: `def roles_required(*roles):
    """Only a caller with one of roles reaches the view (none named: the path rules decide)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            rules = AUTHORIZATION_OPTIONS.get("rules", RULES)
            required = list(roles) or required_roles(request.path, request.method, rules)
            user = g.get("user") or {}
            if required and not set(user.get("roles", [])) & set(required):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorate`,
  },
  logging: {
    imports: ['import functools', 'import time', 'from flask import make_response, request'],
    helpers: ['log'],
    code: `def log_request(view):
    """Times the view, logs it, and adds X-Response-Time to its response."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        response = make_response(view(*args, **kwargs))
        ms = (time.perf_counter() - started) * 1000
        log.info("%s %s: %s in %.1f ms", request.method, request.path, response.status, ms)
        if LOGGING_OPTIONS.get("response_time_header", True):
            response.headers["X-Response-Time"] = f"{ms:.2f}ms"
        return response

    return wrapper`,
  },
  errors: {
    imports: [
      'import functools',
      'from flask import jsonify, request',
      'from werkzeug.exceptions import HTTPException',
    ],
    helpers: ['log'],
    code: `def json_errors(view):
    """An exception in the view becomes a 500 with a JSON body; the traceback is logged."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except HTTPException:
            raise
        except Exception:
            log.exception("%s %s failed", request.method, request.path)
            message = ERRORS_OPTIONS.get("message", "Internal Server Error")
            return jsonify({"error": message}), 500

    return wrapper`,
  },
  rateLimit: {
    imports: [
      'import functools',
      'import math',
      'import time',
      'from flask import abort, g, make_response, request',
      'from werkzeug.exceptions import TooManyRequests',
    ],
    helpers: ['describe_limit', 'count_request'],
    code: `def rate_limited(view):
    """At most limit requests per client in any window_seconds reach the view; then 429."""
    limit = RATE_LIMIT_OPTIONS.get("limit", 100)
    window = RATE_LIMIT_OPTIONS.get("window_seconds", 60)
    key = RATE_LIMIT_OPTIONS.get("key", "x-forwarded-for")

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if key == "user":
            client = (g.get("user") or {}).get("name", "anonymous")
        elif key == "x-forwarded-for":
            client = request.headers.get("X-Forwarded-For", request.remote_addr)
        else:
            client = request.remote_addr
        count, first = count_request(client.split(",")[0].strip(), window)
        headers = {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(max(0, limit - count)),
        }
        if count > limit:
            headers["Retry-After"] = str(max(1, math.ceil(first + window - time.time())))
            response = TooManyRequests(describe_limit(limit, window)).get_response()
            response.headers.update(headers)
            abort(response)
        response = make_response(view(*args, **kwargs))
        response.headers.update(headers)
        return response

    return wrapper`,
  },
  cors: {
    imports: ['import functools', 'from flask import make_response, request'],
    code: `def cross_origin(view):
    """Adds Access-Control-Allow-Origin to this view's responses for an allowed origin.
    (A preflight OPTIONS never reaches a view: the router answers OPTIONS itself.)"""
    origins = CORS_OPTIONS.get("allow_origins", ["https://app.example.com"])
    credentials = CORS_OPTIONS.get("allow_credentials", False)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        origin = request.headers.get("Origin")
        if origin and ("*" in origins or origin in origins):
            if "*" in origins and not credentials:
                response.headers["Access-Control-Allow-Origin"] = "*"
            else:
                response.headers["Access-Control-Allow-Origin"] = origin
                response.vary.add("Origin")
            if credentials:
                response.headers["Access-Control-Allow-Credentials"] = "true"
        return response

    return wrapper`,
  },
  compression: {
    imports: ['import functools', 'import gzip', 'from flask import make_response, request'],
    helpers: ['accepts_gzip'],
    code: `def gzip_response(view):
    """Gzips this view's response when the client accepts gzip and it is big enough."""
    minimum_size = COMPRESSION_OPTIONS.get("minimum_size", 500)
    level = COMPRESSION_OPTIONS.get("level", 9)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        body = response.get_data()
        if (
            body
            and len(body) >= minimum_size
            and accepts_gzip(request.headers.get("Accept-Encoding", ""))
            and "Content-Encoding" not in response.headers
            and not INCOMPRESSIBLE.match(response.mimetype or "")
        ):
            response.set_data(gzip.compress(body, level, mtime=0))
            response.headers["Content-Encoding"] = "gzip"
            response.vary.add("Accept-Encoding")
        return response

    return wrapper`,
  },
  session: {
    imports: [],
    code: `def with_session(view):
    """Flask gives every view a session once app.secret_key is set: nothing to add."""
    return view`,
  },
}

const DJANGO: Hooks = {
  auth: {
    imports: ['import functools', 'from django.http import JsonResponse'],
    helpers: ['authenticate'],
    code: `def login_required(view):
    """Only a known caller reaches the view: a Bearer token, or the session's user."""
    scheme = AUTH_OPTIONS.get("scheme", "bearer")
    realm = AUTH_OPTIONS.get("realm", "api")
    users = AUTH_OPTIONS.get("users", USERS)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        session = getattr(request, "session", None)
        session_user = session.get("user") if session is not None else None
        authorization = request.headers.get("Authorization")
        user, why = authenticate(authorization, session_user, scheme, users)
        if user is None:
            invalid = why in ("invalid-token", "malformed-header")
            detail = (
                "Invalid token." if invalid else "Authentication credentials were not provided."
            )
            response = JsonResponse({"detail": detail}, status=401)
            response["WWW-Authenticate"] = challenge(scheme, realm, why)
            return response
        request.user = user
        return view(request, *args, **kwargs)

    return wrapper`,
  },
  authorization: {
    imports: ['import functools', 'from django.http import JsonResponse'],
    helpers: ['RULES'],
    code: `def roles_required(*roles):
    """Only a caller with one of roles reaches the view (none named: the path rules decide)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            rules = AUTHORIZATION_OPTIONS.get("rules", RULES)
            required = list(roles) or required_roles(request.path, request.method, rules)
            user = getattr(request, "user", None) or {}
            if required and not set(user.get("roles", [])) & set(required):
                detail = "You do not have permission to perform this action."
                return JsonResponse({"detail": detail}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate`,
  },
  logging: {
    imports: ['import functools', 'import time'],
    helpers: ['log'],
    code: `def log_request(view):
    """Times the view, logs it, and adds X-Response-Time to its response."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        started = time.perf_counter()
        response = view(request, *args, **kwargs)
        ms = (time.perf_counter() - started) * 1000
        log.info("%s %s: %s in %.1f ms", request.method, request.path, response.status_code, ms)
        if LOGGING_OPTIONS.get("response_time_header", True):
            response["X-Response-Time"] = f"{ms:.2f}ms"
        return response

    return wrapper`,
  },
  errors: {
    imports: ['import functools', 'from django.http import JsonResponse'],
    helpers: ['log'],
    code: `def json_errors(view):
    """An exception in the view becomes a 500 with a JSON body; the traceback is logged."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Exception:
            log.exception("%s %s failed", request.method, request.path)
            message = ERRORS_OPTIONS.get("message", "Internal Server Error")
            return JsonResponse({"error": message}, status=500)

    return wrapper`,
  },
  rateLimit: {
    imports: [
      'import functools',
      'import math',
      'import time',
      'from django.http import HttpResponse',
    ],
    helpers: ['count_request'],
    code: `def rate_limited(view):
    """At most limit requests per client in any window_seconds reach the view; then 429."""
    limit = RATE_LIMIT_OPTIONS.get("limit", 100)
    window = RATE_LIMIT_OPTIONS.get("window_seconds", 60)
    key = RATE_LIMIT_OPTIONS.get("key", "x-forwarded-for")

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if key == "user":
            client = (getattr(request, "user", None) or {}).get("name", "anonymous")
        elif key == "x-forwarded-for":
            client = request.META.get("HTTP_X_FORWARDED_FOR", request.META["REMOTE_ADDR"])
        else:
            client = request.META["REMOTE_ADDR"]
        count, first = count_request(client.split(",")[0].strip(), window)
        if count > limit:
            response = HttpResponse("Too Many Requests", status=429)
            response["Retry-After"] = str(max(1, math.ceil(first + window - time.time())))
        else:
            response = view(request, *args, **kwargs)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(max(0, limit - count))
        return response

    return wrapper`,
  },
  cors: {
    imports: ['import functools', 'from django.utils.cache import patch_vary_headers'],
    code: `def cross_origin(view):
    """Adds Access-Control-Allow-Origin to this view's responses for an allowed origin."""
    origins = CORS_OPTIONS.get("allow_origins", ["https://app.example.com"])
    credentials = CORS_OPTIONS.get("allow_credentials", False)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origin = request.headers.get("Origin")
        if origin and ("*" in origins or origin in origins):
            if "*" in origins and not credentials:
                response["Access-Control-Allow-Origin"] = "*"
            else:
                response["Access-Control-Allow-Origin"] = origin
                patch_vary_headers(response, ["Origin"])
            if credentials:
                response["Access-Control-Allow-Credentials"] = "true"
        return response

    return wrapper`,
  },
  compression: {
    imports: ['from django.views.decorators.gzip import gzip_page'],
    code: `# Django's own view decorator: gzips the response when the client accepts it.
gzip_response = gzip_page`,
  },
  session: {
    imports: [],
    code: `def with_session(view):
    """SessionMiddleware gives every view request.session: nothing to add."""
    return view`,
  },
}

const FASTAPI: Hooks = {
  auth: {
    imports: ['from fastapi import HTTPException, Request'],
    helpers: ['authenticate'],
    code: `def login_required(request: Request):
    """Route dependency: only a known caller reaches the endpoint (a Bearer token, or the
    session's user); the user is left in request.state.user."""
    scheme = AUTH_OPTIONS.get("scheme", "bearer")
    users = AUTH_OPTIONS.get("users", USERS)
    session_user = request.session.get("user") if "session" in request.scope else None
    authorization = request.headers.get("Authorization")
    user, why = authenticate(authorization, session_user, scheme, users)
    if user is None:
        invalid = why in ("invalid-token", "malformed-header")
        detail = "Invalid authentication credentials" if invalid else "Not authenticated"
        header = challenge(scheme, AUTH_OPTIONS.get("realm", "api"), why)
        raise HTTPException(401, detail, headers={"WWW-Authenticate": header})
    request.state.user = user`,
  },
  authorization: {
    imports: ['from fastapi import HTTPException, Request'],
    helpers: ['RULES'],
    code: `def roles_required(*roles):
    """A route dependency: only a caller with one of roles reaches the endpoint (none
    named: the path rules decide)."""

    def check(request: Request):
        rules = AUTHORIZATION_OPTIONS.get("rules", RULES)
        required = list(roles) or required_roles(request.url.path, request.method, rules)
        user = getattr(request.state, "user", None) or {}
        if required and not set(user.get("roles", [])) & set(required):
            raise HTTPException(403, "Not enough permissions")

    return check`,
  },
  logging: {
    imports: ['import time', 'from fastapi import Request'],
    helpers: ['log'],
    code: `async def log_request(request: Request):
    """Route dependency around the endpoint: the code after yield runs once it answered.
    (A dependency cannot add headers to a response it did not make: no X-Response-Time.)"""
    started = time.perf_counter()
    yield
    ms = (time.perf_counter() - started) * 1000
    log.info("%s %s in %.1f ms", request.method, request.url.path, ms)`,
  },
  errors: {
    imports: ['from fastapi import HTTPException, Request'],
    helpers: ['log'],
    code: `async def json_errors(request: Request):
    """Route dependency: an exception in the endpoint is logged and becomes a 500 with
    a JSON body."""
    try:
        yield
    except HTTPException:
        raise
    except Exception:
        log.exception("%s %s failed", request.method, request.url.path)
        raise HTTPException(500, ERRORS_OPTIONS.get("message", "Internal Server Error"))`,
  },
  rateLimit: {
    imports: ['import math', 'import time', 'from fastapi import HTTPException, Request, Response'],
    helpers: ['describe_limit', 'count_request'],
    code: `def rate_limited(request: Request, response: Response):
    """Route dependency: at most limit requests per client in any window_seconds; then 429."""
    limit = RATE_LIMIT_OPTIONS.get("limit", 100)
    window = RATE_LIMIT_OPTIONS.get("window_seconds", 60)
    key = RATE_LIMIT_OPTIONS.get("key", "x-forwarded-for")
    if key == "user":
        client = (getattr(request.state, "user", None) or {}).get("name", "anonymous")
    else:
        client = request.client.host  # uvicorn --proxy-headers: from X-Forwarded-For
    count, first = count_request(client, window)
    headers = {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(0, limit - count)),
    }
    if count > limit:
        headers["Retry-After"] = str(max(1, math.ceil(first + window - time.time())))
        raise HTTPException(429, f"Rate limit exceeded: {describe_limit(limit, window)}", headers)
    response.headers.update(headers)`,
  },
  cors: {
    imports: ['from fastapi import Request, Response'],
    code: `def cross_origin(request: Request, response: Response):
    """Route dependency: Access-Control-Allow-Origin on this endpoint's responses for an
    allowed origin."""
    origins = CORS_OPTIONS.get("allow_origins", ["https://app.example.com"])
    credentials = CORS_OPTIONS.get("allow_credentials", False)
    origin = request.headers.get("Origin")
    if origin and ("*" in origins or origin in origins):
        if "*" in origins and not credentials:
            response.headers["Access-Control-Allow-Origin"] = "*"
        else:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        if credentials:
            response.headers["Access-Control-Allow-Credentials"] = "true"`,
  },
  compression: {
    imports: [],
    code: `def gzip_response():
    """A route dependency cannot rewrite a body it does not hold: compression belongs in
    app.add_middleware(GZipMiddleware). This one changes nothing."""`,
  },
  session: {
    imports: [],
    code: `def with_session():
    """SessionMiddleware gives every endpoint request.session: nothing to add."""`,
  },
}

const HOOKS: Readonly<Record<Framework, Hooks>> = { flask: FLASK, django: DJANGO, fastapi: FASTAPI }
const PATHS: Readonly<Record<Framework, string>> = {
  flask: 'hooks.py',
  django: 'users/hooks.py',
  fastapi: 'app/hooks.py',
}
const DOCS: Readonly<Record<Framework, string>> = {
  flask: 'view decorators',
  django: 'view decorators',
  fastapi: 'route dependencies',
}

/** Extra imports a hook's helpers need beyond the helper table (Werkzeug's 401 page). */
const EXTRA: Readonly<Record<Framework, Partial<Record<MiddlewareKind, string[]>>>> = {
  flask: { auth: ['from werkzeug.exceptions import Unauthorized'] },
  django: {},
  fastapi: {},
}

const hooksFile = (
  framework: Framework,
  scenario: Scenario,
  local: ReadonlySet<string>,
): CodeFile | null => {
  const hooks = scenario.middleware
    .map((spec, index) => [spec, index] as const)
    .filter(([spec]) => isAfterRouter(spec))
  if (hooks.length === 0) return null
  const byKind = new Map<MiddlewareKind, { spec: MiddlewareSpec; anchors: Anchor[] }>()
  for (const [spec, index] of hooks) {
    const known = byKind.get(spec.kind)
    const anchor: Anchor = { kind: 'middleware', index }
    if (known) known.anchors.push(anchor)
    else byKind.set(spec.kind, { spec, anchors: [anchor] })
  }
  const pieces: Piece[] = []
  for (const [kind, { spec, anchors }] of byKind) {
    if (kind === 'csrf') throw new Error('csrf middleware is never placed after the router')
    const hook = HOOKS[framework][kind]
    const needsOptions = hook.code.includes(optionsName(kind))
    const options = Object.fromEntries(middlewareOptions(spec))
    pieces.push({
      ...hook,
      imports: [...hook.imports, ...(EXTRA[framework][kind] ?? [])],
      code: needsOptions
        ? `# The ${hookName(kind)} hook's options, as the scenario sets them.\n${pyBlock(`${optionsName(kind)} = `, options, '', '').join('\n')}\n\n\n${hook.code}`
        : hook.code,
      anchors,
    })
  }
  const out = pyModule(
    `"""Route-level hooks: ${DOCS[framework]} that run after the router has matched a view,
and only for the views that name them."""`,
    pieces,
    pyHelpers(framework),
    local,
  )
  return {
    id: 'hooks',
    path: PATHS[framework],
    name: PATHS[framework],
    about: `The hooks for middleware placed after the router: ${DOCS[framework]}.`,
    language: 'python',
    lines: out.lines,
  }
}

export const hookBuilders: Readonly<
  Record<Framework, (scenario: Scenario, local: ReadonlySet<string>) => CodeFile | null>
> = {
  flask: (scenario, local) => hooksFile('flask', scenario, local),
  django: (scenario, local) => hooksFile('django', scenario, local),
  fastapi: (scenario, local) => hooksFile('fastapi', scenario, local),
}
