/**
 * Python helpers the middleware and hooks of every framework share: plain functions over
 * strings and dicts, the same rules Roundtrip's engine models (src/engine/middleware).
 */
import type { Framework } from '../../engine'
import type { Helper } from './pymodule'

const DB_IMPORT: Readonly<Record<Framework, string>> = {
  flask: 'from db import db',
  django: 'from django.db import connection',
  fastapi: 'from .db import db',
}

/** The helpers by name; `count_request` reads the framework's database. */
export const pyHelpers = (framework: Framework): Readonly<Record<string, Helper>> => ({
  log: {
    imports: ['import logging'],
    code: `log = logging.getLogger("app")
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")`,
  },
  under: {
    imports: [],
    code: `def under(path, prefix):
    """Whether path is prefix or below it, whole segments only: /admin covers /admin/stats."""
    base = prefix.rstrip("/")
    return base == "" or path == base or path.startswith(base + "/")`,
  },
  USERS: {
    imports: ['import re'],
    code: `# The users this API knows: a Bearer token each, and their roles.
USERS = [
    {"name": "ada", "token": "ada-admin-token", "roles": ["admin"]},
    {"name": "grace", "token": "grace-staff-token", "roles": ["staff"]},
]
BEARER = re.compile(r"Bearer[ \\t]+([A-Za-z0-9\\-._~+/]+=*)", re.IGNORECASE)`,
  },
  authenticate: {
    imports: [],
    uses: ['USERS'],
    code: `def authenticate(authorization, session_user, scheme="bearer", users=USERS):
    """Who is calling: (user, None), or (None, why not) for a 401."""
    if authorization and scheme != "session":
        match = BEARER.fullmatch(authorization)
        if match is None:
            return None, "malformed-header"
        user = next((u for u in users if u.get("token") == match[1]), None)
        return (user, None) if user else (None, "invalid-token")
    if scheme != "bearer" and session_user:
        user = next((u for u in users if u["name"] == session_user), None)
        return (user, None) if user else (None, "no-session")
    return None, "no-session" if scheme == "session" else "missing-credentials"


def challenge(scheme, realm, why):
    """The WWW-Authenticate header of a 401: how to authenticate, and why this failed."""
    if scheme == "session":
        return f'Cookie realm="{realm}"'
    invalid = why in ("invalid-token", "malformed-header")
    return f'Bearer realm="{realm}"' + (', error="invalid_token"' if invalid else "")`,
  },
  RULES: {
    imports: [],
    uses: ['under'],
    code: `# The roles each path needs: the first rule whose path (and method) fits decides.
RULES = [
    {"path": "/admin", "roles": ["admin"]},
    {"path": "/users", "methods": ["DELETE"], "roles": ["admin"]},
]


def required_roles(path, method, rules=RULES):
    """The roles allowed to send \`method\` to \`path\`; none: anyone may."""
    for rule in rules:
        if under(path, rule["path"]) and method in rule.get("methods", [method]):
            return rule["roles"]
    return []`,
  },
  accepts_gzip: {
    imports: ['import re'],
    code: `# Bodies that are compressed already: gzip would only make them bigger.
INCOMPRESSIBLE = re.compile(
    r"^(image/(?!svg)|video/|audio/|application/(zip|gzip|x-gzip|octet-stream|pdf))"
)


def accepts_gzip(accept_encoding):
    """Whether Accept-Encoding allows gzip ("gzip;q=0" refuses it)."""
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            q = params.strip().lower()
            return not q.startswith("q=") or float(q[2:] or 0) > 0
    return False`,
  },
  add_vary: {
    imports: [],
    code: `def add_vary(headers, value):
    """Adds value to the Vary header of a WSGI header list, once."""
    for i, (name, current) in enumerate(headers):
        if name.lower() == "vary":
            if value.lower() not in [v.strip().lower() for v in current.split(",")]:
                headers[i] = (name, f"{current}, {value}")
            return
    headers.append(("Vary", value))`,
  },
  SAFELISTED: {
    imports: [],
    code: `# Request headers a browser may always send cross-origin, without asking.
SAFELISTED = {"accept", "accept-language", "content-language", "content-type"}`,
  },
  describe_limit: {
    imports: [],
    code: `def describe_limit(limit, seconds):
    """"5 per 1 minute": how Flask-Limiter and slowapi put a limit."""
    for size, unit in ((3600, "hour"), (60, "minute")):
        if seconds % size == 0:
            return f"{limit} per {seconds // size} {unit}"
    return f"{limit} per {seconds} second"`,
  },
  count_request: {
    imports: ['import time', DB_IMPORT[framework]],
    code:
      framework === 'django'
        ? `def count_request(client, window_seconds):
    """Records a request from client; returns how many it sent in the last window_seconds
    and when the first of them came. The database holds the counts, so every server
    worker sees the same ones (a dict would count per worker process)."""
    now = time.time()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM rate_limit_hits WHERE at <= %s", [now - window_seconds])
        cursor.execute("INSERT INTO rate_limit_hits (client, at) VALUES (%s, %s)", [client, now])
        cursor.execute(
            "SELECT count(*), min(at) FROM rate_limit_hits WHERE client = %s", [client]
        )
        return cursor.fetchone()`
        : `def count_request(client, window_seconds):
    """Records a request from client; returns how many it sent in the last window_seconds
    and when the first of them came. The database holds the counts, so every server
    worker sees the same ones (a dict would count per worker process)."""
    now = time.time()
    db.execute("DELETE FROM rate_limit_hits WHERE at <= %s", (now - window_seconds,))
    db.execute("INSERT INTO rate_limit_hits (client, at) VALUES (%s, %s)", (client, now))
    return db.execute(
        "SELECT count(*), min(at) FROM rate_limit_hits WHERE client = %s", (client,)
    ).fetchone()`,
  },
})
