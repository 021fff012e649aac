import type { CookieSeed, HttpMethod, RequestSpec } from '../../engine'

/** One editable name/value line (a header, a form field). `id` keeps React keys and field ids stable. */
export interface Row {
  readonly id: number
  readonly name: string
  readonly value: string
}

/** A cookie the browser holds before the request is sent (the scenario's cookie jar). */
export interface CookieRow {
  readonly id: number
  readonly name: string
  readonly value: string
  readonly domain: string
  readonly path: string
  readonly httpOnly: boolean
  readonly secure: boolean
}

export const BODY_MODES = ['none', 'json', 'form', 'text'] as const
export type BodyMode = (typeof BODY_MODES)[number]

export const BODY_MODE_LABELS: Readonly<Record<BodyMode, string>> = {
  none: 'None',
  json: 'JSON',
  form: 'Form',
  text: 'Text',
}

/** The Content-Type each body mode is sent with unless a header row sets one. */
export const MODE_CONTENT_TYPE: Readonly<Record<BodyMode, string | null>> = {
  none: null,
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain',
}

/** `''` leaves the header to the browser, which sends its own default. */
export const ACCEPT_ENCODINGS = ['', 'gzip, deflate, br', 'gzip', 'br', 'identity'] as const
export type AcceptEncoding = (typeof ACCEPT_ENCODINGS)[number]
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br'

/** Everything the composer edits, kept exactly as typed (valid or not). */
export interface Draft {
  readonly method: HttpMethod
  readonly url: string
  readonly headers: readonly Row[]
  readonly bodyMode: BodyMode
  /** The Body text for the JSON and Text modes. */
  readonly body: string
  /** The fields of a form-encoded body. */
  readonly form: readonly Row[]
  readonly acceptEncoding: AcceptEncoding
  /** A bearer token without the word "Bearer"; `''` sends no Authorization from this field. */
  readonly token: string
  readonly cookies: readonly CookieRow[]
}

let lastId = 0
/** A fresh row id (unique for the page's life, so field ids never collide). */
const nextId = (): number => ++lastId

export const emptyRow = (): Row => ({ id: nextId(), name: '', value: '' })

export const emptyCookie = (domain: string): CookieRow => ({
  id: nextId(),
  name: '',
  value: '',
  domain,
  path: '/',
  httpOnly: false,
  secure: false,
})

// ---------------------------------------------------------------------------------------------
// Query parameters live in the URL text; the rows are a view of it and write straight back.

/** The URL split around its query: `base?query#hash`. `query` is `null` when there is no `?`. */
const splitUrl = (url: string): { base: string; query: string | null; hash: string } => {
  const hashAt = url.indexOf('#')
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt)
  const hash = hashAt < 0 ? '' : url.slice(hashAt)
  const queryAt = beforeHash.indexOf('?')
  if (queryAt < 0) return { base: beforeHash, query: null, hash }
  return { base: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash }
}

/** Form and query decoding: `+` is a space; a broken `%` escape is shown as typed. */
const decodePart = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Encodes a name or value for a query string or a form body (spaces as `%20`). */
const encodePart = (text: string): string =>
  encodeURIComponent(text).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/g, '@')

interface QueryParam {
  readonly name: string
  readonly value: string
}

const decodePair = (segment: string): QueryParam => {
  const eq = segment.indexOf('=')
  return eq < 0
    ? { name: decodePart(segment), value: '' }
    : { name: decodePart(segment.slice(0, eq)), value: decodePart(segment.slice(eq + 1)) }
}

const encodePair = ({ name, value }: QueryParam): string =>
  name === '' && value === '' ? '' : `${encodePart(name)}=${encodePart(value)}`

/** The query parameters in the URL text, in order (works on a half-typed URL too). */
export const queryParams = (url: string): QueryParam[] => {
  const { query } = splitUrl(url)
  return query === null ? [] : query.split('&').map(decodePair)
}

/** The URL with its query parameters replaced; untouched parameters keep their exact text. */
const withQuery = (url: string, segments: readonly string[]): string => {
  const { base, hash } = splitUrl(url)
  return segments.length === 0 ? base + hash : `${base}?${segments.join('&')}${hash}`
}

const segmentsOf = (url: string): string[] => {
  const { query } = splitUrl(url)
  return query === null ? [] : query.split('&')
}

export const setQueryParam = (url: string, index: number, param: QueryParam): string => {
  const segments = segmentsOf(url)
  segments[index] = encodePair(param)
  return withQuery(url, segments)
}

export const addQueryParam = (url: string): string => withQuery(url, [...segmentsOf(url), ''])

export const removeQueryParam = (url: string, index: number): string =>
  withQuery(
    url,
    segmentsOf(url).filter((_, i) => i !== index),
  )

// ---------------------------------------------------------------------------------------------
// Draft ⇄ RequestSpec

const isBlank = (row: { name: string; value: string }) => row.name.trim() === '' && row.value === ''

/** Form rows as `application/x-www-form-urlencoded` text. */
const formBody = (rows: readonly Row[]): string =>
  rows
    .filter((r) => !isBlank(r))
    .map((r) => `${encodePart(r.name)}=${encodePart(r.value)}`)
    .join('&')

