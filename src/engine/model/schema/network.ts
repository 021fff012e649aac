import type { NetworkConditions, NetworkPresetId } from '../network'
import { NETWORK_PRESETS } from '../network'
import type { Obj } from './validate'
import { ScenarioError, array, boolean, number, object, oneOf, string } from './validate'

/** The redirect statuses a browser follows. */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number]

/** The browser-side and network part of a scenario: link, DNS, TLS, reverse proxy, browser. */
export interface NetworkSpec {
  readonly network: NetworkConditions
  /** Host name → IPv4 address. A host missing here does not resolve (NXDOMAIN). */
  readonly dns: Readonly<Record<string, string>>
  readonly tls: TlsSpec
  readonly proxy: ProxySpec
  /** What the browser already holds when no `connection` is passed to `simulate`. */
  readonly browser?: BrowserSpec
}

/** Every optional field below is optional in the JSON too; `NETWORK_DEFAULTS` holds the default. */
export interface TlsSpec {
  readonly version: '1.2' | '1.3'
  /** The protocol the server picks from the browser's ALPN offer (`h2`, `http/1.1`). */
  readonly alpn?: 'h2' | 'http/1.1'
  /** The certificate the server presents: `expired` and `wrong-host` fail the handshake. */
  readonly certificate?: 'valid' | 'expired' | 'wrong-host'
  /** Whether the server hands out session tickets, so a later connection can resume. */
  readonly sessionTickets?: boolean
  /** TLS 1.3 0-RTT: a resumed connection sends a GET or HEAD along with its ClientHello. */
  readonly earlyData?: boolean
}

export interface StaticFileSpec {
  readonly contentType: string
  readonly body: string
  /** Defaults to an nginx-style tag computed from the body, e.g. `"5f1a2b3c-1e4"`. */
  readonly etag?: string
  /** An HTTP date, e.g. `Mon, 02 Jun 2025 09:00:00 GMT`. */
  readonly lastModified?: string
}

export interface ProxySpec {
  readonly software: 'nginx' | 'caddy'
  readonly workers: number
  /** How the proxy spreads requests over the workers (nginx's default is round-robin). */
  readonly balancing?: 'round-robin' | 'random'
  /** `stopped`: nothing listens, the TCP connection is refused. `maintenance`: every request gets 503. */
  readonly status?: 'running' | 'stopped' | 'maintenance'
  /**
   * `down`: the app server is not listening (502). `reset`: it dies mid-response (502). `slow`:
   * every worker is busy, so the request waits `upstreamDelayMs` in the listen backlog first.
   */
  readonly upstream?: 'up' | 'down' | 'reset' | 'slow'
  /** With `upstream: 'slow'`: how long the request waits for a free worker. */
  readonly upstreamDelayMs?: number
  /** How long the proxy waits for the app's response before answering 504 (`proxy_read_timeout`). */
  readonly timeoutMs?: number
  /** The largest request body the proxy accepts (`client_max_body_size`); larger gets 413. */
  readonly maxBodyBytes?: number
  /** Answer every `http://` request with a 301 to the same `https://` URL. */
  readonly httpsRedirect?: boolean
  /** At most `limit` requests per client in any `windowSeconds`; the next one gets 429. */
  readonly rateLimit?: {
    readonly limit: number
    readonly windowSeconds: number
    /** Requests this client already made in the current window when the scenario starts. */
    readonly recentRequests?: number
  }
  /** Files the proxy serves itself from disk, under a path prefix such as `/static/`. */
  readonly static?: {
    readonly prefix: string
    /** Sent as `Cache-Control: max-age` (nginx's `expires`). */
    readonly maxAgeSeconds?: number
    /** Path under the prefix (`app.css`) → file. */
    readonly files: Readonly<Record<string, StaticFileSpec>>
  }
  /** Exact paths the proxy answers with a redirect itself (nginx `location = /old { return 301 … }`). */
  readonly redirects?: Readonly<
    Record<string, { readonly status: RedirectStatus; readonly location: string }>
  >
}

export interface CookieSeed {
  readonly name: string
  readonly value: string
  readonly domain: string
  readonly path?: string
  readonly httpOnly?: boolean
  readonly secure?: boolean
}

/** A response the browser cached some time before the scenario starts. */
export interface CacheSeed {
  readonly url: string
  readonly body: string
  readonly contentType?: string
  readonly etag?: string
  readonly lastModified?: string
  /** Omitted: no `max-age`, so the entry must always be revalidated. */
  readonly maxAgeSeconds?: number
  /** How long ago it was stored. */
  readonly ageSeconds?: number
}

