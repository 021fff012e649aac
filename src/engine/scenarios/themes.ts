/** The library's shelves, in the order it shows them. */
export const LIBRARY_THEMES = [
  { id: 'basics', label: 'Basics' },
  { id: 'status-codes', label: 'Status codes' },
  { id: 'network', label: 'Network and connections' },
  { id: 'middleware-order', label: 'Middleware order' },
  { id: 'performance', label: 'Performance' },
  { id: 'security', label: 'Security' },
] as const

export type ThemeId = (typeof LIBRARY_THEMES)[number]['id']

/**
 * The one theme each curated scenario is shelved under. A map beside the scenarios rather than a
 * field on them, so adding a theme never touches the scenario data; a unit test checks that every
 * scenario has exactly one entry here.
 */
export const SCENARIO_THEMES: Readonly<Record<string, ThemeId>> = {
  // Basics: one request, the usual methods, the three framework profiles.
  'get-user': 'basics',
  'create-user': 'basics',
  'delete-user': 'basics',
  'update-user': 'basics',
  'html-page': 'basics',
  'raw-string': 'basics',
  'head-request': 'basics',
  'fastapi-get-user': 'basics',
  'django-get-user': 'basics',
  'options-automatic': 'basics',

  // Status codes: who answers which error, and why.
  'not-found': 'status-codes',
  'method-not-allowed': 'status-codes',
  'bad-request': 'status-codes',
  'unsupported-media-type': 'status-codes',
  'validation-error': 'status-codes',
  'fastapi-path-validation': 'status-codes',
  'django-form-error': 'status-codes',
  'csrf-forged-post': 'status-codes',
  'csrf-token': 'status-codes',
  'server-error': 'status-codes',
  'unhandled-exception': 'status-codes',
  'redirect-same-origin': 'status-codes',
  'login-redirect': 'status-codes',
  'payload-too-large': 'status-codes',
  'bad-gateway': 'status-codes',
  'connection-reset': 'status-codes',
  'service-unavailable': 'status-codes',
  'gateway-timeout': 'status-codes',

  // Network and connections: DNS, TCP, TLS, the proxy and the browser's own memory.
  redirect: 'network',
  'not-modified': 'network',
  'cache-fresh': 'network',
  'static-file': 'network',
  'dns-failure': 'network',
  'connection-refused': 'network',
  'tls12-handshake': 'network',
  'tls-resumption': 'network',
  'http2-alpn': 'network',

  // Middleware order: the onion, and what goes wrong when its layers swap.
  'logging-inside-auth': 'middleware-order',
  'auth-after-router': 'middleware-order',
  'authorization-before-auth': 'middleware-order',
  'cors-on-errors': 'middleware-order',
  'cors-missing-on-errors': 'middleware-order',
  'cors-preflight': 'middleware-order',

  // Performance: where the milliseconds really go.
  'slow-network': 'performance',
  'slow-database': 'performance',
  'overloaded-server': 'performance',
  'external-service': 'performance',
  compression: 'performance',

  // Security: who may ask, how often, and over what.
  unauthorized: 'security',
  forbidden: 'security',
  'rate-limited': 'security',
  'app-rate-limited': 'security',
  'tls-certificate-error': 'security',
  'tls-wrong-host': 'security',
  'cookie-jar': 'security',
  'login-session': 'security',
  'session-auth': 'security',
  'session-not-shared': 'security',
}

/** The theme a scenario is shelved under; `basics` for one a later change forgot to shelve. */
export const themeOf = (scenarioId: string): ThemeId => SCENARIO_THEMES[scenarioId] ?? 'basics'
