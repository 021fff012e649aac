import type { SimContext, Stage } from '../context'
import type { Framework, JsonValue, MiddlewareSpec } from '../model/scenario'
import { utf8Bytes, utf8Length, withHeaders } from '../model/http'
import { pyJson } from '../framework/json'
import { parsePythonJson } from '../framework/pyjson'
import { appendVary, parseCookies } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'session' }>
type SessionData = Record<string, JsonValue>

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** URL-safe base64 without padding, as itsdangerous writes it. */
const base64url = (bytes: readonly number[]): string => {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const chunk = (a << 16) | (b << 8) | c
    const chars = bytes.length - i >= 3 ? 4 : bytes.length - i + 1
    for (let k = 0; k < chars; k++) out += B64[(chunk >> (18 - 6 * k)) & 63]
  }
  return out
}

const fromBase64url = (text: string): string | null => {
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const char of text) {
    const value = B64.indexOf(char)
    if (value < 0) return null
    buffer = (buffer << 6) | value
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 255)
    }
  }
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
  } catch {
    return null
  }
}

/** A stand-in for HMAC-SHA1 with the app's SECRET_KEY: deterministic, 20 bytes, tamper-evident. */
const sign = (text: string): string => {
  const out: number[] = []
  for (let round = 0; out.length < 20; round++) {
    let h = (0x811c9dc5 ^ (round * 0x9e3779b9)) >>> 0
    for (const char of `roundtrip-secret-key:${text}`)
      h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0
    out.push(h >>> 24, (h >>> 16) & 255, (h >>> 8) & 255, h & 255)
  }
  return base64url(out.slice(0, 20))
}

/** Virtual "now" as Unix seconds, from a fixed epoch so cookies are reproducible. */
const unixSeconds = (ctx: SimContext): number =>
  1_767_225_600 + Math.floor((ctx.base + ctx.now()) / 1000)

const timestampPart = (seconds: number): string =>
  base64url([(seconds >>> 24) & 255, (seconds >>> 16) & 255, (seconds >>> 8) & 255, seconds & 255])

/** itsdangerous' `payload.timestamp.signature`, the shape of Flask's and Starlette's session cookies. */
const signedCookie = (data: SessionData, seconds: number): string => {
  const payload = base64url(utf8Bytes(pyJson('fastapi', data)))
  const unsigned = `${payload}.${timestampPart(seconds)}`
  return `${unsigned}.${sign(unsigned)}`
}

const readSignedCookie = (value: string): { data: SessionData; valid: boolean } => {
  const parts = value.split('.')
  if (parts.length !== 3) return { data: {}, valid: false }
  const [payload = '', stamp = '', signature = ''] = parts
  if (sign(`${payload}.${stamp}`) !== signature) return { data: {}, valid: false }
  const json = fromBase64url(payload)
  const parsed = json === null ? undefined : parsePythonJson(json)
  return parsed?.ok &&
    typeof parsed.value === 'object' &&
    parsed.value &&
    !Array.isArray(parsed.value)
    ? { data: parsed.value, valid: true }
    : { data: {}, valid: false }
}

const resolve = (options: Options, framework: Framework) => ({
  cookieName: options.cookieName ?? (framework === 'django' ? 'sessionid' : 'session'),
  store: options.store ?? (framework === 'django' ? 'database' : 'cookie'),
  // Flask's session cookie lasts the browser session unless made permanent; Django and
  // Starlette default to two weeks.
  maxAge: options.maxAge !== undefined ? options.maxAge : framework === 'flask' ? null : 1_209_600,
  sessions: options.sessions ?? {},
})

/** The Set-Cookie line each framework writes for its session cookie. */
const setCookie = (framework: Framework, name: string, value: string, maxAge: number | null) => {
  const age = maxAge === null ? '' : `; Max-Age=${maxAge}`
  switch (framework) {
    case 'flask':
      return `${name}=${value}${age}; HttpOnly; Path=/`
    case 'django':
      return `${name}=${value}; HttpOnly${age}; Path=/; SameSite=Lax`
    case 'fastapi':
      // Starlette writes its attributes in lower case.
      return `${name}=${value}; path=/${maxAge === null ? '' : `; Max-Age=${maxAge}`}; httponly; samesite=lax`
  }
}

