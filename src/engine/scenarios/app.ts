import type { MiddlewareSpec, RouteSpec, Scenario } from '../model/scenario'
import { signedSessionCookie } from '../middleware/session'
import { demoApp } from './demoApp'
import type { CuratedScenario } from './types'

const API = 'https://api.example.com'
/** The front end that calls the API from another origin. */
const FRONTEND = 'https://app.example.com'
const JSON_BODY = { 'content-type': 'application/json' }
/** Django's CSRF secret in the csrftoken cookie, and the same secret masked as get_token() gives it. */
const CSRF_SECRET = 'k2Vh8sQp3ZxL0nWc7RyT5mBd9FgJ4aHe'
const CSRF_MASKED = 'Qw3rTy7uIo1pAs5dFg9hJk2lZx4cVb6n0oOyRQNJBdo0qFRfCXx0EwtoY2aLPbDr'

const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra']
/** Twenty users: a body big enough (about 2 kB) to be worth compressing. */
const USERS = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: NAMES[i % NAMES.length]!,
  email: `user${i + 1}@example.com`,
  active: i % 3 !== 0,
  created_at: `2025-0${(i % 9) + 1}-1${i % 10}T09:30:00Z`,
}))

const getUser: RouteSpec = demoApp.routes[0]!

/** The demo app's extra views, Flask-style; each scenario uses the ones it needs. */
const ROUTES = {
  listUsers: {
    methods: ['GET'],
    pattern: '/users',
    endpoint: 'list_users',
    handler: {
      kind: 'json',
      status: 200,
      body: USERS,
      queries: [{ sql: 'SELECT * FROM users ORDER BY id LIMIT 20', ms: 6, rows: 20 }],
      computeMs: 1.5,
    },
  },
  createUser: {
    methods: ['POST'],
    pattern: '/users',
    endpoint: 'create_user',
    body: { name: { type: 'str' }, email: { type: 'email' } },
    handler: {
      kind: 'json',
      status: 201,
      body: { id: 43, name: '{name}', email: '{email}' },
      queries: [
        {
          sql: 'INSERT INTO users (name, email) VALUES (%s, %s) RETURNING id',
          ms: 4,
          rows: 1,
        },
      ],
      computeMs: 1,
    },
  },
  deleteUser: {
    methods: ['DELETE'],
    pattern: '/users/<int:id>',
    endpoint: 'delete_user',
    handler: {
      kind: 'empty',
      status: 204,
      body: null,
      queries: [{ sql: 'DELETE FROM users WHERE id = %s', ms: 3, rows: 1 }],
      computeMs: 0.5,
    },
  },
  updateUser: {
    methods: ['PATCH'],
    pattern: '/users/<int:id>',
    endpoint: 'update_user',
    body: { email: { type: 'email' } },
    handler: {
      kind: 'json',
      status: 200,
      body: { id: '{id}', name: 'Ada Lovelace', email: '{email}' },
      queries: [{ sql: 'UPDATE users SET email = %s WHERE id = %s', ms: 3, rows: 1 }],
      computeMs: 0.8,
    },
  },
  orders: {
    methods: ['GET'],
    pattern: '/users/<int:id>/orders',
    endpoint: 'list_orders',
    handler: {
      kind: 'json',
      status: 200,
      body: { user_id: '{id}', orders: [{ id: 1001, total: '59.90', status: 'shipped' }] },
      queries: [
        { sql: 'SELECT * FROM users WHERE id = %s', ms: 2, rows: 1 },
        {
          sql: 'SELECT * FROM orders WHERE user_id = %s ORDER BY created_at DESC',
          ms: 9,
          rows: 12,
        },
      ],
      computeMs: 2.5,
      // No index on orders.user_id: the database reads the whole table.
      fault: { kind: 'slow-query', query: 1, ms: 300 },
    },
  },
  report: {
    methods: ['GET'],
    pattern: '/users/<int:id>/report',
    endpoint: 'user_report',
    handler: {
      kind: 'json',
      status: 200,
      body: { id: '{id}', orders: 12 },
      queries: [{ sql: 'SELECT * FROM orders WHERE user_id = %s', ms: 7, rows: 12 }],
      computeMs: 2,
      fault: {
        kind: 'exception',
        exception: 'KeyError',
        message: "'shipping_address'",
        line: 'address = order["shipping_address"]',
      },
    },
  },
  profile: {
    methods: ['GET'],
    pattern: '/users/<int:id>/profile',
    endpoint: 'profile',
    handler: {
      kind: 'html',
      status: 200,
      template: 'profile.html',
      body: { id: '{id}', name: 'Ada Lovelace', email: 'ada@example.com', joined: '1843' },
      queries: [{ sql: 'SELECT * FROM users WHERE id = %s', ms: 8, rows: 1 }],
      computeMs: 1.5,
    },
  },
  userStatus: {
    methods: ['GET'],
    pattern: '/users/<int:id>/status',
    endpoint: 'user_status',
    handler: {
      kind: 'text',
      status: 200,
      body: 'User {id} is active',
      queries: [{ sql: 'SELECT active FROM users WHERE id = %s', ms: 3, rows: 1 }],
      computeMs: 0.5,
    },
  },
  login: {
    methods: ['POST'],
    pattern: '/login',
    endpoint: 'login',
    body: { username: { type: 'str' }, password: { type: 'str' } },
    handler: {
      kind: 'json',
      status: 200,
      body: { ok: true, user: '{username}' },
      queries: [{ sql: 'SELECT id, password_hash FROM users WHERE username = %s', ms: 3, rows: 1 }],
      // Password hashing is slow on purpose (scrypt/PBKDF2), to slow down guessing.
      computeMs: 45,
      session: { set: { user: '{username}' } },
    },
  },
  signIn: {
    methods: ['POST'],
    pattern: '/signin',
    endpoint: 'sign_in',
    body: { username: { type: 'str' }, password: { type: 'str' } },
    handler: {
      kind: 'redirect',
      status: 302,
      location: '/dashboard',
      body: null,
      queries: [{ sql: 'SELECT id, password_hash FROM users WHERE username = %s', ms: 3, rows: 1 }],
      computeMs: 45,
      session: { set: { user: '{username}' } },
    },
  },
  dashboard: {
    methods: ['GET'],
    pattern: '/dashboard',
    endpoint: 'dashboard',
    handler: {
      kind: 'json',
      status: 200,
      body: { page: 'dashboard', unread: 3 },
      queries: [{ sql: 'SELECT count(*) FROM messages WHERE unread', ms: 2, rows: 1 }],
      computeMs: 1,
    },
  },
  adminStats: {
    methods: ['GET'],
    pattern: '/admin/stats',
    endpoint: 'admin_stats',
    handler: {
      kind: 'json',
      status: 200,
      body: { users: 1234, signups_today: 17 },
      queries: [{ sql: 'SELECT count(*) FROM users', ms: 12, rows: 1 }],
      computeMs: 1,
    },
  },
  checkout: {
    methods: ['POST'],
    pattern: '/orders',
    endpoint: 'create_order',
    body: { product_id: { type: 'int' }, quantity: { type: 'int' } },
    handler: {
      kind: 'json',
      status: 201,
      body: { id: 1001, product_id: '{product_id}', quantity: '{quantity}', status: 'paid' },
      queries: [
        { sql: 'SELECT price FROM products WHERE id = %s', ms: 2, rows: 1 },
        {
          sql: 'INSERT INTO orders (user_id, product_id, quantity) VALUES (%s, %s, %s)',
          ms: 5,
          rows: 1,
        },
      ],
      calls: [
        {
          service: 'payments',
          method: 'POST',
          url: 'https://api.payments.example/v1/charges',
          ms: 220,
          status: 200,
        },
      ],
      computeMs: 2,
    },
  },
} as const satisfies Record<string, RouteSpec>

