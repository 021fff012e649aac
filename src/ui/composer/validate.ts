import { utf8Length } from '../../engine'
import type { Draft } from './draft'
import { bareToken, draftBody, headerRow } from './draft'
import { checkJson } from './json'

/** The largest body the composer sends: 1 MB, nginx's default `client_max_body_size`. */
export const MAX_BODY_BYTES = 1_048_576

/**
 * A field of the composer, as the key its input's id and error message are built from:
 * `url`, `body`, `token`, `header-name:<row id>`, `form-value:<row id>`, `cookie-domain:<row id>`…
 */
export type FieldKey = string

export interface Issue {
  readonly field: FieldKey
  readonly message: string
}

export interface Verdict {
  /** Problems that stop the request being sent, in the order the fields appear. */
  readonly errors: readonly Issue[]
  /** Things worth knowing that do not stop it (a body on a GET). */
  readonly warnings: readonly Issue[]
}

/** RFC 9110 `token`: what a header (or cookie) name may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const TOKEN_CHARS = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~"
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i
/** A cookie's domain as the scenario schema takes it: a lower-case host name. */
const COOKIE_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/

/** C0 controls and DEL; a tab is allowed in a header value. */
const isControl = (c: string): boolean => {
  const code = c.charCodeAt(0)
  return code < 0x20 || code === 0x7f
}

const quoteChar = (c: string): string =>
  c === ' '
    ? 'a space'
    : c === '\t'
      ? 'a tab'
      : isControl(c)
        ? `a control character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`
        : `"${c}"`

