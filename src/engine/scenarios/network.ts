import type { RouteSpec, Scenario } from '../model/scenario'
import type { NetworkSpec } from '../model/schema/network'
import { utf8Length } from '../model/http'
import { nginxEtag } from '../http/etag'
import { demoApp } from './demoApp'
import type { CuratedScenario } from './types'

const API = 'https://api.example.com'

/** The demo app with some of its network side changed. */
const variant = (changes: Partial<NetworkSpec>): Scenario => ({ ...demoApp, ...changes })
const withProxy = (changes: Partial<Scenario['proxy']>): Scenario =>
  variant({ proxy: { ...demoApp.proxy, ...changes } })
const withTls = (changes: Partial<Scenario['tls']>): Scenario =>
  variant({ tls: { ...demoApp.tls, ...changes } })

const CSS = `body { font-family: system-ui, sans-serif; margin: 0 }
.user-card { padding: 1rem; border-radius: 8px; box-shadow: 0 1px 3px #0003 }
`
const CSS_MODIFIED = 'Mon, 26 May 2025 08:00:00 GMT'
/** The tag nginx gives app.css, which the browser's cached copy also carries. */
const CSS_ETAG = nginxEtag(CSS_MODIFIED, utf8Length(CSS))

/** nginx serving the front end's files from /static/ with `expires 1h`. */
const staticFiles = withProxy({
  static: {
    prefix: '/static/',
    maxAgeSeconds: 3600,
    files: {
      'app.css': { contentType: 'text/css', body: CSS, lastModified: CSS_MODIFIED },
      'app.js': {
        contentType: 'application/javascript',
        body: "fetch('/users/42').then((r) => r.json()).then(render)\n",
      },
    },
  },
})

const cachedCss = (ageSeconds: number): Scenario => ({
  ...staticFiles,
  browser: {
    cache: [
      {
        url: `${API}/static/app.css`,
        body: CSS,
        contentType: 'text/css',
        etag: CSS_ETAG,
        lastModified: CSS_MODIFIED,
        maxAgeSeconds: 3600,
        ageSeconds,
      },
    ],
  },
})

const userRoute: RouteSpec = demoApp.routes[0]!
/** A report whose query scans a large table: slower than the proxy is willing to wait. */
const slowReport: Scenario = {
  ...withProxy({ timeoutMs: 3000 }),
  routes: [
    ...demoApp.routes,
    {
      ...userRoute,
      pattern: '/reports/<int:year>',
      endpoint: 'yearly_report',
      handler: {
        ...userRoute.handler,
        body: { year: '{year}', orders: 18234, revenue: 912345.5 },
        queries: [
          {
            sql: 'SELECT date_trunc(%s, created), sum(total) FROM orders GROUP BY 1',
            ms: 4200,
            rows: 12,
          },
        ],
      },
    },
  ],
}

/** A base64 image bigger than the proxy's 16 KiB body limit. */
const AVATAR = `{"avatar":"data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAA'.repeat(1000)}"}`