/** The Flask demo app with all the views above, and the given middleware, outermost first. */
const flask = (...middleware: MiddlewareSpec[]): Scenario => ({
  ...demoApp,
  middleware,
  routes: [...demoApp.routes, ...Object.values(ROUTES)],
})

const LOGGING: MiddlewareSpec = { kind: 'logging' }
const AUTH: MiddlewareSpec = { kind: 'auth' }
const ERRORS: MiddlewareSpec = { kind: 'errors' }
const CORS: MiddlewareSpec = { kind: 'cors' }

/** The same API in FastAPI on uvicorn: typed path parameters, pydantic bodies, Depends(). */
const fastapi: Scenario = {
  ...demoApp,
  framework: 'fastapi',
  middleware: [LOGGING],
  routes: [
    {
      methods: ['GET'],
      pattern: '/users/{user_id}',
      endpoint: 'read_user',
      params: { user_id: 'int' },
      depends: [{ name: 'get_db', ms: 0.3 }],
      handler: {
        ...getUser.handler,
        body: { id: '{user_id}', name: 'Ada Lovelace', email: 'ada@example.com' },
      },
    },
    {
      methods: ['POST'],
      pattern: '/users',
      endpoint: 'create_user',
      body: { name: { type: 'str' }, email: { type: 'email' } },
      depends: [
        { name: 'get_db', ms: 0.3 },
        { name: 'get_current_user', ms: 1.2, uses: ['get_db'] },
      ],
      handler: ROUTES.createUser.handler,
    },
  ],
}

