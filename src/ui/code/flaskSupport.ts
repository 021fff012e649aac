/**
 * Flask's supporting modules: middleware.py (WSGI middleware, one class per kind the stack uses),
 * hooks.py (view decorators for middleware placed after the router) and config.py.
 */
import type { MiddlewareKind, Scenario } from '../../engine'
import { MIDDLEWARE_CLASSES, isAfterRouter } from './common'
import type { Anchor, CodeFile } from './model'
import { textFile } from './model'
import type { Piece } from './pymodule'
import { pyModule } from './pymodule'
import { pyHelpers } from './pyhelpers'
import { hookBuilders } from './hooks'

const LOCAL = new Set(['db', 'config', 'middleware', 'hooks', 'services'])

/** Every middleware but Django's CSRF one, which the scenario schema keeps out of Flask apps. */
const MIDDLEWARE: Readonly<Record<Exclude<MiddlewareKind, 'csrf'>, Omit<Piece, 'anchors'>>> = {
  logging: {
    imports: ['import time'],
    helpers: ['log'],
    code: `class RequestLogMiddleware:
    """Logs each request with its status and time; adds X-Response-Time on the way out."""

    def __init__(self, app, response_time_header=True):
        self.app = app
        self.response_time_header = response_time_header

    def __call__(self, environ, start_response):
        started = time.perf_counter()

        def start(status, headers, exc_info=None):
            ms = (time.perf_counter() - started) * 1000
            method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
            log.info("%s %s: %s in %.1f ms", method, path, status, ms)
            if self.response_time_header:
                headers.append(("X-Response-Time", f"{ms:.2f}ms"))
            return start_response(status, headers, exc_info)

        return self.app(environ, start)`,
  },
  cors: {
    imports: [],
    helpers: ['SAFELISTED', 'add_vary'],
    code: `class CORSMiddleware:
    """Lets pages from other origins use the API: answers a preflight OPTIONS itself, and
    adds Access-Control-Allow-Origin to the responses an allowed origin gets."""

    def __init__(
        self,
        app,
        allow_origins=("https://app.example.com",),
        allow_methods=("GET", "POST", "PUT", "PATCH", "DELETE"),
        allow_headers=("Content-Type", "Authorization"),
        expose_headers=(),
        allow_credentials=False,
        max_age=600,
        preflight_status=204,
    ):
        self.app = app
        self.allow_origins = list(allow_origins)
        self.allow_methods = list(allow_methods)
        self.allow_headers = list(allow_headers)
        self.expose_headers = list(expose_headers)
        self.allow_credentials = allow_credentials
        self.max_age = max_age
        self.preflight_status = preflight_status

    def origin_headers(self, origin):
        """Allow-Origin: * for anyone, or this origin (then caches must keep apart origins)."""
        if "*" in self.allow_origins and not self.allow_credentials:
            headers = [("Access-Control-Allow-Origin", "*")]
        else:
            headers = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        if self.allow_credentials:
            headers.append(("Access-Control-Allow-Credentials", "true"))
        return headers

    def __call__(self, environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        allowed = origin is not None and (
            "*" in self.allow_origins or origin in self.allow_origins
        )
        wanted = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ["REQUEST_METHOD"] == "OPTIONS" and origin and wanted:
            return self.preflight(environ, start_response, origin, allowed, wanted)

        def start(status, headers, exc_info=None):
            if allowed:
                for name, value in self.origin_headers(origin):
                    if name == "Vary":
                        add_vary(headers, value)
                    else:
                        headers.append((name, value))
                if self.expose_headers:
                    exposed = ", ".join(self.expose_headers)
                    headers.append(("Access-Control-Expose-Headers", exposed))
            return start_response(status, headers, exc_info)

        return self.app(environ, start)

    def preflight(self, environ, start_response, origin, allowed, wanted):
        """May origin send this method with these headers? Yes: say so in Access-Control-*
        headers. No: the same answer without them, and the browser will not send it."""
        asked = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "")
        asked = [h.strip().lower() for h in asked.split(",") if h.strip()]
        known = SAFELISTED | {h.lower() for h in self.allow_headers}
        headers_ok = "*" in self.allow_headers or all(h in known for h in asked)
        headers = []
        if allowed and wanted in self.allow_methods and headers_ok:
            listed = asked if "*" in self.allow_headers else self.allow_headers
            headers = self.origin_headers(origin) + [
                ("Access-Control-Allow-Methods", ", ".join(self.allow_methods)),
                ("Access-Control-Allow-Headers", ", ".join(listed)),
                ("Access-Control-Max-Age", str(self.max_age)),
            ]
        if self.preflight_status == 204:
            start_response("204 No Content", headers)
        else:
            html = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "0")]
            start_response("200 OK", html + headers)
        return [b""]`,
  },
  auth: {
    imports: ['from werkzeug.exceptions import Unauthorized'],
    helpers: ['under', 'authenticate'],
    code: `class AuthMiddleware:
    """Who is calling? A Bearer token, or the user the session names. Nobody known: 401,
    and nothing further in runs. Inner middleware finds the user in environ["user"]."""

    def __init__(self, app, scheme="bearer", users=USERS, exempt=(), realm="api"):
        self.app = app
        self.scheme = scheme
        self.users = users
        self.exempt = exempt
        self.realm = realm

    def __call__(self, environ, start_response):
        if any(under(environ["PATH_INFO"], prefix) for prefix in self.exempt):
            return self.app(environ, start_response)
        session_user = environ.get("session", {}).get("user")
        authorization = environ.get("HTTP_AUTHORIZATION")
        user, why = authenticate(authorization, session_user, self.scheme, self.users)
        if user is None:
            response = Unauthorized().get_response(environ)
            response.headers["WWW-Authenticate"] = challenge(self.scheme, self.realm, why)
            return response(environ, start_response)
        environ["user"] = user
        return self.app(environ, start_response)`,
  },
  authorization: {
    imports: ['from werkzeug.exceptions import Forbidden'],
    helpers: ['RULES'],
    code: `class RoleMiddleware:
    """May this user do this? The first rule that fits the path and method names the roles
    allowed; a user with none of them gets 403. It reads the user AuthMiddleware found,
    so it belongs inside AuthMiddleware."""

    def __init__(self, app, rules=RULES):
        self.app = app
        self.rules = rules

    def __call__(self, environ, start_response):
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        required = required_roles(path, method, self.rules)
        roles = (environ.get("user") or {}).get("roles", [])
        if required and not set(roles) & set(required):
            return Forbidden()(environ, start_response)
        return self.app(environ, start_response)`,
  },
  errors: {
    imports: ['import json', 'from werkzeug.wrappers import Response'],
    helpers: ['log'],
    code: `class JSONErrorMiddleware:
    """An exception from anywhere further in becomes a 500 with a JSON body; the traceback
    goes to the log, never to the client. (app.py sets PROPAGATE_EXCEPTIONS, so Flask lets
    exceptions through to here instead of answering with its own 500 page.)"""

    def __init__(self, app, message="Internal Server Error"):
        self.app = app
        self.message = message

    def __call__(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except Exception:
            log.exception("%s %s failed", environ["REQUEST_METHOD"], environ["PATH_INFO"])
            body = json.dumps({"error": self.message}, separators=(",", ":")) + "\\n"
            response = Response(body, 500, mimetype="application/json")
            return response(environ, start_response)`,
  },
  compression: {
    imports: ['import gzip', 'from werkzeug.wrappers import Response'],
    helpers: ['accepts_gzip'],
    code: `class GZipMiddleware:
    """Gzips the response on its way out when the client accepts gzip and the body has at
    least minimum_size bytes: Content-Encoding, a new Content-Length, Vary."""

    def __init__(self, app, minimum_size=500, level=9):
        self.app = app
        self.minimum_size = minimum_size
        self.level = level

    def __call__(self, environ, start_response):
        response = Response.from_app(self.app, environ)
        body = response.get_data()
        if (
            body
            and len(body) >= self.minimum_size
            and accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
            and "Content-Encoding" not in response.headers
            and not INCOMPRESSIBLE.match(response.mimetype or "")
        ):
            response.set_data(gzip.compress(body, self.level, mtime=0))
            response.headers["Content-Encoding"] = "gzip"
            response.vary.add("Accept-Encoding")
        return response(environ, start_response)`,
  },
  session: {
    imports: [
      'import hashlib',
      'from flask.sessions import session_json_serializer',
      'from itsdangerous import BadSignature, URLSafeTimedSerializer',
      'from werkzeug.http import parse_cookie',
      'from config import SECRET_KEY',
    ],
    code: `class SessionMiddleware:
    """Flask opens the session itself, inside the app, for the view, and saves it with a
    Set-Cookie on the way out. This reads the same signed cookie earlier, so middleware
    further in (auth) can see who is logged in: environ["session"]."""

    def __init__(self, app, cookie_name="session", max_age=None, store="cookie", sessions=None):
        # store and sessions are for Django's database sessions: Flask keeps the data in
        # the cookie itself, signed with SECRET_KEY as Flask signs it.
        self.app = app
        self.cookie_name = cookie_name
        self.serializer = URLSafeTimedSerializer(
            SECRET_KEY,
            salt="cookie-session",
            serializer=session_json_serializer,
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha1},
        )

    def __call__(self, environ, start_response):
        cookie = parse_cookie(environ).get(self.cookie_name)
        try:
            environ["session"] = self.serializer.loads(cookie) if cookie else {}
        except BadSignature:
            environ["session"] = {}
        return self.app(environ, start_response)`,
  },
  rateLimit: {
    imports: ['import math', 'import time', 'from werkzeug.exceptions import TooManyRequests'],
    helpers: ['describe_limit', 'count_request'],
    code: `class RateLimitMiddleware:
    """At most limit requests per client in any window_seconds; past that, 429 with
    Retry-After. Behind nginx the TCP peer is always nginx, so a client is the first
    address in X-Forwarded-For (key="remote-addr" puts every client in one bucket)."""

    def __init__(self, app, limit=100, window_seconds=60, key="x-forwarded-for"):
        self.app = app
        self.limit = limit
        self.window_seconds = window_seconds
        self.key = key

    def client(self, environ):
        if self.key == "user":
            return (environ.get("user") or {}).get("name", "anonymous")
        forwarded = environ.get("HTTP_X_FORWARDED_FOR")
        if self.key == "x-forwarded-for" and forwarded:
            return forwarded.split(",")[0].strip()
        return environ["REMOTE_ADDR"]

    def __call__(self, environ, start_response):
        count, first = count_request(self.client(environ), self.window_seconds)
        headers = [
            ("X-RateLimit-Limit", str(self.limit)),
            ("X-RateLimit-Remaining", str(max(0, self.limit - count))),
        ]
        if count > self.limit:
            retry_after = max(1, math.ceil(first + self.window_seconds - time.time()))
            limit = describe_limit(self.limit, self.window_seconds)
            response = TooManyRequests(limit).get_response(environ)
            response.headers.extend(headers + [("Retry-After", str(retry_after))])
            return response(environ, start_response)

        def start(status, response_headers, exc_info=None):
            return start_response(status, response_headers + headers, exc_info)

        return self.app(environ, start)`,
  },
}

