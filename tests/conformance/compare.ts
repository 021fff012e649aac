/**
 * Compares a real response with the simulated one on the four criteria of docs/conformance.md:
 * status, reason phrase, the headers that matter, and the body's shape. Pure: no I/O.
 */
import { gunzipSync } from 'node:zlib'

export type Criterion = 'status' | 'reason' | 'headers' | 'body'
export const CRITERIA: readonly Criterion[] = ['status', 'reason', 'headers', 'body']

/** One difference: what differs, and both sides as text. */
export interface Difference {
  readonly criterion: Criterion
  /** The header's lower-case name for a header difference. */
  readonly header?: string
  readonly real: string
  readonly simulated: string
}

export interface Side {
  /** `2.0` for an answer over HTTP/2, which carries no reason phrase. */
  readonly httpVersion?: string
  readonly status: number
  readonly statusText: string
  /** Lower-case names; repeated headers joined with ", " (Set-Cookie: with "\n"). */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** The body's bytes as sent (gzip stays gzip), when known. */
  readonly bodyBytes?: Uint8Array
}

/** Headers that matter, and how each is compared. */
type Rule = 'exact' | 'set' | 'presence' | 'cookie' | 'location'
const HEADERS: Readonly<Record<string, Rule>> = {
  allow: 'set',
  location: 'location',
  'content-type': 'exact',
  'www-authenticate': 'exact',
  'retry-after': 'presence',
  etag: 'exact',
  'last-modified': 'exact',
  expires: 'presence',
  'cache-control': 'exact',
  vary: 'set',
  'content-encoding': 'exact',
  'set-cookie': 'cookie',
  server: 'exact',
  'access-control-allow-origin': 'exact',
  'access-control-allow-methods': 'set',
  'access-control-allow-headers': 'set',
  'access-control-allow-credentials': 'exact',
  'access-control-expose-headers': 'set',
  'access-control-max-age': 'exact',
}

/** Raw header pairs as one record: lower-case names, repeats joined. */
export const headerRecord = (
  pairs: readonly (readonly [string, string])[],
): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of pairs) {
    const key = name.toLowerCase()
    out[key] = key in out ? `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${value}` : value
  }
  return out
}

const tokens = (value: string): string =>
  value
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join(', ')

/** A Set-Cookie line without its value and date: `name; httponly; max-age=…; path=/`. */
export const cookieShape = (line: string): string => {
  const [pair = '', ...attributes] = line.split(';').map((p) => p.trim())
  const name = pair.slice(0, pair.indexOf('='))
  const kept = attributes
    .filter((a) => !/^expires=/i.test(a))
    .map((a) => {
      const eq = a.indexOf('=')
      return eq < 0
        ? a.toLowerCase()
        : `${a.slice(0, eq).toLowerCase()}=${a.slice(eq + 1).toLowerCase()}`
    })
    .sort()
  return [name, ...kept].join('; ')
}

/** `https://api.example.com:8443/x` → `https://api.example.com/x` for the harness's own ports. */
const withoutPorts = (value: string, ports: readonly number[]): string =>
  ports.reduce((v, port) => v.replace(`:${port}/`, '/').replace(new RegExp(`:${port}$`), ''), value)

const normalize = (rule: Rule, value: string, ports: readonly number[]): string => {
  switch (rule) {
    case 'set':
      return tokens(value)
    case 'presence':
      return 'present'
    case 'cookie':
      return value.split('\n').map(cookieShape).sort().join('\n')
    case 'location':
      return withoutPorts(value, ports)
    case 'exact':
      return value
        .trim()
        .replace(/\s*;\s*/g, '; ')
        .toLowerCase()
  }
}

type Shape = string

/** The shape of a JSON value: types, and keys of objects, recursively; arrays by their first item. */
export const jsonShape = (value: unknown): Shape => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length ? `[${jsonShape(value[0])}]` : '[]'
  if (typeof value === 'object')
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${k}: ${jsonShape((value as Record<string, unknown>)[k])}`)
      .join(', ')}}`
  return typeof value
}

/** The body's shape: empty, JSON (with its shape), HTML, or plain text (itself when short). */
export const bodyShape = (body: string, contentType: string | undefined): Shape => {
  if (body.length === 0) return 'empty'
  const type = (contentType ?? '').toLowerCase()
  try {
    if (type.includes('json') || /^\s*[[{]/.test(body)) return `json ${jsonShape(JSON.parse(body))}`
  } catch {
    // not JSON after all
  }
  if (/^\s*</.test(body)) return 'html'
  // Plain text (a bare string a view returned, a server's one-line error) is short and exact,
  // whatever type it is labelled with: compare the words themselves.
  return body.length <= 200 ? `text ${JSON.stringify(body)}` : `text (${body.length} chars)`
}

/** The real body as text, gunzipped when it was sent gzipped (the model's body is decoded). */
export const decodedBody = (side: Side): string => {
  if (side.headers['content-encoding'] !== 'gzip' || !side.bodyBytes?.length) return side.body
  try {
    return gunzipSync(side.bodyBytes).toString('utf8')
  } catch {
    return side.body
  }
}

/** Every difference between the real and the simulated response; none: they agree. */
export const compare = (
  real: Side,
  simulated: Side,
  { method, ports }: { method: string; ports: readonly number[] },
): Difference[] => {
  const out: Difference[] = []
  if (real.status !== simulated.status)
    out.push({
      criterion: 'status',
      real: String(real.status),
      simulated: String(simulated.status),
    })
  if (real.statusText !== simulated.statusText)
    out.push({ criterion: 'reason', real: real.statusText, simulated: simulated.statusText })

  for (const [name, rule] of Object.entries(HEADERS)) {
    const a = real.headers[name]
    const b = simulated.headers[name]
    if (a === undefined && b === undefined) continue
    const ra = a === undefined ? '(none)' : normalize(rule, a, ports)
    const rb = b === undefined ? '(none)' : normalize(rule, b, ports)
    if (ra !== rb)
      out.push({
        criterion: 'headers',
        header: name,
        real: a ?? '(none)',
        simulated: b ?? '(none)',
      })
  }
  // How the body's end is marked: Content-Length, chunked Transfer-Encoding, or neither.
  const framing = (h: Readonly<Record<string, string>>) =>
    h['transfer-encoding']?.toLowerCase().includes('chunked')
      ? 'chunked'
      : h['content-length'] !== undefined
        ? 'content-length'
        : 'neither'
  if (framing(real.headers) !== framing(simulated.headers))
    out.push({
      criterion: 'headers',
      header: 'content-length/transfer-encoding',
      real: framing(real.headers),
      simulated: framing(simulated.headers),
    })

  const realBody = method === 'HEAD' ? '' : decodedBody(real)
  const simBody = method === 'HEAD' ? '' : simulated.body
  const a = bodyShape(realBody, real.headers['content-type'])
  const b = bodyShape(simBody, simulated.headers['content-type'])
  if (a !== b) out.push({ criterion: 'body', real: a, simulated: b })
  return out
}
