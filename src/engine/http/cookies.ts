import type { Cookie } from '../model/connection'
import { SIMULATED_EPOCH_MS } from '../model/time'

/** Why the browser refused a `Set-Cookie` line. */
export type CookieRejection = 'malformed' | 'domain-mismatch' | 'insecure'

/** What one `Set-Cookie` line did to the jar, as facts for the narration. */
export interface CookieChange {
  readonly name: string
  readonly path: string
  readonly httpOnly: boolean
  readonly secure: boolean
  /** `null` for a session cookie, which lasts until the browser closes. */
  readonly maxAgeSeconds: number | null
  readonly action: 'stored' | 'deleted' | 'rejected'
  readonly reason?: CookieRejection
}

interface Origin {
  readonly scheme: 'http' | 'https'
  readonly host: string
  readonly path: string
}

/**
 * Splits a header holding several `Set-Cookie` lines. The engine joins repeated headers with a
 * newline; a comma also separates two cookies when a `name=` follows it (not inside `Expires`).
 */
export const splitSetCookie = (value: string): string[] =>
  value
    .split(/\n|,(?=\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=)/)
    .map((line) => line.trim())
    .filter(Boolean)

/** RFC 6265 §5.1.4: the directory of the request path, which a cookie without `Path` gets. */
export const defaultPath = (requestPath: string): string => {
  if (!requestPath.startsWith('/')) return '/'
  const slash = requestPath.lastIndexOf('/')
  return slash <= 0 ? '/' : requestPath.slice(0, slash)
}

/** RFC 6265 §5.1.4: `/docs` matches `/docs`, `/docs/` and `/docs/web`, not `/docsweb`. */
export const pathMatches = (cookiePath: string, requestPath: string): boolean =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) &&
    (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))

const domainMatches = (cookie: Cookie, host: string): boolean =>
  cookie.hostOnly
    ? host === cookie.domain
    : host === cookie.domain || host.endsWith(`.${cookie.domain}`)

const isLive = (cookie: Cookie, now: number): boolean =>
  cookie.expiresAt === null || cookie.expiresAt > now

/** The cookies the jar sends to this URL, longest path first as RFC 6265 orders them. */
export const cookiesFor = (jar: readonly Cookie[], to: Origin, now: number): Cookie[] =>
  jar
    .filter(
      (cookie) =>
        isLive(cookie, now) &&
        domainMatches(cookie, to.host) &&
        pathMatches(cookie.path, to.path) &&
        (!cookie.secure || to.scheme === 'https'),
    )
    .sort((a, b) => b.path.length - a.path.length)

/** Parses one `Set-Cookie` line; `cookie` is `undefined` when the browser rejects it. */
const parseSetCookie = (
  line: string,
  from: Origin,
  now: number,
): { change: CookieChange; cookie?: Cookie } => {
  const [pair = '', ...attributes] = line.split(';')
  const eq = pair.indexOf('=')
  const name = eq > 0 ? pair.slice(0, eq).trim() : ''
  const value = eq > 0 ? pair.slice(eq + 1).trim() : ''
  let path = defaultPath(from.path)
  let domain: string | undefined
  let httpOnly = false
  let secure = false
  let maxAge: number | undefined
  let expires: number | undefined
  for (const attribute of attributes) {
    const at = attribute.indexOf('=')
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase()
    const raw = at < 0 ? '' : attribute.slice(at + 1).trim()
    if (key === 'path' && raw.startsWith('/')) path = raw
    else if (key === 'domain' && raw) domain = raw.replace(/^\./, '').toLowerCase()
    else if (key === 'httponly') httpOnly = true
    else if (key === 'secure') secure = true
    else if (key === 'max-age' && /^-?\d+$/.test(raw)) maxAge = Number(raw)
    else if (key === 'expires') {
      const date = Date.parse(raw)
      if (!Number.isNaN(date)) expires = date - SIMULATED_EPOCH_MS
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  const expiresAt = maxAge !== undefined ? now + maxAge * 1000 : (expires ?? null)
  const maxAgeSeconds =
    expiresAt === null ? null : Math.max(0, Math.round((expiresAt - now) / 1000))
  const base = { name, path, httpOnly, secure, maxAgeSeconds }
  if (!name) return { change: { ...base, action: 'rejected', reason: 'malformed' } }
  if (secure && from.scheme !== 'https')
    return { change: { ...base, action: 'rejected', reason: 'insecure' } }
  // A Domain must cover the host that set it and be more than a bare top-level domain.
  if (
    domain !== undefined &&
    domain !== from.host &&
    (!from.host.endsWith(`.${domain}`) || !domain.includes('.'))
  )
    return { change: { ...base, action: 'rejected', reason: 'domain-mismatch' } }
  const cookie: Cookie = {
    name,
    value,
    domain: domain ?? from.host,
    hostOnly: domain === undefined,
    path,
    secure,
    httpOnly,
    expiresAt,
  }
  return {
    change: { ...base, action: expiresAt !== null && expiresAt <= now ? 'deleted' : 'stored' },
    cookie,
  }
}

/**
 * Applies a response's `Set-Cookie` header to the jar: a cookie replaces the one with the same
 * name, domain and path; one already expired (`Max-Age=0`) removes it.
 */
export const storeCookies = (
  jar: readonly Cookie[],
  header: string,
  from: Origin,
  now: number,
): { jar: Cookie[]; changes: CookieChange[] } => {
  let next = jar.filter((cookie) => isLive(cookie, now))
  const changes: CookieChange[] = []
  for (const line of splitSetCookie(header)) {
    const { change, cookie } = parseSetCookie(line, from, now)
    changes.push(change)
    if (!cookie) continue
    next = next.filter(
      (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path),
    )
    if (change.action === 'stored') next.push(cookie)
  }
  return { jar: next, changes }
}
