import * as v from 'valibot'
import type { HttpMethod } from '../http'
import { HTTP_METHODS, utf8Length } from '../http'
import type { Parsed } from './validate'
import { anObject, obj, parseWith } from './validate'

/**
 * The rules a request is held to wherever it comes from: typed in the composer, a pasted curl
 * command, a link, an import, an embed's `load`. Each rule returns what is wrong as a phrase that
 * follows the field's name ("contains a line break…"), or `null`. The schema below is made of
 * them, and the composer words its field messages from them, so the two cannot disagree.
 */

export const MAX_URL = 8192
export const MAX_HEADERS = 100
/** The largest body, in UTF-8 bytes: 1 MB, nginx's default `client_max_body_size`. */
export const MAX_BODY_BYTES = 1_048_576

const METHOD = `must be one of ${HTTP_METHODS.join(', ')}`
const URL_EXAMPLE = 'https://api.example.com/users/42'
const URL_TYPE = 'must be an absolute http(s) URL such as "https://api.example.com/"'
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i
const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/
const TOKEN_CHARS = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~"

/** C0 controls and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** A character as a message names it: `":"`, `a space`, `a control character (U+0000)`. */
export const describeChar = (c: string): string =>
  c === ' '
    ? 'a space'
    : c === '\t'
      ? 'a tab'
      : CONTROL.test(c)
        ? `a control character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`
        : `"${c}"`

/** 1234567 → "1,234,567", the same on every machine. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

const sizeOf = (bytes: number): string =>
  bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(2)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${bytes} bytes`

/** What is wrong with a method (read case-insensitively), or `null`. */
export const methodProblem = (method: string): string | null =>
  (HTTP_METHODS as readonly string[]).includes(method.toUpperCase()) ? null : METHOD