/** What is wrong with the URL, or `null`. Only absolute http:// and https:// URLs can be sent. */
export const urlProblem = (raw: string): string | null => {
  const url = raw.trim()
  if (url === '')
    return 'Enter the URL to send the request to, such as https://api.example.com/users/42.'
  const space = /\s/.exec(url)
  if (space)
    return `The URL contains ${quoteChar(space[0])} at character ${space.index + 1}. Write a space as %20, or put the value in a query parameter below.`
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  if (!scheme || /^[^:/]+:\d/.test(url))
    return 'The URL has no scheme. Start it with https:// (or http://), as in https://api.example.com/.'
  const name = scheme[1]!.toLowerCase()
  if (name !== 'http' && name !== 'https')
    return `The URL uses ${name}:, but only http:// and https:// requests can be sent.`
  const rest = url.slice(scheme[0].length)
  if (!rest.startsWith('//'))
    return `The URL needs "//" after ${name}:, as in ${name}://example.com/.`
  const authority = /^\/\/([^/?#]*)/.exec(rest)![1]!
  const host = authority.replace(/^.*@/, '')
  if (host === '') return `The URL has no host name after ${name}://.`
  const port = /:([^:\]]*)$/.exec(host)
  if (port) {
    const digits = port[1]!
    if (!/^\d+$/.test(digits))
      return `The port "${digits}" after ":" is not a number. Leave it out for the usual port, or write e.g. :8080.`
    if (Number(digits) < 1 || Number(digits) > 65535)
      return `The port ${digits} is out of range: a port is a number from 1 to 65535.`
  }
  const hostname = port ? host.slice(0, port.index) : host
  if (!hostname.startsWith('[') && !HOST.test(hostname)) {
    const bad = /[^a-z0-9.-]/i.exec(hostname)
    return bad
      ? `The host name "${hostname}" contains ${quoteChar(bad[0])}, which a host name cannot have (only letters, digits, "-" and ".").`
      : `The host name "${hostname}" is not valid: its parts must not start or end with "-" or ".", or be empty.`
  }
  try {
    new URL(url)
  } catch {
    return 'The URL is not valid. Check it against the form https://host/path?query.'
  }
  return null
}

/** What is wrong with a header name, or `null`. `label` names the row, e.g. "Header 2". */
const headerNameProblem = (name: string, label: string): string | null => {
  const trimmed = name.trim()
  if (trimmed === '') return `${label} has a value but no name. Give it a name, or remove the row.`
  const space = /\s/.exec(trimmed)
  if (space)
    return `${label}'s name "${trimmed}" contains ${quoteChar(space[0])}; header names cannot have spaces. Use "-" instead, as in ${trimmed.split(/\s+/).join('-')}.`
  if (!TOKEN.test(trimmed)) {
    const bad = /[^!#$%&'*+.^_`|~0-9A-Za-z-]/.exec(trimmed)![0]
    return `${label}'s name "${trimmed}" contains ${quoteChar(bad)}, which a header name cannot have (only ${TOKEN_CHARS}).`
  }
  return null
}

/** What is wrong with a header value, or `null`. CR and LF would start a header of their own. */
const headerValueProblem = (value: string, label: string): string | null => {
  if (/[\r\n]/.test(value))
    return `${label}'s value contains a line break (CR/LF). That is header injection: the break would end this header and the text after it would be read as a new header, so it is not sent. Keep the value on one line.`
  const control = [...value].find((c) => c !== '\t' && isControl(c))
  if (control)
    return `${label}'s value contains ${quoteChar(control)}, which a header value cannot have.`
  return null
}

const formatBytes = (bytes: number): string =>
  bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(2)} MB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${bytes} bytes`

/**
 * Checks everything the composer holds. Errors stop the request being sent; warnings are shown
 * and the request still goes. Pure: the same draft always gives the same verdict.
 */
export const validateDraft = (draft: Draft): Verdict => {
  const errors: Issue[] = []
  const warnings: Issue[] = []
  const error = (field: FieldKey, message: string | null) => {
    if (message) errors.push({ field, message })
  }

  error('url', urlProblem(draft.url))

  const seen = new Map<string, number>()
  draft.headers.forEach((row, index) => {
    const label = `Header ${index + 1}`
    if (row.name.trim() === '' && row.value === '') return
    error(`header-name:${row.id}`, headerNameProblem(row.name, label))
    error(`header-value:${row.id}`, headerValueProblem(row.value, label))
    const lower = row.name.trim().toLowerCase()
    const earlier = seen.get(lower)
    if (earlier !== undefined)
      warnings.push({
        field: `header-name:${row.id}`,
        message: `${label} repeats header ${earlier + 1} (${row.name.trim()}); only this later value is sent.`,
      })
    seen.set(lower, index)
    if (lower === 'authorization' && bareToken(draft.token))
      warnings.push({
        field: `header-name:${row.id}`,
        message: `${label} is replaced by the Authorization header the auth token below sets.`,
      })
    if (lower === 'accept-encoding' && draft.acceptEncoding)
      warnings.push({
        field: `header-name:${row.id}`,
        message: `${label} is replaced by the Accept-Encoding choice below.`,
      })
  })

  const token = bareToken(draft.token)
  if (/[\r\n]/.test(draft.token))
    error(
      'token',
      'The token contains a line break, which would inject a header. Paste it on one line.',
    )
  else if (/\s/.test(token))
    error(
      'token',
      'The token contains a space. Paste only the token itself; "Bearer " is added for you.',
    )

  if (draft.bodyMode === 'json') {
    if (draft.body.trim() === '')
      error(
        'body',
        'The JSON body is empty. Write a JSON value such as {"name": "Ada"}, or choose None.',
      )
    else {
      const problem = checkJson(draft.body)
      if (problem)
        error(
          'body',
          `Invalid JSON at line ${problem.line}, column ${problem.column} (character ${problem.offset + 1}): ${problem.message}.`,
        )
    }
  }
  if (draft.bodyMode === 'form')
    draft.form.forEach((row, index) => {
      if (row.name.trim() === '' && row.value !== '')
        error(`form-name:${row.id}`, `Field ${index + 1} has a value but no name.`)
    })

  const body = draftBody(draft)
  if (body) {
    const bytes = utf8Length(body)
    if (bytes > MAX_BODY_BYTES)
      error(
        draft.bodyMode === 'form' ? 'body-size' : 'body',
        `The body is ${formatBytes(bytes)} (${bytes.toLocaleString('en')} bytes), over the 1 MB limit (${MAX_BODY_BYTES.toLocaleString('en')} bytes). Make it smaller to send it.`,
      )
    if (draft.method === 'GET' || draft.method === 'HEAD')
      warnings.push({
        field: 'body',
        message: `A ${draft.method} request usually has no body: many servers and proxies ignore it or refuse it. It will be sent anyway, so you can see what happens.`,
      })
    const type = headerRow(draft, 'content-type')
    if (type && draft.bodyMode === 'json' && !/json/i.test(type.value))
      warnings.push({
        field: 'body',
        message: `The Content-Type header says "${type.value}", so the server may not read this body as JSON.`,
      })
  }

  draft.cookies.forEach((cookie, index) => {
    if (cookie.name.trim() === '' && cookie.value === '') return
    const label = `Cookie ${index + 1}`
    const name = cookie.name.trim()
    if (name === '') error(`cookie-name:${cookie.id}`, `${label} has a value but no name.`)
    else if (!TOKEN.test(name)) {
      const bad = /[^!#$%&'*+.^_`|~0-9A-Za-z-]/.exec(name)![0]
      error(
        `cookie-name:${cookie.id}`,
        `${label}'s name contains ${quoteChar(bad)}, which a cookie name cannot have.`,
      )
    }
    const badValue = /[\s;,"\\]/.exec(cookie.value)
    if (badValue)
      error(
        `cookie-value:${cookie.id}`,
        `${label}'s value contains ${quoteChar(badValue[0])}, which a cookie value cannot have. Encode it (e.g. a space as %20).`,
      )
    const domain = cookie.domain.trim()
    if (domain === '')
      error(`cookie-domain:${cookie.id}`, `${label} needs a domain, such as api.example.com.`)
    else if (!COOKIE_DOMAIN.test(domain))
      error(
        `cookie-domain:${cookie.id}`,
        `${label}'s domain "${domain}" is not a host name in lower case, such as api.example.com.`,
      )
    if (!cookie.path.trim().startsWith('/'))
      error(`cookie-path:${cookie.id}`, `${label}'s path must start with "/".`)
  })

  return { errors, warnings }
}
