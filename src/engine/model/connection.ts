import type { HttpResponse } from './http'
import { utf8Length } from './http'
import type { NetworkSpec } from './schema/network'
import { NETWORK_DEFAULTS } from './schema/network'

/**
 * What the world remembers between requests: the browser's DNS cache, open kept-alive
 * connections, TLS session tickets, cookie jar and HTTP cache, plus the little the reverse proxy
 * remembers (its rate-limit window and round-robin position). Pass a trace's `connection` into the
 * next `simulate` call to model a repeat visit; move `now` forward to let time pass in between.
 */
export interface ConnectionState {
  /** Virtual time at which the previous request finished. */
  readonly now: number
  /** The browser's own host cache (Chrome keeps answers for at most a minute). */
  readonly dnsCache: Readonly<Record<string, DnsEntry>>
  /** The operating system's resolver cache, which honours the record's full TTL. */
  readonly osDnsCache: Readonly<Record<string, DnsEntry>>
  /** Keyed by origin, e.g. `https://api.example.com`. */
  readonly connections: Readonly<Record<string, OpenConnection>>
  /** Session tickets by origin: a new connection can resume instead of a full handshake. */
  readonly tlsSessions: Readonly<Record<string, TlsSession>>
  readonly cookies: readonly Cookie[]
  /** Keyed by absolute URL. */
  readonly httpCache: Readonly<Record<string, CacheEntry>>
  readonly proxy: ProxyMemory
  /**
   * `Alt-Svc` answers by origin (`h3=":443"`): where the browser may use HTTP/3 next time.
   * Only page traces (`simulatePage`) read and write it.
   */
  readonly altSvc?: Readonly<
    Record<string, { readonly protocol: 'h3'; readonly expiresAt: number }>
  >
}

export interface DnsEntry {
  readonly address: string
  readonly expiresAt: number
}

export interface OpenConnection {
  readonly address: string
  readonly tls: '1.2' | '1.3' | null
  /** The protocol ALPN settled on (`h2` or `http/1.1`); `http/1.1` without TLS. */
  readonly alpn: string
  readonly requests: number
  /** Virtual time of the last request on it: an idle connection is closed by the server. */
  readonly lastUsed: number
}

/** How long a session ticket stays usable: nginx's `ssl_session_timeout` default. */
export const SESSION_TICKET_MS = 300_000

export interface TlsSession {
  readonly version: '1.2' | '1.3'
  readonly alpn: string
  readonly expiresAt: number
}

/** A cookie as the browser's jar holds it (RFC 6265 storage model, trimmed). */
export interface Cookie {
  readonly name: string
  readonly value: string
  readonly domain: string
  /** Without a `Domain` attribute the cookie goes back to that exact host only. */
  readonly hostOnly: boolean
  readonly path: string
  readonly secure: boolean
  /** Hidden from page scripts (`document.cookie`); still sent with requests. */
  readonly httpOnly: boolean
  /** Virtual time it expires; `null` for a session cookie. */
  readonly expiresAt: number | null
}

/** A stored response in the browser's HTTP cache. */
export interface CacheEntry {
  readonly url: string
  readonly response: HttpResponse
  readonly storedAt: number
  /** `Cache-Control: max-age`; `null` when absent, so the entry is stale at once. */
  readonly maxAgeSeconds: number | null
  /** `Cache-Control: no-cache`: stored, but revalidated before every use. */
  readonly noCache: boolean
  readonly etag?: string
  readonly lastModified?: string
}

/** The reverse proxy's memory: request times in its rate-limit window and its round-robin cursor. */
export interface ProxyMemory {
  readonly recentRequests: readonly number[]
  readonly nextWorker: number
}

export const emptyConnection = (): ConnectionState => ({
  now: 0,
  dnsCache: {},
  osDnsCache: {},
  connections: {},
  tlsSessions: {},
  cookies: [],
  httpCache: {},
  proxy: { recentRequests: [], nextWorker: 0 },
})

/**
 * The state a scenario starts from when no `connection` is passed: empty, except for the
 * cookies and cached responses in `scenario.browser` and the proxy's `rateLimit.recentRequests`.
 */
export const initialConnection = (scenario: NetworkSpec): ConnectionState => {
  const empty = emptyConnection()
  const recent = scenario.proxy.rateLimit?.recentRequests ?? 0
  const { cookies = [], cache = [], tlsSessions = [] } = scenario.browser ?? {}
  if (recent === 0 && cookies.length === 0 && cache.length === 0 && tlsSessions.length === 0)
    return empty
  const tickets: Record<string, TlsSession> = {}
  for (const seed of tlsSessions)
    tickets[`https://${seed.host}`] = {
      version: scenario.tls.version,
      alpn: scenario.tls.alpn ?? NETWORK_DEFAULTS.alpn,
      expiresAt: SESSION_TICKET_MS - (seed.ageSeconds ?? 0) * 1000,
    }
  const httpCache: Record<string, CacheEntry> = {}
  for (const seed of cache) {
    const headers: Record<string, string> = {
      'content-type': seed.contentType ?? 'application/octet-stream',
      'content-length': String(utf8Length(seed.body)),
    }
    if (seed.maxAgeSeconds !== undefined) headers['cache-control'] = `max-age=${seed.maxAgeSeconds}`
    if (seed.etag !== undefined) headers.etag = seed.etag
    if (seed.lastModified !== undefined) headers['last-modified'] = seed.lastModified
    httpCache[seed.url] = {
      url: seed.url,
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        headers,
        body: seed.body,
      },
      storedAt: -(seed.ageSeconds ?? 0) * 1000,
      maxAgeSeconds: seed.maxAgeSeconds ?? null,
      noCache: false,
      ...(seed.etag === undefined ? {} : { etag: seed.etag }),
      ...(seed.lastModified === undefined ? {} : { lastModified: seed.lastModified }),
    }
  }
  return {
    ...empty,
    cookies: cookies.map((seed) => ({
      name: seed.name,
      value: seed.value,
      domain: seed.domain,
      hostOnly: true,
      path: seed.path ?? '/',
      secure: seed.secure ?? false,
      httpOnly: seed.httpOnly ?? false,
      expiresAt: null,
    })),
    httpCache,
    tlsSessions: tickets,
    proxy: { recentRequests: Array.from({ length: recent }, () => 0), nextWorker: 0 },
  }
}
