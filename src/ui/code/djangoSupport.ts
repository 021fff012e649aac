/**
 * Django's supporting files: users/middleware.py (the app's own middleware classes), the project
 * package (wsgi.py, __init__.py), manage.py and users/db.py, which creates the SQLite tables.
 */
import type { MiddlewareKind, Scenario } from '../../engine'
import { MIDDLEWARE_CLASSES } from './common'
import { needsDatabase } from './database'
import type { CodeFile } from './model'
import { textFile } from './model'
import type { Piece } from './pymodule'
import { ownMiddlewarePieces, pyModule } from './pymodule'
import { pyHelpers } from './pyhelpers'

const LOCAL = new Set(['users', 'mysite'])

/** The settings each own middleware reads its options from (Django's LOGGING is taken). */
export const DJANGO_OPTION_SETTINGS: Partial<Record<MiddlewareKind, string>> = {
  logging: 'REQUEST_LOG',
  auth: 'API_AUTH',
  authorization: 'API_ROLES',
  errors: 'JSON_ERRORS',
  rateLimit: 'RATE_LIMIT',
}

/** The middleware Django (or django-cors-headers) provides; the others are the app's own. */
export const DJANGO_BUILT_IN: ReadonlySet<MiddlewareKind> = new Set([
  'csrf',
  'session',
  'compression',
  'cors',
])

const MIDDLEWARE: Partial<Record<MiddlewareKind, Omit<Piece, 'anchors'>>> = {
  logging: {
    imports: ['import time', 'from django.conf import settings'],
    helpers: ['log'],
    code: `class RequestLogMiddleware:
    """Logs each request with its status and time; adds X-Response-Time on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.options = getattr(settings, "REQUEST_LOG", {})

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        ms = (time.perf_counter() - started) * 1000
        log.info("%s %s: %s in %.1f ms", request.method, request.path, response.status_code, ms)
        if self.options.get("response_time_header", True):
            response["X-Response-Time"] = f"{ms:.2f}ms"
        return response`,
  },
  auth: {
    imports: ['from django.conf import settings', 'from django.http import JsonResponse'],
    helpers: ['under', 'authenticate'],
    code: `class AuthMiddleware:
    """Who is calling? A Bearer token, or the user the session names. Nobody known: 401,
    and nothing further in runs. Inner middleware and views find the user in request.user."""

    def __init__(self, get_response):
        self.get_response = get_response
        options = getattr(settings, "API_AUTH", {})
        self.scheme = options.get("scheme", "bearer")
        self.users = options.get("users", USERS)
        self.exempt = options.get("exempt", [])
        self.realm = options.get("realm", "api")

    def __call__(self, request):
        if any(under(request.path, prefix) for prefix in self.exempt):
            return self.get_response(request)
        session = getattr(request, "session", None)
        session_user = session.get("user") if session is not None else None
        authorization = request.headers.get("Authorization")
        user, why = authenticate(authorization, session_user, self.scheme, self.users)
        if user is None:
            invalid = why in ("invalid-token", "malformed-header")
            detail = (
                "Invalid token." if invalid else "Authentication credentials were not provided."
            )
            response = JsonResponse({"detail": detail}, status=401)
            response["WWW-Authenticate"] = challenge(self.scheme, self.realm, why)
            return response
        request.user = user
        return self.get_response(request)`,
  },
  authorization: {
    imports: ['from django.conf import settings', 'from django.http import JsonResponse'],
    helpers: ['RULES'],
    code: `class RoleMiddleware:
    """May this user do this? The first rule that fits the path and method names the roles
    allowed; a user with none of them gets 403. It reads the user AuthMiddleware found, so
    it belongs below AuthMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = getattr(settings, "API_ROLES", {}).get("rules", RULES)

    def __call__(self, request):
        required = required_roles(request.path, request.method, self.rules)
        user = getattr(request, "user", None) or {}
        if required and not set(user.get("roles", [])) & set(required):
            detail = "You do not have permission to perform this action."
            return JsonResponse({"detail": detail}, status=403)
        return self.get_response(request)`,
  },
  errors: {
    imports: ['from django.conf import settings', 'from django.http import JsonResponse'],
    helpers: ['log'],
    code: `class JSONErrorMiddleware:
    """An exception in a view becomes a 500 with a JSON body; the traceback is logged.
    Django turns an exception into a response before it leaves the view layer, so this
    catches it in the process_exception hook, not with try/except around get_response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.message = getattr(settings, "JSON_ERRORS", {}).get(
            "message", "Internal Server Error"
        )

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        log.error("%s %s failed", request.method, request.path, exc_info=exception)
        return JsonResponse({"error": self.message}, status=500)`,
  },
  rateLimit: {
    imports: [
      'import math',
      'import time',
      'from django.conf import settings',
      'from django.http import HttpResponse',
    ],
    helpers: ['count_request'],
    code: `class RateLimitMiddleware:
    """At most limit requests per client in any window_seconds; past that, 429 with
    Retry-After. Behind nginx the TCP peer is always nginx, so a client is the first
    address in X-Forwarded-For (key="remote-addr" puts every client in one bucket)."""

    def __init__(self, get_response):
        self.get_response = get_response
        options = getattr(settings, "RATE_LIMIT", {})
        self.limit = options.get("limit", 100)
        self.window_seconds = options.get("window_seconds", 60)
        self.key = options.get("key", "x-forwarded-for")

    def client(self, request):
        if self.key == "user":
            return (getattr(request, "user", None) or {}).get("name", "anonymous")
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if self.key == "x-forwarded-for" and forwarded:
            return forwarded.split(",")[0].strip()
        return request.META["REMOTE_ADDR"]

    def __call__(self, request):
        count, first = count_request(self.client(request), self.window_seconds)
        if count > self.limit:
            response = HttpResponse("Too Many Requests", status=429)
            retry_after = math.ceil(first + self.window_seconds - time.time())
            response["Retry-After"] = str(max(1, retry_after))
        else:
            response = self.get_response(request)
        response["X-RateLimit-Limit"] = str(self.limit)
        response["X-RateLimit-Remaining"] = str(max(0, self.limit - count))
        return response`,
  },
}