/** What is wrong with a URL, or `null`: only absolute http:// and https:// URLs can be sent. */
export const urlProblem = (url: string): string | null => {
  if (url === '')
    return `is empty; enter the address to send the request to, such as ${URL_EXAMPLE}`
  if (url.length > MAX_URL)
    return `is ${grouped(url.length)} characters long, over the limit of ${grouped(MAX_URL)}`
  const space = /\s/.exec(url) ?? CONTROL.exec(url)
  if (space)
    return `contains ${describeChar(space[0])} at character ${space.index + 1}; write a space as %20, or put the value in a query parameter`
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  if (!scheme || /^[^:/]+:\d/.test(url))
    return 'has no scheme; start it with https:// (or http://), as in https://api.example.com/'
  const name = scheme[1]!.toLowerCase()
  if (name !== 'http' && name !== 'https')
    return `uses ${name}:, but only http:// and https:// requests can be sent`
  const rest = url.slice(scheme[0].length)
  if (!rest.startsWith('//')) return `needs "//" after ${name}:, as in ${name}://example.com/`
  const host = /^\/\/([^/?#]*)/.exec(rest)![1]!.replace(/^.*@/, '')
  if (host === '') return `has no host name after ${name}://`
  const port = /:([^:\]]*)$/.exec(host)
  if (port) {
    const digits = port[1]!
    if (!/^\d+$/.test(digits))
      return `has a port "${digits}" after ":" that is not a number; leave it out for the usual port, or write e.g. :8080`
    if (Number(digits) < 1 || Number(digits) > 65535)
      return `has port ${digits}, out of range: a port is a number from 1 to 65535`
  }
  const hostname = port ? host.slice(0, port.index) : host
  if (!hostname.startsWith('[') && !HOST.test(hostname)) {
    const bad = /[^a-z0-9.-]/i.exec(hostname)
    return bad
      ? `has a host name "${hostname}" that contains ${describeChar(bad[0])}, which a host name cannot have (only letters, digits, "-" and ".")`
      : `has a host name "${hostname}" that is not valid: its parts must not start or end with "-" or ".", or be empty`
  }
  try {
    new URL(url)
  } catch {
    return 'is not valid; check it against the form https://host/path?query'
  }
  return null
}

/** What is wrong with a header name (an RFC 9110 token), or `null`. */
export const headerNameProblem = (name: string): string | null => {
  if (name === '') return 'is empty; a header needs a name'
  const bad = [...name].find((c) => !TOKEN_CHAR.test(c))
  if (bad === undefined) return null
  if (/\s/.test(bad))
    return `contains ${describeChar(bad)}; header names cannot have spaces. Use "-" instead, as in ${name.trim().split(/\s+/).join('-')}`
  return `contains ${describeChar(bad)}, which a header name cannot have (only ${TOKEN_CHARS})`
}

/** What is wrong with a header value, or `null`. CR and LF would start a header of their own. */
export const headerValueProblem = (value: string): string | null => {
  if (/[\r\n]/.test(value))
    return 'contains a line break (CR/LF). That is header injection: the break would end this header and the text after it would be read as a new header, so it is not sent. Keep the value on one line'
  const control = [...value].find((c) => c !== '\t' && CONTROL.test(c))
  return control ? `contains ${describeChar(control)}, which a header value cannot have` : null
}

/** What is wrong with the number of headers, or `null`. */
export const headerCountProblem = (count: number): string | null =>
  count > MAX_HEADERS ? `number ${count}, over the limit of ${MAX_HEADERS}` : null

/** What is wrong with a body, or `null`: at most 1 MB in UTF-8. */
export const bodyProblem = (body: string): string | null => {
  // A character is at most 3 UTF-8 bytes per UTF-16 unit: most bodies need no count at all.
  const bytes = body.length * 3 <= MAX_BODY_BYTES ? 0 : utf8Length(body)
  return bytes > MAX_BODY_BYTES
    ? `is ${sizeOf(bytes)} (${grouped(bytes)} bytes), over the 1 MB limit (${grouped(MAX_BODY_BYTES)} bytes). Make it smaller to send it`
    : null
}

/** A schema step from a rule: the rule's phrase is the issue's message. */
/** A schema step that reports what `problem` finds, at the value's path. */
export const rule = <T>(problem: (value: T) => string | null) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    const message = dataset.typed ? problem(dataset.value) : null
    if (message) addIssue({ message })
  })

/** What the browser is asked to send: an import's, a link's, an embed's or a saved request. */
export const RequestSpecSchema = obj(
  {
    /** Read case-insensitively: `get` is `GET`. */
    method: v.pipe(
      v.string(METHOD),
      rule(methodProblem),
      v.transform((method) => method.toUpperCase() as HttpMethod),
    ),
    url: v.pipe(v.string(URL_TYPE), rule(urlProblem)),
    headers: v.optional(
      v.pipe(
        anObject,
        rule((headers) => headerCountProblem(Object.keys(headers).length)),
        v.record(
          v.pipe(v.string(), rule(headerNameProblem)),
          v.pipe(v.string('must be a string'), rule(headerValueProblem)),
        ),
      ),
    ),
    body: v.optional(v.pipe(v.string('must be a string'), rule(bodyProblem))),
  },
  'must be an object with "method" and "url"',
)

export type RequestSpec = Parsed<typeof RequestSpecSchema>

/**
 * Validates untrusted JSON (a link, an import, an embed's `load`) into a `RequestSpec`.
 * Throws `ScenarioError` naming the bad field (`url`, `headers.accept`), or `request` itself.
 * @example parseRequestSpec({ method: 'get', url: 'https://api.example.com/' }).method // 'GET'
 */
export const parseRequestSpec = (input: unknown): RequestSpec =>
  parseWith(RequestSpecSchema, input, 'request')

/** A header name a scenario or request may set: an HTTP token. */
export const HeaderName = v.pipe(v.string('must be a string'), rule(headerNameProblem))
/** A header value a scenario or request may set: one line, no control characters. */
export const HeaderValue = v.pipe(v.string('must be a string'), rule(headerValueProblem))
