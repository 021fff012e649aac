import {
  bodyProblem,
  describeChar,
  headerCountProblem,
  headerNameProblem,
  headerValueProblem,
  methodProblem,
  urlProblem as urlRule,
} from '../../engine'
import type { Draft } from './draft'
import { bareToken, draftBody, headerRow, toRequest } from './draft'
import { checkJson } from './json'

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

/** RFC 9110 `token`: what a cookie name may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** A cookie's domain as the scenario schema takes it: a lower-case host name. */
const COOKIE_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/

/**
 * A field message from one of the engine's request rules, which every way in (a link, an import,
 * an embed, pasted curl) is held to: "The URL" + "uses ftp:, but only…" + ".".
 */
const sentence = (subject: string, problem: string | null): string | null =>
  problem && `${subject} ${problem}.`

/** What is wrong with the URL as typed (spaces around it do not count), or `null`. */
export const urlProblem = (raw: string): string | null => sentence('The URL', urlRule(raw.trim()))

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

  error('method', sentence('The method', methodProblem(draft.method)))
  error('url', urlProblem(draft.url))

  const seen = new Map<string, number>()
  draft.headers.forEach((row, index) => {
    const label = `Header ${index + 1}`
    if (row.name.trim() === '' && row.value === '') return
    const name = row.name.trim()
    error(
      `header-name:${row.id}`,
      name === ''
        ? `${label} has a value but no name. Give it a name, or remove the row.`
        : sentence(`${label}'s name "${name}"`, headerNameProblem(name)),
    )
    error(`header-value:${row.id}`, sentence(`${label}'s value`, headerValueProblem(row.value)))
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
  const tokenProblem = sentence('The token', headerValueProblem(draft.token))
  if (tokenProblem) error('token', tokenProblem)
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
    error('body', sentence('The body', bodyProblem(body)))
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
        `${label}'s name contains ${describeChar(bad)}, which a cookie name cannot have.`,
      )
    }
    const badValue = /[\s;,"\\]/.exec(cookie.value)
    if (badValue)
      error(
        `cookie-value:${cookie.id}`,
        `${label}'s value contains ${describeChar(badValue[0])}, which a cookie value cannot have. Encode it (e.g. a space as %20).`,
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

  const count = Object.keys(toRequest(draft).headers ?? {}).length
  error('headers', sentence("The request's headers", headerCountProblem(count)))

  return { errors, warnings }
}