/** users/middleware.py: the app's own classes in MIDDLEWARE, or `null` when all are Django's. */
export const djangoMiddlewareFile = (scenario: Scenario): CodeFile | null => {
  const own = ownMiddlewarePieces(scenario, DJANGO_BUILT_IN, MIDDLEWARE)
  if (!own) return null
  const { kinds, pieces } = own
  const out = pyModule(
    `"""The app's own middleware (${kinds.map((k) => MIDDLEWARE_CLASSES[k]).join(', ')}).

Each class gets the next layer as get_response when Django starts; __call__ sees each
request on its way in, and what get_response returns on its way out. The options are
settings (settings.py)."""`,
    pieces,
    pyHelpers('django'),
    LOCAL,
  )
  return {
    id: 'middleware',
    path: 'users/middleware.py',
    name: 'users/middleware.py',
    about: 'The middleware classes settings.py lists that are the app’s own.',
    language: 'python',
    lines: out.lines,
  }
}

/** wsgi.py: the WSGI entry gunicorn loads; it also creates the SQLite tables. */
export const djangoWsgiFile = (scenario: Scenario): CodeFile =>
  textFile(
    'wsgi',
    'mysite/wsgi.py',
    'The WSGI entry point gunicorn imports: mysite.wsgi:application.',
    'python',
    `"""The WSGI application gunicorn serves (mysite.wsgi:application)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
application = get_wsgi_application()
${
  needsDatabase(scenario)
    ? `
# The tables and rows of schema.sql (a project with models would run manage.py migrate).
from users.db import create_tables  # noqa: E402

create_tables()
`
    : ''
}`,
    { kind: 'server' },
  )

/** users/db.py: runs schema.sql on the SQLite database settings.py names. */
export const djangoDbFile = (scenario: Scenario): CodeFile | null =>
  needsDatabase(scenario)
    ? textFile(
        'db',
        'users/db.py',
        'Creates the SQLite tables and rows of schema.sql when the app starts.',
        'python',
        `"""The database is SQLite (settings.DATABASES); schema.sql holds its tables and rows."""
import sqlite3

from django.conf import settings


def create_tables():
    """Runs schema.sql; IF NOT EXISTS and OR IGNORE make a second run change nothing."""
    schema = (settings.BASE_DIR / "schema.sql").read_text()
    with sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=10) as connection:
        connection.executescript(schema)
`,
      )
    : null

export const djangoPackageFiles = (): CodeFile[] => [
  textFile(
    'manage',
    'manage.py',
    'Django’s command-line tool for this project (python manage.py check).',
    'python',
    `#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`,
  ),
  textFile(
    'mysite-init',
    'mysite/__init__.py',
    'Makes mysite a package: the project (settings, URLconf, WSGI entry).',
    'python',
    '"""The project: settings, the URLconf and the WSGI entry point."""\n',
  ),
  textFile(
    'users-init',
    'users/__init__.py',
    'Makes users a package: the app (views, forms, middleware).',
    'python',
    '"""The users app: its views, forms and middleware."""\n',
  ),
]