export interface BrowserSpec {
  readonly cookies?: readonly CookieSeed[]
  readonly cache?: readonly CacheSeed[]
}

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
/** A cookie name is an RFC 6265 token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `{ key: parse(value) }` when the field is present, `{}` when absent: defaults stay implicit. */
const optional = <K extends string, T>(
  key: K,
  value: unknown,
  parse: (value: unknown) => T,
): { [P in K]?: T } => (value === undefined ? {} : ({ [key]: parse(value) } as { [P in K]?: T }))

const absoluteUrl = (value: unknown, path: string): string => {
  const text = string(value, path)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new ScenarioError(path, 'must be an absolute URL such as "https://api.example.com/"')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ScenarioError(path, 'must be an http:// or https:// URL')
  return url.href
}

const sitePath = (value: unknown, path: string): string => {
  const text = string(value, path)
  if (!text.startsWith('/')) throw new ScenarioError(path, 'must start with "/"')
  return text
}

const parseNetwork = (value: unknown): NetworkConditions => {
  const n = object(value, 'network')
  return {
    preset: oneOf(n.preset, 'network.preset', Object.keys(NETWORK_PRESETS) as NetworkPresetId[]),
    ...optional('rttMs', n.rttMs, (v) => number(v, 'network.rttMs', 0, 10_000)),
    ...optional('bandwidthMbps', n.bandwidthMbps, (v) =>
      number(v, 'network.bandwidthMbps', 0.01, 100_000),
    ),
  }
}

const parseTls = (value: unknown): TlsSpec => {
  const t = object(value, 'tls')
  return {
    version: oneOf(t.version, 'tls.version', ['1.2', '1.3'] as const),
    ...optional('alpn', t.alpn, (v) => oneOf(v, 'tls.alpn', ['h2', 'http/1.1'] as const)),
    ...optional('certificate', t.certificate, (v) =>
      oneOf(v, 'tls.certificate', ['valid', 'expired', 'wrong-host'] as const),
    ),
    ...optional('sessionTickets', t.sessionTickets, (v) => boolean(v, 'tls.sessionTickets')),
    ...optional('earlyData', t.earlyData, (v) => boolean(v, 'tls.earlyData')),
  }
}

const parseStaticFile = (value: unknown, path: string): StaticFileSpec => {
  const f = object(value, path)
  if (typeof f.body !== 'string') throw new ScenarioError(`${path}.body`, 'must be a string')
  return {
    contentType: string(f.contentType, `${path}.contentType`),
    body: f.body,
    ...optional('etag', f.etag, (v) => string(v, `${path}.etag`)),
    ...optional('lastModified', f.lastModified, (v) => string(v, `${path}.lastModified`)),
  }
}

const parseStatic = (value: unknown): NonNullable<ProxySpec['static']> => {
  const s = object(value, 'proxy.static')
  const prefix = sitePath(s.prefix, 'proxy.static.prefix')
  if (!prefix.endsWith('/'))
    throw new ScenarioError('proxy.static.prefix', 'must end with "/", e.g. "/static/"')
  const files: Record<string, StaticFileSpec> = {}
  for (const [name, file] of Object.entries(object(s.files, 'proxy.static.files'))) {
    if (name === '' || name.startsWith('/'))
      throw new ScenarioError(
        `proxy.static.files.${name}`,
        'must be a path under the prefix without a leading "/", e.g. "app.css"',
      )
    files[name] = parseStaticFile(file, `proxy.static.files.${name}`)
  }
  return {
    prefix,
    ...optional('maxAgeSeconds', s.maxAgeSeconds, (v) =>
      number(v, 'proxy.static.maxAgeSeconds', 0, 31_536_000),
    ),
    files,
  }
}

const parseRedirects = (value: unknown): NonNullable<ProxySpec['redirects']> => {
  const out: Record<string, { status: RedirectStatus; location: string }> = {}
  for (const [from, target] of Object.entries(object(value, 'proxy.redirects'))) {
    const path = `proxy.redirects.${from}`
    sitePath(from, path)
    const r = object(target, path)
    const status = r.status as RedirectStatus
    if (!REDIRECT_STATUSES.includes(status))
      throw new ScenarioError(`${path}.status`, `must be one of ${REDIRECT_STATUSES.join(', ')}`)
    out[from] = { status, location: string(r.location, `${path}.location`) }
  }
  return out
}

