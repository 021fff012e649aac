import * as v from 'valibot'
import type { NetworkConditions, NetworkPresetId } from '../network'
import { NETWORK_PRESETS } from '../network'
import type { Assert, Parsed, ParsedFields, Same } from './validate'
import {
  TOKEN,
  arr,
  bool,
  dict,
  httpUrl,
  matches,
  num,
  obj,
  oneOf,
  parsedUrl,
  pattern,
  sitePath,
  str,
  text,
} from './validate'

/** The redirect statuses a browser follows. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const

/** The values the optional network fields take when a scenario leaves them out. */
export const NETWORK_DEFAULTS = {
  alpn: 'http/1.1',
  certificate: 'valid',
  sessionTickets: true,
  earlyData: false,
  balancing: 'round-robin',
  status: 'running',
  upstream: 'up',
  /** How long a request waits for a free worker when the upstream is `slow`. */
  upstreamDelayMs: 2000,
  /** nginx's `proxy_read_timeout` default. */
  timeoutMs: 60_000,
  /** nginx's `client_max_body_size` default, 1m. */
  maxBodyBytes: 1_048_576,
  httpsRedirect: false,
} as const

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/

const IPV4_PROBLEM = 'must be an IPv4 address such as "93.184.216.34"'
const host = pattern(HOST, 'is not a valid host name')
const seconds = num(0, 31_536_000)

/** An absolute http(s) URL, normalized (`https://A.com` → `https://a.com/`). */
const absoluteUrl = v.pipe(
  str,
  v.check(
    (url) => parsedUrl(url) !== null,
    'must be an absolute URL such as "https://api.example.com/"',
  ),
  v.check((url) => httpUrl(url) !== null, 'must be an http:// or https:// URL'),
  v.transform((url) => new URL(url).href),
)

const Network = obj({
  preset: oneOf(Object.keys(NETWORK_PRESETS) as NetworkPresetId[]),
  rttMs: v.optional(num(0, 10_000)),
  bandwidthMbps: v.optional(num(0.01, 100_000)),
})

/** Every optional field below is optional in the JSON too; `NETWORK_DEFAULTS` holds the default. */
const Tls = obj({
  version: oneOf(['1.2', '1.3']),
  /** The protocol the server picks from the browser's ALPN offer (`h2`, `http/1.1`). */
  alpn: v.optional(oneOf(['h2', 'http/1.1'])),
  /** The certificate the server presents: `expired` and `wrong-host` fail the handshake. */
  certificate: v.optional(oneOf(['valid', 'expired', 'wrong-host'])),
  /** Whether the server hands out session tickets, so a later connection can resume. */
  sessionTickets: v.optional(bool),
  /** TLS 1.3 0-RTT: a resumed connection sends a GET or HEAD along with its ClientHello. */
  earlyData: v.optional(bool),
})

const StaticFile = obj({
  contentType: str,
  body: text,
  /** Defaults to an nginx-style tag computed from the body, e.g. `"5f1a2b3c-1e4"`. */
  etag: v.optional(str),
  /** An HTTP date, e.g. `Mon, 02 Jun 2025 09:00:00 GMT`. */
  lastModified: v.optional(str),
})

