/**
 * FastAPI's supporting modules: app/middleware.py (the app's own middleware, Starlette's
 * BaseHTTPMiddleware), app/deps.py (the Depends() callables) and app/__init__.py.
 */
import type { DependencySpec, MiddlewareKind, Scenario } from '../../engine'
import { MIDDLEWARE_CLASSES } from './common'
import type { Anchor, CodeFile } from './model'
import { Lines, textFile } from './model'
import type { Piece } from './pymodule'
import { importBlock, ownMiddlewarePieces, pyModule } from './pymodule'
import { pyHelpers } from './pyhelpers'
import { formatMs } from '../format'

const LOCAL = new Set<string>()

/** The kinds Starlette has its own middleware for (imported in main.py). */
export const STARLETTE_KINDS: ReadonlySet<MiddlewareKind> = new Set([
  'cors',
  'compression',
  'session',
])

const MIDDLEWARE: Partial<Record<MiddlewareKind, Omit<Piece, 'anchors'>>> = {
  logging: {
    imports: ['import time', 'from starlette.middleware.base import BaseHTTPMiddleware'],
    helpers: ['log'],
    code: `class RequestLogMiddleware(BaseHTTPMiddleware):
    """Logs each request with its status and time; adds X-Response-Time on the way out."""

    def __init__(self, app, response_time_header=True):
        super().__init__(app)
        self.response_time_header = response_time_header

    async def dispatch(self, request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        ms = (time.perf_counter() - started) * 1000
        path = request.url.path
        log.info("%s %s: %s in %.1f ms", request.method, path, response.status_code, ms)
        if self.response_time_header:
            response.headers["X-Response-Time"] = f"{ms:.2f}ms"
        return response`,
  },
  auth: {
    imports: [
      'from fastapi.responses import JSONResponse',
      'from starlette.middleware.base import BaseHTTPMiddleware',
    ],
    helpers: ['under', 'authenticate'],
    code: `class AuthMiddleware(BaseHTTPMiddleware):
    """Who is calling? A Bearer token, or the user the session names. Nobody known: 401,
    and nothing further in runs. Inner layers find the user in request.state.user."""

    def __init__(self, app, scheme="bearer", users=USERS, exempt=(), realm="api"):
        super().__init__(app)
        self.scheme = scheme
        self.users = users
        self.exempt = exempt
        self.realm = realm

    async def dispatch(self, request, call_next):
        if any(under(request.url.path, prefix) for prefix in self.exempt):
            return await call_next(request)
        session = request.session if "session" in request.scope else {}
        authorization = request.headers.get("Authorization")
        user, why = authenticate(authorization, session.get("user"), self.scheme, self.users)
        if user is None:
            invalid = why in ("invalid-token", "malformed-header")
            detail = "Invalid authentication credentials" if invalid else "Not authenticated"
            header = challenge(self.scheme, self.realm, why)
            return JSONResponse({"detail": detail}, 401, {"WWW-Authenticate": header})
        request.state.user = user
        return await call_next(request)`,
  },
  authorization: {
    imports: [
      'from fastapi.responses import JSONResponse',
      'from starlette.middleware.base import BaseHTTPMiddleware',
    ],
    helpers: ['RULES'],
    code: `class RoleMiddleware(BaseHTTPMiddleware):
    """May this user do this? The first rule that fits the path and method names the roles
    allowed; a user with none of them gets 403. It reads the user AuthMiddleware found,
    so it must be added before AuthMiddleware (which makes it the inner one)."""

    def __init__(self, app, rules=RULES):
        super().__init__(app)
        self.rules = rules

    async def dispatch(self, request, call_next):
        required = required_roles(request.url.path, request.method, self.rules)
        user = getattr(request.state, "user", None) or {}
        if required and not set(user.get("roles", [])) & set(required):
            return JSONResponse({"detail": "Not enough permissions"}, 403)
        return await call_next(request)`,
  },
  errors: {
    imports: [
      'from fastapi.responses import JSONResponse',
      'from starlette.middleware.base import BaseHTTPMiddleware',
    ],
    helpers: ['log'],
    code: `class JSONErrorMiddleware(BaseHTTPMiddleware):
    """An exception from anywhere further in becomes a 500 with a JSON body; the traceback
    goes to the log, never to the client."""

    def __init__(self, app, message="Internal Server Error"):
        super().__init__(app)
        self.message = message

    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except Exception:
            log.exception("%s %s failed", request.method, request.url.path)
            return JSONResponse({"detail": self.message}, 500)`,
  },
  rateLimit: {
    imports: [
      'import math',
      'import time',
      'from fastapi.responses import JSONResponse',
      'from starlette.middleware.base import BaseHTTPMiddleware',
    ],
    helpers: ['describe_limit', 'count_request'],
    code: `class RateLimitMiddleware(BaseHTTPMiddleware):
    """At most limit requests per client in any window_seconds; past that, 429 with
    Retry-After. uvicorn --proxy-headers takes the client from X-Forwarded-For, which
    nginx sets: without it every client would be nginx, in one bucket."""

    def __init__(self, app, limit=100, window_seconds=60, key="x-forwarded-for"):
        super().__init__(app)
        self.limit = limit
        self.window_seconds = window_seconds
        self.key = key

    async def dispatch(self, request, call_next):
        if self.key == "user":
            client = (getattr(request.state, "user", None) or {}).get("name", "anonymous")
        else:
            client = request.client.host
        count, first = count_request(client, self.window_seconds)
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - count)),
        }
        if count > self.limit:
            retry_after = math.ceil(first + self.window_seconds - time.time())
            headers["Retry-After"] = str(max(1, retry_after))
            limit = describe_limit(self.limit, self.window_seconds)
            return JSONResponse({"error": f"Rate limit exceeded: {limit}"}, 429, headers)
        response = await call_next(request)
        response.headers.update(headers)
        return response`,
  },
}