/** "Bearer abc" and "abc" both mean the token abc. */
export const bareToken = (token: string): string => token.trim().replace(/^bearer\s+/i, '')

/** The body the draft sends (`''` for none). */
export const draftBody = (draft: Draft): string =>
  draft.bodyMode === 'none' ? '' : draft.bodyMode === 'form' ? formBody(draft.form) : draft.body

/** The header row that sets `name` (case-insensitive), last one winning as in the request. */
export const headerRow = (draft: Draft, name: string): Row | undefined =>
  draft.headers.findLast((h) => h.name.trim().toLowerCase() === name)

/**
 * The request the draft describes: header rows as typed, then what the other fields add (the
 * body's Content-Type unless a row sets one, Accept-Encoding, the bearer token). Only meaningful
 * for a draft that `validateDraft` accepts.
 */
export const toRequest = (draft: Draft): RequestSpec => {
  const headers: Record<string, string> = {}
  for (const row of draft.headers) if (!isBlank(row)) headers[row.name.trim()] = row.value.trim()
  const body = draftBody(draft)
  const contentType = MODE_CONTENT_TYPE[draft.bodyMode]
  if (contentType && !headerRow(draft, 'content-type')) headers['Content-Type'] = contentType
  if (draft.acceptEncoding) headers['Accept-Encoding'] = draft.acceptEncoding
  const token = bareToken(draft.token)
  if (token) headers.Authorization = `Bearer ${token}`
  return {
    method: draft.method,
    url: draft.url.trim(),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body ? { body } : {}),
  }
}

/** The jar the draft describes, in the scenario's form (blank rows dropped). */
export const toCookies = (draft: Draft): CookieSeed[] =>
  draft.cookies
    .filter((c) => c.name.trim() !== '' || c.value !== '')
    .map((c) => ({
      name: c.name.trim(),
      value: c.value,
      domain: c.domain.trim(),
      ...(c.path.trim() && c.path.trim() !== '/' ? { path: c.path.trim() } : {}),
      ...(c.httpOnly ? { httpOnly: true } : {}),
      ...(c.secure ? { secure: true } : {}),
    }))

const looksLikeJson = (body: string): boolean => {
  try {
    JSON.parse(body)
    return /^\s*[[{"]/.test(body)
  } catch {
    return false
  }
}

const modeOf = (body: string, contentType: string | undefined): BodyMode => {
  if (!body) return 'none'
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('json')) return 'json'
  if (type.includes('x-www-form-urlencoded')) return 'form'
  if (!type && looksLikeJson(body)) return 'json'
  return 'text'
}

const formRows = (body: string): Row[] =>
  body.split('&').map((segment) => ({ id: nextId(), ...decodePair(segment) }))

/**
 * Reads a request (the working one, a pasted curl command) into a draft. The fields the composer
 * has controls for leave the header rows: a bearer Authorization becomes the token, a listed
 * Accept-Encoding the choice, and a Content-Type that only repeats the body mode's default goes.
 */
export const fromRequest = (request: RequestSpec, cookies: readonly CookieSeed[] = []): Draft => {
  const entries = Object.entries(request.headers ?? {})
  const find = (name: string) => entries.find(([h]) => h.toLowerCase() === name)?.[1]
  const body = request.body ?? ''
  const bodyMode = modeOf(body, find('content-type'))
  const auth = /^bearer\s+(\S+)$/i.exec(find('authorization') ?? '')
  const encoding = find('accept-encoding')
  const knownEncoding = (ACCEPT_ENCODINGS as readonly string[]).includes(encoding ?? '')
  const headers: Row[] = []
  for (const [name, value] of entries) {
    const lower = name.toLowerCase()
    if (lower === 'authorization' && auth) continue
    if (lower === 'accept-encoding' && knownEncoding) continue
    if (lower === 'content-type' && value.toLowerCase() === MODE_CONTENT_TYPE[bodyMode]) continue
    headers.push({ id: nextId(), name, value })
  }
  return {
    method: request.method,
    url: request.url,
    headers,
    bodyMode,
    body: bodyMode === 'form' ? '' : body,
    form: bodyMode === 'form' ? formRows(body) : [],
    acceptEncoding: knownEncoding ? (encoding as AcceptEncoding) : '',
    token: auth?.[1] ?? '',
    cookies: cookies.map((c) => ({
      id: nextId(),
      name: c.name,
      value: c.value,
      domain: c.domain,
      path: c.path ?? '/',
      httpOnly: c.httpOnly ?? false,
      secure: c.secure ?? false,
    })),
  }
}

/** The host of a URL as typed, for a new cookie's domain (`''` when there is none yet). */
export const hostOf = (url: string): string => {
  try {
    return new URL(url.trim()).hostname
  } catch {
    return ''
  }
}

/** Same request and jar? Compares what would be sent, not how the rows are laid out. */
export const sameRequest = (a: RequestSpec, b: RequestSpec): boolean =>
  JSON.stringify(a) === JSON.stringify(b)
export const sameCookies = (a: readonly CookieSeed[], b: readonly CookieSeed[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b)