const Proxy = obj({
  software: oneOf(['nginx', 'caddy']),
  workers: num(1, 64),
  /** How the proxy spreads requests over the workers (nginx's default is round-robin). */
  balancing: v.optional(oneOf(['round-robin', 'random'])),
  /** `stopped`: nothing listens, the TCP connection is refused. `maintenance`: every request gets 503. */
  status: v.optional(oneOf(['running', 'stopped', 'maintenance'])),
  /**
   * `down`: the app server is not listening (502). `reset`: it dies mid-response (502). `slow`:
   * every worker is busy, so the request waits `upstreamDelayMs` in the listen backlog first.
   */
  upstream: v.optional(oneOf(['up', 'down', 'reset', 'slow'])),
  /** With `upstream: 'slow'`: how long the request waits for a free worker. */
  upstreamDelayMs: v.optional(num(1, 120_000)),
  /** How long the proxy waits for the app's response before answering 504 (`proxy_read_timeout`). */
  timeoutMs: v.optional(num(1, 3_600_000)),
  /** The largest request body the proxy accepts (`client_max_body_size`); larger gets 413. */
  maxBodyBytes: v.optional(num(0, 10_737_418_240)),
  /** Answer every `http://` request with a 301 to the same `https://` URL. */
  httpsRedirect: v.optional(bool),
  /** At most `limit` requests per client in any `windowSeconds`; the next one gets 429. */
  rateLimit: v.optional(
    obj({
      limit: num(1, 1_000_000),
      windowSeconds: num(1, 86_400),
      /** Requests this client already made in the current window when the scenario starts. */
      recentRequests: v.optional(num(0, 1_000_000)),
    }),
  ),
  /** Files the proxy serves itself from disk, under a path prefix such as `/static/`. */
  static: v.optional(
    obj({
      prefix: v.pipe(sitePath, matches(/\/$/, 'must end with "/", e.g. "/static/"')),
      /** Sent as `Cache-Control: max-age` (nginx's `expires`). */
      maxAgeSeconds: v.optional(seconds),
      /** Path under the prefix (`app.css`) → file. */
      files: dict(
        v.pipe(
          v.string(),
          matches(/^[^/]/, 'must be a path under the prefix without a leading "/", e.g. "app.css"'),
        ),
        StaticFile,
      ),
    }),
  ),
  /** Exact paths the proxy answers with a redirect itself (nginx `location = /old { return 301 … }`). */
  redirects: v.optional(dict(sitePath, obj({ status: oneOf(REDIRECT_STATUSES), location: str }))),
})

const CookieSeed = obj({
  name: pattern(TOKEN, 'must be a cookie name without spaces or separators'),
  value: v.pipe(
    v.string('must be a string without spaces or ";"'),
    matches(/^[^;\s]*$/, 'must be a string without spaces or ";"'),
  ),
  domain: host,
  path: v.optional(sitePath),
  httpOnly: v.optional(bool),
  secure: v.optional(bool),
})

/** A response the browser cached some time before the scenario starts. */
export const CacheSeed = obj({
  url: absoluteUrl,
  body: text,
  contentType: v.optional(str),
  etag: v.optional(str),
  lastModified: v.optional(str),
  /** Omitted: no `max-age`, so the entry must always be revalidated. */
  maxAgeSeconds: v.optional(seconds),
  /** How long ago it was stored. */
  ageSeconds: v.optional(seconds),
})

/**
 * A TLS session ticket the browser kept from an earlier visit to `https://<host>` (a returning
 * visitor whose connection has since closed): the next handshake can resume, and with
 * `tls.earlyData` send a GET as 0-RTT early data. Tickets outlive nginx's `ssl_session_timeout`
 * (5 minutes) only on paper: an older one is refused and the handshake is a full one.
 */
const TlsSessionSeed = obj({
  host,
  /** How long ago the ticket was issued. */
  ageSeconds: v.optional(seconds),
})

/** What the browser already holds when no `connection` is passed to `simulate`. */
const Browser = obj({
  cookies: v.optional(arr(CookieSeed)),
  cache: v.optional(arr(CacheSeed)),
  tlsSessions: v.optional(arr(TlsSessionSeed)),
})

/** The browser-side and network part of a scenario: link, DNS, TLS, reverse proxy, browser. */
export const networkEntries = {
  network: Network,
  /** Host name → IPv4 address. A host missing here does not resolve (NXDOMAIN). */
  dns: dict(
    v.pipe(v.string(), matches(HOST, 'is not a valid host name')),
    v.pipe(v.string(IPV4_PROBLEM), matches(IPV4, IPV4_PROBLEM)),
  ),
  tls: Tls,
  proxy: Proxy,
  browser: v.optional(Browser),
}

export type NetworkSpec = ParsedFields<typeof networkEntries>
export type TlsSpec = Parsed<typeof Tls>
export type StaticFileSpec = Parsed<typeof StaticFile>
export type ProxySpec = Parsed<typeof Proxy>
export type CookieSeed = Parsed<typeof CookieSeed>
type CacheSeed = Parsed<typeof CacheSeed>
export type BrowserSpec = Parsed<typeof Browser>

/** `NetworkConditions` is declared beside the presets; the schema must read exactly that. */
type _SchemaMatchesNetworkConditions = Assert<Same<Parsed<typeof Network>, NetworkConditions>>
