export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** HTTP/3 appears only in page traces (`simulatePage`), on QUIC connections. */
export type HttpVersion = 'HTTP/1.1' | 'HTTP/2' | 'HTTP/3'

/** Header names are lower-case; insertion order is kept for display. */
export type Headers = Readonly<Record<string, string>>

/** A request as it stands at one point of its journey. Immutable: stages make changed copies. */
export interface HttpRequest {
  readonly method: HttpMethod
  readonly scheme: 'http' | 'https'
  readonly host: string
  readonly port: number
  readonly path: string
  /** Raw query string without the leading `?` ('' when absent). */
  readonly query: string
  readonly httpVersion: HttpVersion
  readonly headers: Headers
  readonly body: string
}

/** A response as it stands at one point of its way back. Immutable. */
export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly httpVersion: HttpVersion
  readonly headers: Headers
  readonly body: string
}

export const withHeaders = <M extends { headers: Headers }>(message: M, changes: Headers): M => ({
  ...message,
  headers: { ...message.headers, ...lowerKeys(changes) },
})

export const lowerKeys = (headers: Headers): Headers => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value
  return out
}

const NON_ASCII = /[\u0080-\uffff]/

/**
 * Long bodies are measured at several stages of one journey, and a page load measures each file
 * over and over: remember the last few long ones (a Map finds the same string by identity
 * quickly, since V8 keeps a string's hash with it).
 */
const LONG = 4_096
const longLengths = new Map<string, number>()

/** Byte length of a string encoded as UTF-8, without needing TextEncoder. */
export const utf8Length = (text: string): number => {
  if (text.length < LONG) return measure(text)
  const known = longLengths.get(text)
  if (known !== undefined) return known
  const bytes = measure(text)
  if (longLengths.size >= 512) longLengths.clear()
  longLengths.set(text, bytes)
  return bytes
}

const measure = (text: string): number => {
  // Most bodies are ASCII: one native regex scan beats a JS loop over every character.
  if (!NON_ASCII.test(text)) return text.length
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** A string encoded as UTF-8 (a lone surrogate as its three bytes, like Python's surrogatepass). */
export const utf8Bytes = (text: string): number[] => {
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      )
  }
  return bytes
}

/** Path plus query, as it appears in a request line. */
export const target = (request: HttpRequest): string =>
  request.query ? `${request.path}?${request.query}` : request.path

export const origin = (request: HttpRequest): string => {
  const defaultPort = request.scheme === 'https' ? 443 : 80
  return `${request.scheme}://${request.host}${request.port === defaultPort ? '' : `:${request.port}`}`
}