const unreachable = (kind: string): never => {
  throw new Error(`${kind} middleware is Django's; a Flask app cannot have it`)
}

/** middleware.py: the classes of the app-wide stack, or `null` when it is empty. */
export const flaskMiddlewareFile = (scenario: Scenario): CodeFile | null => {
  const before = scenario.middleware
    .map((spec, index) => [spec, index] as const)
    .filter(([spec]) => !isAfterRouter(spec))
  if (before.length === 0) return null
  const kinds = [...new Set(before.map(([spec]) => spec.kind))]
  const pieces: Piece[] = kinds.map((kind) => ({
    ...MIDDLEWARE[kind === 'csrf' ? unreachable(kind) : kind],
    anchors: before
      .filter(([spec]) => spec.kind === kind)
      .map(([, index]): Anchor => ({ kind: 'middleware', index })),
  }))
  const out = pyModule(
    `"""The app's own WSGI middleware, one class per job (${kinds.map((k) => MIDDLEWARE_CLASSES[k]).join(', ')}).

Each class wraps the app inside it: __call__ sees the request (the WSGI environ) on its
way in, and, through the start_response it passes on, the status and headers on their
way out."""`,
    pieces,
    pyHelpers('flask'),
    LOCAL,
  )
  return {
    id: 'middleware',
    path: 'middleware.py',
    name: 'middleware.py',
    about: 'The middleware classes app.py stacks, each a WSGI app wrapping the next.',
    language: 'python',
    lines: out.lines,
  }
}

/** hooks.py: the view decorators of middleware placed after the router, or `null`. */
export const flaskHooksFile = (scenario: Scenario): CodeFile | null =>
  hookBuilders.flask(scenario, LOCAL)

/** config.py: the secret key, read from the environment (only when the app signs sessions). */
export const flaskConfigFile = (scenario: Scenario): CodeFile | null =>
  scenario.middleware.some((m) => m.kind === 'session')
    ? textFile(
        'config',
        'config.py',
        'Settings from the environment: the key that signs session cookies.',
        'python',
        `"""Settings read from the environment."""
import os

# Signs the session cookie: set SECRET_KEY in production. The default is for trying it out.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-a-secret")
`,
      )
    : null
