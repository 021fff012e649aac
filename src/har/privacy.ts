import type { HarNameValue, MeasuredEntry, MeasuredPage } from './types'

/**
 * Masking what identifies a person or unlocks an account: cookies, `Authorization`, API keys
 * and tokens in headers, query strings, form and JSON bodies. Masking makes a copy; the original
 * stays in memory so the toggle can show it again. Nothing here sends anything anywhere.
 */

export const MASK = '••••••'

const SECRET_HEADERS = new Set([
  'cookie',
  'set-cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-amz-security-token',
  'x-goog-api-key',
])

/** Names of fields (headers, query parameters, form and JSON keys) that hold secrets. */
const SECRET_NAME =
  /(token|secret|passw(or)?d|passwd|^pwd$|api[-_]?key|apikey|^key$|session|^sid$|^auth|credential|signature|^sig$|^code$|jwt|otp)/i

/** A JSON Web Token anywhere in a value. */
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g

export const isSecretName = (name: string): boolean =>
  SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name)

/** `Bearer ••••••`: the scheme stays, it is what a student needs to see. */
const maskAuthorization = (value: string): string => {
  const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(value)
  return scheme ? `${scheme[1]} ${MASK}` : MASK
}

/** `a=••••••; b=••••••`: the cookie names stay, their values go. */
const maskCookieHeader = (value: string): string =>
  value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=')
      return eq < 0 ? part : `${part.slice(0, eq)}=${MASK}`
    })
    .join(';')

/** `id=••••••; Path=/; HttpOnly`: only the cookie's own value goes. */
const maskSetCookie = (value: string): string => {
  const semi = value.indexOf(';')
  const first = semi < 0 ? value : value.slice(0, semi)
  const eq = first.indexOf('=')
  return (eq < 0 ? first : `${first.slice(0, eq)}=${MASK}`) + (semi < 0 ? '' : value.slice(semi))
}

export const maskHeader = (h: HarNameValue): HarNameValue => {
  const name = h.name.toLowerCase()
  if (name === 'cookie') return { ...h, value: maskCookieHeader(h.value) }
  if (name === 'set-cookie') return { ...h, value: maskSetCookie(h.value) }
  if (name === 'authorization' || name === 'proxy-authorization')
    return { ...h, value: maskAuthorization(h.value) }
  if (isSecretName(name)) return { ...h, value: MASK }
  // `:path`, `Referer`, `Location`: a URL's secret query parameters (and any JWT) go too.
  const value = maskUrl(h.value)
  return value === h.value ? h : { ...h, value }
}

const maskParam = (p: HarNameValue): HarNameValue =>
  isSecretName(p.name) ? { ...p, value: MASK } : { ...p, value: p.value.replace(JWT, MASK) }

const maskAll = (list: readonly HarNameValue[]): HarNameValue[] =>
  list.map((c) => ({ ...c, value: MASK }))

/** A URL with its secret query parameters masked (the rest kept verbatim). */
export const maskUrl = (url: string): string => {
  const q = url.indexOf('?')
  if (q < 0) return url.replace(JWT, MASK)
  const hash = url.indexOf('#', q)
  const query = url.slice(q + 1, hash < 0 ? undefined : hash)
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      let name = pair.slice(0, eq)
      try {
        name = decodeURIComponent(name)
      } catch {
        // A malformed escape: judge the name as written.
      }
      return isSecretName(name) ? `${pair.slice(0, eq)}=${MASK}` : pair.replace(JWT, MASK)
    })
    .join('&')
  return url.slice(0, q + 1) + masked + (hash < 0 ? '' : url.slice(hash))
}

const maskJsonValue = (value: unknown, depth: number): unknown => {
  if (depth > 50) return value
  if (Array.isArray(value)) return value.map((x) => maskJsonValue(x, depth + 1))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(value))
      out[k] =
        isSecretName(k) && (typeof x === 'string' || typeof x === 'number')
          ? MASK
          : maskJsonValue(x, depth + 1)
    return out
  }
  return typeof value === 'string' ? value.replace(JWT, MASK) : value
}

/** A body's text with secrets masked: JSON keys, form fields, and any JWT. */
export const maskBody = (text: string, mimeType: string): string => {
  if (/json/i.test(mimeType) || /^\s*[{[]/.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text)
      const pretty = /\n/.test(text)
      return JSON.stringify(maskJsonValue(parsed, 0), null, pretty ? 2 : undefined)
    } catch {
      // Not JSON after all: fall through.
    }
  }
  if (/x-www-form-urlencoded/i.test(mimeType)) return maskUrl(`?${text}`).slice(1)
  return text.replace(JWT, MASK)
}

/** One entry with its secrets masked. */
export const maskEntry = (e: MeasuredEntry): MeasuredEntry => ({
  ...e,
  url: maskUrl(e.url),
  name: maskUrl(e.name),
  ...(e.redirectURL ? { redirectURL: maskUrl(e.redirectURL) } : {}),
  request: {
    ...e.request,
    headers: e.request.headers.map(maskHeader),
    cookies: maskAll(e.request.cookies),
    queryString: e.request.queryString.map(maskParam),
    ...(e.request.postData
      ? {
          postData: {
            ...e.request.postData,
            ...(e.request.postData.text === undefined
              ? {}
              : { text: maskBody(e.request.postData.text, e.request.postData.mimeType) }),
            ...(e.request.postData.params
              ? { params: e.request.postData.params.map(maskParam) }
              : {}),
          },
        }
      : {}),
  },
  response: {
    ...e.response,
    headers: e.response.headers.map(maskHeader),
    cookies: maskAll(e.response.cookies),
    content:
      e.response.content.text === undefined || e.response.content.encoding === 'base64'
        ? e.response.content
        : {
            ...e.response.content,
            text: maskBody(e.response.content.text, e.response.content.mimeType),
          },
  },
  ...(e.webSocketMessages
    ? {
        webSocketMessages: e.webSocketMessages.map((m) => ({
          ...m,
          data: maskBody(m.data, 'application/json'),
        })),
      }
    : {}),
})

export const maskPage = (page: MeasuredPage): MeasuredPage => ({
  ...page,
  entries: page.entries.map(maskEntry),
})