/** Scenarios about the network side: DNS, TCP, TLS, the reverse proxy and the browser's memory. */
export const networkScenarios: readonly CuratedScenario[] = [
  {
    id: 'redirect',
    title: 'http:// redirected to https://',
    goal: 'nginx answers the plain-http request with a 301; the browser follows it to a 200 over TLS.',
    expectedStatus: 200,
    scenario: withProxy({ httpsRedirect: true }),
    request: { method: 'GET', url: 'http://api.example.com/users/42' },
  },
  {
    id: 'redirect-same-origin',
    title: 'A moved path',
    goal: 'A 301 to another path on the same site reuses the open connection for the second request.',
    expectedStatus: 200,
    scenario: withProxy({ redirects: { '/u/42': { status: 301, location: '/users/42' } } }),
    request: { method: 'GET', url: `${API}/u/42` },
  },
  {
    id: 'not-modified',
    title: 'Revalidate a stale cached file',
    goal: 'The cached app.css is stale; If-None-Match gets a bodiless 304 and the browser reuses its copy.',
    expectedStatus: 304,
    scenario: cachedCss(7200),
    request: { method: 'GET', url: `${API}/static/app.css` },
  },
  {
    id: 'cache-fresh',
    title: 'A fresh cached file',
    goal: 'A copy still within its max-age is used at once: no DNS, no connection, no request sent.',
    expectedStatus: 200,
    scenario: cachedCss(600),
    request: { method: 'GET', url: `${API}/static/app.css` },
  },
  {
    id: 'static-file',
    title: 'A static file',
    goal: 'nginx serves /static/app.css from disk itself: the request never reaches Python.',
    expectedStatus: 200,
    scenario: staticFiles,
    request: { method: 'GET', url: `${API}/static/app.css` },
  },
  {
    id: 'cookie-jar',
    title: 'Cookies from the jar',
    goal: 'The browser attaches only the cookies whose path matches; an HttpOnly one is sent too.',
    expectedStatus: 200,
    scenario: variant({
      browser: {
        cookies: [
          { name: 'sessionid', value: 'k3q9x1', domain: 'api.example.com', httpOnly: true },
          { name: 'theme', value: 'dark', domain: 'api.example.com', path: '/users' },
          { name: 'admin_view', value: 'compact', domain: 'api.example.com', path: '/admin' },
        ],
      },
    }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'rate-limited',
    title: 'Too many requests',
    goal: 'This client already used its 10 requests a minute: nginx answers 429 with Retry-After.',
    expectedStatus: 429,
    scenario: withProxy({ rateLimit: { limit: 10, windowSeconds: 60, recentRequests: 10 } }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'payload-too-large',
    title: 'Upload over the body limit',
    goal: 'The body is larger than client_max_body_size: nginx answers 413 before Python sees it.',
    expectedStatus: 413,
    scenario: withProxy({ maxBodyBytes: 16_384 }),
    request: {
      method: 'POST',
      url: `${API}/users/42/avatar`,
      headers: { 'Content-Type': 'application/json' },
      body: AVATAR,
    },
  },
  {
    id: 'bad-gateway',
    title: 'The app server is down',
    goal: 'Nothing listens behind nginx: it cannot connect upstream and answers 502 itself.',
    expectedStatus: 502,
    scenario: withProxy({ upstream: 'down' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'connection-reset',
    title: 'The app crashes mid-response',
    goal: 'The view runs, but the worker dies while replying: nginx reads a reset and answers 502.',
    expectedStatus: 502,
    scenario: withProxy({ upstream: 'reset' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'service-unavailable',
    title: 'Down for maintenance',
    goal: 'nginx answers every request with 503 and Retry-After while the app is being updated.',
    expectedStatus: 503,
    scenario: withProxy({ status: 'maintenance' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'gateway-timeout',
    title: 'A report slower than the proxy waits',
    goal: 'The query takes over 4 s and nginx gives up after 3 s: 504, though the view kept working.',
    expectedStatus: 504,
    scenario: slowReport,
    request: { method: 'GET', url: `${API}/reports/2025` },
  },
  {
    id: 'overloaded-server',
    title: 'Every worker busy',
    goal: 'All 4 workers are busy: the request waits 2.5 s for one, then a fast view answers 200. Lower the proxy’s wait in the App tab for a 504.',
    expectedStatus: 200,
    scenario: withProxy({ upstream: 'slow', upstreamDelayMs: 2500 }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'dns-failure',
    title: 'A typo in the host name',
    goal: 'api.exmaple.com does not exist: DNS answers NXDOMAIN and no connection is ever made.',
    expectedStatus: null,
    scenario: demoApp,
    request: { method: 'GET', url: 'https://api.exmaple.com/users/42' },
  },
  {
    id: 'connection-refused',
    title: 'Nothing listening',
    goal: 'The proxy is stopped: the server answers the SYN with RST and the browser reports it.',
    expectedStatus: null,
    scenario: withProxy({ status: 'stopped' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'tls-certificate-error',
    title: 'An expired certificate',
    goal: 'The certificate expired in April: the browser aborts the handshake before any HTTP is sent.',
    expectedStatus: null,
    scenario: withTls({ certificate: 'expired' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'tls-wrong-host',
    title: 'A certificate for another name',
    goal: 'The certificate covers example.com, not api.example.com: the handshake is aborted.',
    expectedStatus: null,
    scenario: withTls({ certificate: 'wrong-host' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'tls12-handshake',
    title: 'TLS 1.2: two round trips',
    goal: 'The older TLS 1.2 handshake needs a second round trip before the request can go.',
    expectedStatus: 200,
    scenario: withTls({ version: '1.2' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'tls-resumption',
    title: 'A returning visitor: TLS resumes with 0-RTT',
    goal: 'The browser kept a session ticket from a visit 90 s ago: the handshake skips the certificate, and the GET rides in the ClientHello as early data.',
    expectedStatus: 200,
    scenario: {
      ...withTls({ earlyData: true }),
      browser: { tlsSessions: [{ host: 'api.example.com', ageSeconds: 90 }] },
    },
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'http2-alpn',
    title: 'HTTP/2 chosen by ALPN',
    goal: 'During the handshake the server picks h2: the browser speaks HTTP/2 to nginx, nginx HTTP/1.1 to the app.',
    expectedStatus: 200,
    scenario: withTls({ alpn: 'h2' }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
  {
    id: 'slow-network',
    title: 'The same request on 3G',
    goal: 'On a 200 ms round trip the handshakes, not the view, take most of the time.',
    expectedStatus: 200,
    scenario: variant({ network: { preset: '3g' } }),
    request: { method: 'GET', url: `${API}/users/42` },
  },
]