const SESSION_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Sessions: on the way in, loads the session named by the cookie (Flask and Starlette: signed
 * data inside the cookie itself; Django: a row in `django_session`); on the way out, if the
 * view changed it, saves it and sends `Set-Cookie` (HttpOnly, Path=/).
 */
export const sessionMiddleware = (options: Options): Stage => ({
  id: 'middleware:session',
  layer: 'middleware',
  run(ctx, request, next) {
    const framework = ctx.scenario.framework
    const o = resolve(options, framework)
    const raw = parseCookies(request.headers.cookie)[o.cookieName]
    let data: SessionData = {}
    let signature: 'valid' | 'invalid' | 'none' = 'none'
    let key: string | undefined
    if (raw !== undefined && o.store === 'cookie') {
      const read = readSignedCookie(raw)
      data = read.data
      signature = read.valid ? 'valid' : 'invalid'
    } else if (raw !== undefined) {
      const row = o.sessions[raw]
      if (row) {
        data = { ...row }
        key = raw
      }
    }
    const found = o.store === 'cookie' ? signature === 'valid' : key !== undefined
    ctx.session = { data, modified: false, ...(key === undefined ? {} : { key }) }
    ctx.emit(this, {
      type: 'middleware:session-load',
      direction: 'request',
      title: found
        ? `Session: loaded ${Object.keys(data).join(', ') || 'an empty session'}`
        : raw === undefined
          ? 'Session: no cookie, new session'
          : 'Session: cookie not valid, new session',
      // The database store costs a query; a signed cookie only an HMAC check.
      duration: o.store === 'database' && raw !== undefined ? ctx.vary(0.8) : 0.04,
      request,
      data: { cookieName: o.cookieName, store: o.store, found, signature, data },
    })

    const inner = next(request)
    const session = ctx.session
    // Starlette re-signs and re-sends its cookie on every response while the session holds data.
    const resend =
      framework === 'fastapi' && o.store === 'cookie' && Object.keys(session?.data ?? {}).length > 0
    if (!session?.modified && !resend) {
      // Django's SessionMiddleware marks any response whose session was read: it depends on
      // the cookie even when nothing was saved.
      if (framework === 'django' && session?.accessed) {
        const response = withHeaders(inner, { vary: appendVary(inner.headers, 'Cookie') })
        ctx.emit(this, {
          type: 'middleware:exit',
          direction: 'response',
          title: 'Session: read, not changed: Vary: Cookie',
          duration: 0.01,
          request,
          response,
          data: { name: 'session', headersAdded: ['vary'] },
        })
        return response
      }
      ctx.emit(this, {
        type: 'middleware:exit',
        direction: 'response',
        title: 'Session: unchanged, nothing to save',
        duration: 0.01,
        request,
        response: inner,
        data: { name: 'session', headersAdded: [] },
      })
      return inner
    }

    const saved: SessionData = { ...(session?.data ?? {}) }
    let value: string
    if (o.store === 'cookie') value = signedCookie(saved, unixSeconds(ctx))
    else {
      value = session?.key ?? ''
      for (let i = 0; !session?.key && i < 32; i++)
        value += SESSION_KEY_CHARS[ctx.rng.int(SESSION_KEY_CHARS.length)]
    }
    const cookie = setCookie(framework, o.cookieName, value, o.maxAge)
    // Responses now depend on the cookie, so shared caches must not mix them up: Flask and
    // Django say so with Vary: Cookie; Starlette's SessionMiddleware does not.
    const response = withHeaders(inner, {
      'set-cookie': cookie,
      ...(framework === 'fastapi' ? {} : { vary: appendVary(inner.headers, 'Cookie') }),
    })
    ctx.emit(this, {
      type: 'middleware:session-save',
      direction: 'response',
      title: session?.modified
        ? `Session: saved, Set-Cookie ${o.cookieName}`
        : `Session: unchanged, signed and sent again (${o.cookieName})`,
      duration: o.store === 'database' ? ctx.vary(1.2) : 0.05 + utf8Length(value) / 100_000,
      request,
      response,
      data: { cookieName: o.cookieName, store: o.store, data: saved, setCookie: cookie },
    })
    return response
  },
})

/** A valid signed session cookie value, for scenarios whose browser is already logged in. */
export const signedSessionCookie = (data: Record<string, JsonValue>): string =>
  signedCookie(data, 1_767_225_600)