/** app/middleware.py: the app's own classes, or `null` when Starlette provides all of them. */
export const fastapiMiddlewareFile = (scenario: Scenario): CodeFile | null => {
  const own = ownMiddlewarePieces(scenario, STARLETTE_KINDS, MIDDLEWARE)
  if (!own) return null
  const { kinds, pieces } = own
  const out = pyModule(
    `"""The app's own middleware (${kinds.map((k) => MIDDLEWARE_CLASSES[k]).join(', ')}).

Each class is Starlette's BaseHTTPMiddleware: dispatch() gets the request on its way in,
awaits call_next(request) for everything inside it, and returns the response on its way
out (or answers itself without calling call_next)."""`,
    pieces,
    pyHelpers('fastapi'),
    LOCAL,
  )
  return {
    id: 'middleware',
    path: 'app/middleware.py',
    name: 'app/middleware.py',
    about: 'The middleware classes main.py adds that are the app’s own.',
    language: 'python',
    lines: out.lines,
  }
}

/** Every Depends() callable the routes name, with what each uses, and get_db for queries. */
const dependencies = (scenario: Scenario): DependencySpec[] => {
  const found = new Map<string, DependencySpec>()
  for (const route of scenario.routes)
    for (const dep of route.depends ?? []) if (!found.has(dep.name)) found.set(dep.name, dep)
  if (scenario.routes.some((r) => r.handler.queries.length) && !found.has('get_db'))
    found.set('get_db', { name: 'get_db' })
  return [...found.values()]
}

/** `get_current_user` → `current_user`: the parameter a dependency's value is bound to. */
export const dependencyParam = (name: string): string => name.replace(/^get_/, '') || name

/** app/deps.py: the dependencies, each resolved once per request, or `null` when none. */
export const fastapiDepsFile = (scenario: Scenario): CodeFile | null => {
  const deps = dependencies(scenario)
  if (deps.length === 0) return null
  const out = new Lines()
  out.add('"""The dependencies endpoints declare with Depends(): FastAPI calls each once per')
  out.add('request, before the endpoint, and passes what it returns (or yields)."""')
  const imports: string[] = []
  if (deps.some((d) => d.uses?.length)) imports.push('from fastapi import Depends')
  if (deps.some((d) => d.name === 'get_db')) imports.push('from .db import db')
  if (imports.length) out.add('').addAll(importBlock(imports, LOCAL))
  for (const dep of deps) {
    const anchors: Anchor[] = scenario.routes.flatMap((route, index) =>
      (route.depends ?? []).some((d) => d.name === dep.name)
        ? [{ kind: 'validation', index, step: `depends:${dep.name}` } as const]
        : [],
    )
    const params = (dep.uses ?? []).map((used) => `${dependencyParam(used)}=Depends(${used})`)
    out.add('').add('')
    out.within(anchors, () => {
      if (dep.name === 'get_db') {
        out.add(`def get_db(${params.join(', ')}):`)
        out.add('    """The database, for the length of one request."""')
        out.add('    yield db')
        return
      }
      out.add(`def ${dep.name}(${params.join(', ')}):`)
      out.add(
        `    """Roundtrip models only how long this takes (${formatMs(dep.ms ?? 0.2)}): the app's own`,
      )
      out.add(`    lookup goes here; the endpoint gets what it returns."""`)
      out.add('    return None')
    })
  }
  return {
    id: 'deps',
    path: 'app/deps.py',
    name: 'app/deps.py',
    about: 'The Depends() callables, resolved before the endpoint runs.',
    language: 'python',
    lines: out.lines,
  }
}

export const fastapiInitFile = (): CodeFile =>
  textFile(
    'init',
    'app/__init__.py',
    'Makes app a package, so uvicorn imports app.main and its relative imports resolve.',
    'python',
    '"""The app package: uvicorn imports app.main:app."""\n',
  )