const parseProxy = (value: unknown): ProxySpec => {
  const p = object(value, 'proxy')
  return {
    software: oneOf(p.software, 'proxy.software', ['nginx', 'caddy'] as const),
    workers: number(p.workers, 'proxy.workers', 1, 64),
    ...optional('balancing', p.balancing, (v) =>
      oneOf(v, 'proxy.balancing', ['round-robin', 'random'] as const),
    ),
    ...optional('status', p.status, (v) =>
      oneOf(v, 'proxy.status', ['running', 'stopped', 'maintenance'] as const),
    ),
    ...optional('upstream', p.upstream, (v) =>
      oneOf(v, 'proxy.upstream', ['up', 'down', 'reset', 'slow'] as const),
    ),
    ...optional('upstreamDelayMs', p.upstreamDelayMs, (v) =>
      number(v, 'proxy.upstreamDelayMs', 1, 120_000),
    ),
    ...optional('timeoutMs', p.timeoutMs, (v) => number(v, 'proxy.timeoutMs', 1, 3_600_000)),
    ...optional('maxBodyBytes', p.maxBodyBytes, (v) =>
      number(v, 'proxy.maxBodyBytes', 0, 10_737_418_240),
    ),
    ...optional('httpsRedirect', p.httpsRedirect, (v) => boolean(v, 'proxy.httpsRedirect')),
    ...optional('rateLimit', p.rateLimit, (v) => {
      const r = object(v, 'proxy.rateLimit')
      return {
        limit: number(r.limit, 'proxy.rateLimit.limit', 1, 1_000_000),
        windowSeconds: number(r.windowSeconds, 'proxy.rateLimit.windowSeconds', 1, 86_400),
        ...optional('recentRequests', r.recentRequests, (n) =>
          number(n, 'proxy.rateLimit.recentRequests', 0, 1_000_000),
        ),
      }
    }),
    ...optional('static', p.static, parseStatic),
    ...optional('redirects', p.redirects, parseRedirects),
  }
}

const parseCookieSeed = (value: unknown, path: string): CookieSeed => {
  const c = object(value, path)
  const name = string(c.name, `${path}.name`)
  if (!TOKEN.test(name))
    throw new ScenarioError(`${path}.name`, 'must be a cookie name without spaces or separators')
  if (typeof c.value !== 'string' || /[;\s]/.test(c.value))
    throw new ScenarioError(`${path}.value`, 'must be a string without spaces or ";"')
  const domain = string(c.domain, `${path}.domain`)
  if (!HOST.test(domain)) throw new ScenarioError(`${path}.domain`, 'is not a valid host name')
  return {
    name,
    value: c.value,
    domain,
    ...optional('path', c.path, (v) => sitePath(v, `${path}.path`)),
    ...optional('httpOnly', c.httpOnly, (v) => boolean(v, `${path}.httpOnly`)),
    ...optional('secure', c.secure, (v) => boolean(v, `${path}.secure`)),
  }
}

const parseCacheSeed = (value: unknown, path: string): CacheSeed => {
  const c = object(value, path)
  if (typeof c.body !== 'string') throw new ScenarioError(`${path}.body`, 'must be a string')
  return {
    url: absoluteUrl(c.url, `${path}.url`),
    body: c.body,
    ...optional('contentType', c.contentType, (v) => string(v, `${path}.contentType`)),
    ...optional('etag', c.etag, (v) => string(v, `${path}.etag`)),
    ...optional('lastModified', c.lastModified, (v) => string(v, `${path}.lastModified`)),
    ...optional('maxAgeSeconds', c.maxAgeSeconds, (v) =>
      number(v, `${path}.maxAgeSeconds`, 0, 31_536_000),
    ),
    ...optional('ageSeconds', c.ageSeconds, (v) => number(v, `${path}.ageSeconds`, 0, 31_536_000)),
  }
}

const parseBrowser = (value: unknown): BrowserSpec => {
  const b = object(value, 'browser')
  return {
    ...optional('cookies', b.cookies, (v) =>
      array(v, 'browser.cookies').map((c, i) => parseCookieSeed(c, `browser.cookies[${i}]`)),
    ),
    ...optional('cache', b.cache, (v) =>
      array(v, 'browser.cache').map((c, i) => parseCacheSeed(c, `browser.cache[${i}]`)),
    ),
  }
}

export const parseNetworkSpec = (s: Obj): NetworkSpec => {
  const dnsIn = object(s.dns, 'dns')
  const dns: Record<string, string> = {}
  for (const [host, address] of Object.entries(dnsIn)) {
    if (!HOST.test(host)) throw new ScenarioError(`dns.${host}`, 'is not a valid host name')
    if (typeof address !== 'string' || !IPV4.test(address))
      throw new ScenarioError(`dns.${host}`, 'must be an IPv4 address such as "93.184.216.34"')
    dns[host] = address
  }
  return {
    network: parseNetwork(s.network),
    dns,
    tls: parseTls(s.tls),
    proxy: parseProxy(s.proxy),
    ...optional('browser', s.browser, parseBrowser),
  }
}