/** The same API in Django on gunicorn: trailing slashes, forms, database-backed sessions. */
const django: Scenario = {
  ...demoApp,
  framework: 'django',
  middleware: [LOGGING, { kind: 'session' }],
  routes: [
    { ...getUser, pattern: '/users/<int:id>/' },
    {
      ...ROUTES.createUser,
      pattern: '/users/',
      handler: { ...ROUTES.createUser.handler, location: '/users/{id}/' },
    },
  ],
}

/** Scenarios about the Python side: server, middleware, router, validation, handler. */
export const appScenarios: readonly CuratedScenario[] = [
  {
    id: 'create-user',
    title: 'Create a user',
    goal: 'A POST with a JSON body is validated, inserted and answered 201 with a Location.',
    expectedStatus: 201,
    scenario: flask(LOGGING),
    request: {
      method: 'POST',
      url: `${API}/users`,
      headers: JSON_BODY,
      body: '{"name": "Grace Hopper", "email": "grace@example.com"}',
    },
  },
  {
    id: 'delete-user',
    title: 'Delete a user',
    goal: 'A DELETE succeeds with 204 No Content: a status and headers, no body at all.',
    expectedStatus: 204,
    scenario: flask(LOGGING),
    request: { method: 'DELETE', url: `${API}/users/42` },
  },
  {
    id: 'update-user',
    title: 'Change one field with PATCH',
    goal: 'PATCH sends only what changes: one e-mail address, validated and updated; PUT would replace the whole user.',
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: {
      method: 'PATCH',
      url: `${API}/users/42`,
      // Sent from the site's own settings page: Referer says where the request came from.
      headers: { ...JSON_BODY, referer: `${API}/settings` },
      body: '{"email": "ada@analytical.example"}',
    },
  },
  {
    id: 'bad-request',
    title: 'Malformed JSON',
    goal: "Flask's request.get_json() cannot parse the body: 400 before the view's logic runs.",
    expectedStatus: 400,
    scenario: flask(LOGGING),
    request: {
      method: 'POST',
      url: `${API}/users`,
      headers: JSON_BODY,
      body: '{"name": "Grace Hopper", "email": ',
    },
  },
  {
    id: 'unsupported-media-type',
    title: 'Wrong Content-Type',
    goal: 'The body is sent as text/plain, so Flask refuses to read it as JSON: 415.',
    expectedStatus: 415,
    scenario: flask(LOGGING),
    request: {
      method: 'POST',
      url: `${API}/users`,
      headers: { 'content-type': 'text/plain' },
      body: '{"name": "Grace Hopper", "email": "grace@example.com"}',
    },
  },
  {
    id: 'validation-error',
    title: 'FastAPI rejects a body',
    goal: 'Depends() run, then pydantic finds the email missing: 422 with a detail list.',
    expectedStatus: 422,
    scenario: fastapi,
    request: {
      method: 'POST',
      url: `${API}/users`,
      headers: JSON_BODY,
      body: '{"name": "Grace Hopper"}',
    },
  },
  {
    id: 'fastapi-path-validation',
    title: 'A path parameter of the wrong type',
    goal: 'The route {user_id} matches "abc", but pydantic needs an int: 422, not 404.',
    expectedStatus: 422,
    scenario: fastapi,
    request: { method: 'GET', url: `${API}/users/abc` },
  },
  {
    id: 'fastapi-get-user',
    title: 'FastAPI on uvicorn',
    goal: 'The ASGI path: uvicorn builds a scope, FastAPI resolves get_db, pydantic checks the id.',
    expectedStatus: 200,
    scenario: fastapi,
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'django-get-user',
    title: 'Django on gunicorn',
    goal: 'The WSGI path through Django: environ, WSGIRequest, session middleware, the view.',
    expectedStatus: 200,
    scenario: django,
    request: { method: 'GET', url: `${API}/users/42/` },
  },
  {
    id: 'django-form-error',
    title: 'A Django form says no',
    goal: 'The form bound to request.POST finds an invalid email; the view answers 400.',
    expectedStatus: 400,
    scenario: django,
    request: {
      method: 'POST',
      url: `${API}/users/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Grace+Hopper&email=grace-at-example.com',
    },
  },
  {
    id: 'csrf-forged-post',
    title: 'A forged form post, refused',
    goal: 'A page on evil.example submits a form to the API in your browser; Django’s CSRF middleware sees a foreign Origin and answers 403.',
    expectedStatus: 403,
    scenario: { ...django, middleware: [LOGGING, { kind: 'session' }, { kind: 'csrf' }] },
    request: {
      method: 'POST',
      url: `${API}/users/`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: 'name=Mallory&email=mallory%40evil.example',
    },
  },
  {
    id: 'csrf-token',
    title: 'A form post with its CSRF token',
    goal: 'The page read the csrftoken cookie and sends it back, masked, in X-CSRFToken: Django unmasks it, it matches, and the user is created.',
    expectedStatus: 201,
    scenario: {
      ...django,
      middleware: [LOGGING, { kind: 'session' }, { kind: 'csrf' }],
      browser: {
        cookies: [{ name: 'csrftoken', value: CSRF_SECRET, domain: 'api.example.com' }],
      },
    },
    request: {
      method: 'POST',
      url: `${API}/users/`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: API,
        referer: `${API}/signup`,
        'x-csrftoken': CSRF_MASKED,
      },
      body: 'name=Grace+Hopper&email=grace%40example.com',
    },
  },
  {
    id: 'unauthorized',
    title: 'No credentials',
    goal: 'The auth middleware finds no token and answers 401: the router never sees the request.',
    expectedStatus: 401,
    scenario: flask(LOGGING, AUTH),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'forbidden',
    title: 'Known, but not allowed',
    goal: 'Grace is authenticated, but deleting users needs the admin role: 403.',
    expectedStatus: 403,
    scenario: flask(LOGGING, AUTH, { kind: 'authorization' }),
    request: {
      method: 'DELETE',
      url: `${API}/users/42`,
      headers: { authorization: 'Bearer grace-staff-token' },
    },
  },
  {
    id: 'method-not-allowed',
    title: 'Right path, wrong method',
    goal: '/users/42 exists, but not for PUT: 405 with an Allow header listing what works.',
    expectedStatus: 405,
    scenario: flask(LOGGING),
    request: {
      method: 'PUT',
      url: `${API}/users/42`,
      headers: JSON_BODY,
      body: '{"name": "Ada King"}',
    },
  },
  {
    id: 'server-error',
    title: 'The view raises',
    goal: 'A KeyError in the view becomes a 500 JSON answer; the traceback stays in the log.',
    expectedStatus: 500,
    scenario: flask(LOGGING, ERRORS),
    request: { method: 'GET', url: `${API}/users/42/report` },
  },
  {
    id: 'unhandled-exception',
    title: 'Nobody catches the exception',
    goal: "With no error middleware the exception reaches the server: Flask's own HTML 500.",
    expectedStatus: 500,
    scenario: flask(LOGGING),
    request: { method: 'GET', url: `${API}/users/42/report` },
  },
  {
    id: 'cors-preflight',
    title: 'CORS preflight',
    goal: 'Before a cross-origin POST the browser asks with OPTIONS; CORS answers 204 at once.',
    expectedStatus: 204,
    scenario: flask(CORS, LOGGING),
    request: {
      method: 'OPTIONS',
      url: `${API}/users`,
      headers: {
        origin: FRONTEND,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    },
  },
  {
    id: 'options-automatic',
    title: 'OPTIONS without CORS',
    goal: 'No CORS middleware: Flask answers OPTIONS itself, 200 with an Allow header.',
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: { method: 'OPTIONS', url: `${API}/users/42` },
  },
  {
    id: 'compression',
    title: 'Gzip on the way out',
    goal: 'A 2 kB JSON list shrinks to a fraction: Content-Encoding gzip, new Content-Length.',
    expectedStatus: 200,
    scenario: flask(LOGGING, { kind: 'compression' }),
    request: { method: 'GET', url: `${API}/users` },
  },
  {
    id: 'login-session',
    title: 'Log in, get a session cookie',
    goal: 'The view stores the user in the session; on the way out it is signed into Set-Cookie.',
    expectedStatus: 200,
    scenario: flask(LOGGING, { kind: 'session' }),
    request: {
      method: 'POST',
      url: `${API}/login`,
      headers: JSON_BODY,
      body: '{"username": "ada", "password": "correct horse battery staple"}',
    },
  },
  {
    id: 'login-redirect',
    title: 'Log in, then a 302 to the dashboard',
    goal: 'The view saves the session and answers 302 Found; the browser stores the cookie and follows Location with a GET.',
    expectedStatus: 200,
    scenario: flask(LOGGING, { kind: 'session' }),
    request: {
      method: 'POST',
      url: `${API}/signin`,
      headers: JSON_BODY,
      body: '{"username": "ada", "password": "correct horse battery staple"}',
    },
  },
  {
    id: 'session-auth',
    title: 'Logged in by cookie',
    goal: 'The browser sends its session cookie; the session middleware loads it, auth trusts it.',
    expectedStatus: 200,
    scenario: {
      ...flask(LOGGING, { kind: 'session' }, { kind: 'auth', scheme: 'session' }),
      browser: {
        cookies: [
          {
            name: 'session',
            value: signedSessionCookie({ user: 'ada' }),
            domain: 'api.example.com',
            httpOnly: true,
          },
        ],
      },
    },
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'slow-database',
    title: '"My view is slow"',
    goal: "The view's own code takes about 3 ms; one unindexed query takes 300 ms of the wait.",
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: { method: 'GET', url: `${API}/users/42/orders` },
  },
  {
    id: 'external-service',
    title: 'Waiting on another API',
    goal: 'Placing an order calls the payment provider: most of the time is spent waiting on it.',
    expectedStatus: 201,
    scenario: flask(LOGGING),
    request: {
      method: 'POST',
      url: `${API}/orders`,
      headers: JSON_BODY,
      body: '{"product_id": 7, "quantity": 2}',
    },
  },
  {
    id: 'html-page',
    title: 'A rendered page',
    goal: 'The view renders a Jinja2 template: the response is HTML, not JSON.',
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: { method: 'GET', url: `${API}/users/42/profile` },
  },
  {
    id: 'raw-string',
    title: 'A view returns a bare string',
    goal: 'The view returns "User 42 is active" instead of JSON: it arrives as text/html, and a client that calls response.json() fails.',
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: {
      method: 'GET',
      url: `${API}/users/42/status`,
      headers: { accept: 'application/json' },
    },
  },
  {
    id: 'head-request',
    title: 'HEAD: headers only',
    goal: 'HEAD runs the GET view, but the server sends only the headers, no body.',
    expectedStatus: 200,
    scenario: flask(LOGGING),
    request: { method: 'HEAD', url: `${API}/users/42` },
  },
  {
    id: 'app-rate-limited',
    title: 'Rate limited by the app',
    goal: 'The app allows 5 requests a minute per client; this is the sixth: 429, Retry-After.',
    expectedStatus: 429,
    scenario: flask(LOGGING, { kind: 'rateLimit', limit: 5, windowSeconds: 60, used: 5 }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'logging-inside-auth',
    title: 'Order matters: logging inside auth',
    goal: 'Logging sits inside authentication, so the rejected request never reaches it: no log.',
    expectedStatus: 401,
    scenario: flask(AUTH, LOGGING),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'auth-after-router',
    title: 'Order matters: auth after the router',
    goal: 'Auth as a route-level hook still answers 401, but only after the router has matched.',
    expectedStatus: 401,
    scenario: flask(LOGGING, { kind: 'auth', position: 'after-router' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'authorization-before-auth',
    title: 'Order matters: authorization before authentication',
    goal: 'Authorization runs before anyone is identified, so even the admin is refused: 403.',
    expectedStatus: 403,
    scenario: flask(LOGGING, { kind: 'authorization' }, AUTH),
    request: {
      method: 'GET',
      url: `${API}/admin/stats`,
      headers: { authorization: 'Bearer ada-admin-token' },
    },
  },
  {
    id: 'cors-on-errors',
    title: 'Order matters: CORS outside error handling',
    goal: 'CORS wraps the error handler, so even the 500 carries Access-Control-Allow-Origin.',
    expectedStatus: 500,
    scenario: flask(LOGGING, CORS, ERRORS),
    request: { method: 'GET', url: `${API}/users/42/report`, headers: { origin: FRONTEND } },
  },
  {
    id: 'cors-missing-on-errors',
    title: 'Order matters: CORS inside error handling',
    goal: 'The exception unwinds past CORS; the 500 has no CORS header, so the browser hides it.',
    expectedStatus: 500,
    scenario: flask(LOGGING, ERRORS, CORS),
    request: { method: 'GET', url: `${API}/users/42/report`, headers: { origin: FRONTEND } },
  },
]
