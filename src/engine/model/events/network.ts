import type { CookieChange } from '../../http/cookies'
import type { HttpVersion } from '../http'

type TlsVersion = '1.2' | '1.3'
type Validators = { etag: string | null; lastModified: string | null }

/**
 * Payloads of the browser-side and network events: client, DNS, TCP, TLS, reverse proxy.
 * A trace may hold several round trips (a followed redirect): each starts at `client:parse-url`.
 */
export interface NetworkEventPayloads {
  'client:parse-url': {
    url: string
    scheme: 'http' | 'https'
    host: string
    port: number
    path: string
    query: string
    /** 0 for the request as sent, 1 for the first followed redirect, and so on. */
    hop: number
  }
  /** A fresh cached copy answers at once: no DNS, no TCP, nothing leaves the browser. */
  'client:cache-hit': { url: string; ageSeconds: number; maxAgeSeconds: number; bytes: number }
  /** A stale (or `no-cache`) copy with validators: ask the server whether it changed. */
  'client:cache-revalidate': Validators & {
    url: string
    ageSeconds: number
    maxAgeSeconds: number | null
    headersAdded: string[]
  }
  'client:attach-cookies': { cookies: { name: string; path: string; httpOnly: boolean }[] }
  'client:build-request': { headersAdded: string[] }
  'client:receive': { bytes: number }
  'client:store-cookies': { changes: CookieChange[] }
  'client:cache-store': Validators & { url: string; maxAgeSeconds: number | null; noCache: boolean }
  /** After a 304: the body comes from the cache. The trace's response stays the 304 as received. */
  'client:cache-use': { url: string; status: number; bytes: number; body: string }
  'client:redirect': {
    status: number
    from: string
    to: string
    method: string
    /** 303, or 301/302 after a POST: the browser switches to GET and drops the body. */
    methodChanged: boolean
    sameOrigin: boolean
    /** Redirects followed so far in this trace, this one included. */
    redirects: number
  }
  'client:complete': { status: number; statusText: string }
  'client:network-error': { code: string }
  'dns:cache-miss': { host: string; caches: ('browser' | 'os')[] }
  'dns:cache-hit': { cache: 'browser' | 'os'; host: string; address: string; ttlLeft: number }
  'dns:query': {
    server: 'resolver' | 'root' | 'tld' | 'authoritative'
    host: string
    answer: string
  }
  'dns:answer': { host: string; address: string; ttl: number }
  'dns:nxdomain': { host: string }
  'tcp:idle-closed': { address: string; idleMs: number; timeoutMs: number }
  'tcp:syn': { port: number; address: string }
  'tcp:syn-ack': { port: number; address: string }
  'tcp:ack': { port: number; address: string }
  /** Nothing listens on the port: the server's kernel answers the SYN with RST. */
  'tcp:refused': { port: number; address: string }
  'tcp:reuse': { address: string; requestsOnConnection: number }
  'tcp:keep-alive': { address: string }
  /**
   * The connection is torn down: the request failed below HTTP (`code` is the browser's error),
   * or the server answered with `Connection: close` (`code` is null).
   */
  'tcp:close': { address: string; code: string | null }
  'tls:client-hello': {
    offeredVersions: string[]
    alpn: string[]
    serverName: string
    /** A session ticket from an earlier connection is offered. */
    resumption: boolean
    earlyData: boolean
  }
  'tls:server-hello': { version: TlsVersion; cipher: string; alpn: string; resumed: boolean }
  'tls:certificate': {
    subject: string
    /** Subject Alternative Names: the hosts the certificate is valid for. */
    names: string[]
    issuer: string
    validFrom: string
    validUntil: string
    problem: 'expired' | 'wrong-host' | null
  }
  /** The browser aborts the handshake with a TLS alert; no HTTP is ever sent. */
  'tls:alert': { alert: 'certificate_expired' | 'bad_certificate'; code: string }
  'tls:finished': { version: TlsVersion; roundTrips: number; resumed: boolean; earlyData: boolean }
  'tls:reuse': { version: TlsVersion; alpn: string }
  'tls:decrypt': { bytes: number }
  'proxy:receive': {
    software: string
    bytes: number
    /** Of the event's time, how long writing the request's bytes took (DevTools' Request sent). */
    wireMs: number
    terminatedTls: boolean
    httpVersion: HttpVersion
  }
  'proxy:redirect': { status: number; location: string; reason: 'https' | 'configured' }
  'proxy:maintenance': { retryAfter: number }
  'proxy:body-too-large': { bytes: number; limit: number }
  'proxy:rate-limit': {
    allowed: boolean
    limit: number
    windowSeconds: number
    /** Requests from this client in the window, this one included. */
    used: number
    retryAfter: number | null
  }
  'proxy:static': {
    path: string
    file: string
    status: number
    contentType: string | null
    bytes: number
    etag: string | null
    notModified: boolean
  }
  'proxy:forward': {
    upstream: string
    worker: number
    workers: number
    balancing: 'round-robin' | 'random'
    headersAdded: string[]
  }
  'proxy:upstream-error': {
    upstream: string
    error: 'connection-refused' | 'timeout' | 'connection-reset'
    status: 502 | 504
    /** The line the proxy writes to its error log. */
    log: string
    /** How long the proxy waited on the upstream, on the simulation's clock. */
    waitedMs: number
    /** The proxy's read timeout (`proxy_read_timeout`). */
    timeoutMs: number
  }
  'proxy:send': { software: string; headersChanged: string[]; httpVersion: HttpVersion }
}
