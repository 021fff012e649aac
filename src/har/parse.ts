import * as v from 'valibot'
import type { HarError, HarResult } from './types'

/**
 * Reading a HAR file: JSON first, then the HAR 1.2 structure (valibot), with the first problem
 * named by its JSON path (`log.entries[3].timings.wait`). Tolerant of what real exporters write:
 * Chrome's and Edge's `_underscore` fields and sanitized exports, Firefox's and Safari's missing
 * optional fields, Playwright's `-1`s; `null` where a number is optional reads as not applicable.
 * Never throws.
 */

/** HAR versions Roundtrip reads. 1.1 differs from 1.2 only in optional fields. */
export const HAR_VERSIONS = ['1.1', '1.2'] as const

/** 200 MB of text: past that a browser tab would struggle before we could say anything useful. */
export const MAX_HAR_CHARS = 200_000_000

const nameValue = v.looseObject({
  name: v.string(),
  // Some tools write numbers or null for values; a header's value is text.
  value: v.optional(
    v.pipe(
      v.nullable(v.union([v.string(), v.number(), v.boolean()])),
      v.transform((x) => (x === null ? '' : String(x))),
    ),
    '',
  ),
})
const list = v.optional(v.array(nameValue), [])
/** A size or an optional timing: `-1` (or null, or absent) means not known. */
const optionalNumber = v.optional(
  v.pipe(
    v.nullable(v.number()),
    v.transform((x) => x ?? -1),
  ),
  -1,
)

const date = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'not a date and time (ISO 8601)'),
)

const postData = v.looseObject({
  mimeType: v.optional(v.string(), ''),
  text: v.optional(v.string()),
  params: v.optional(v.array(nameValue)),
})

const content = v.optional(
  v.looseObject({
    size: optionalNumber,
    mimeType: v.optional(v.string(), ''),
    text: v.optional(v.string()),
    encoding: v.optional(v.string()),
  }),
  { size: -1, mimeType: '' },
)

const EntrySchema = v.looseObject({
  pageref: v.optional(v.string()),
  startedDateTime: date,
  time: v.number(),
  request: v.looseObject({
    method: v.pipe(v.string(), v.minLength(1, 'empty: a request has a method')),
    url: v.pipe(v.string(), v.minLength(1, 'empty: a request has a URL')),
    httpVersion: v.optional(v.string(), ''),
    headers: list,
    cookies: list,
    queryString: list,
    postData: v.optional(postData),
    headersSize: optionalNumber,
    bodySize: optionalNumber,
  }),
  response: v.looseObject({
    status: v.number(),
    statusText: v.optional(v.string(), ''),
    httpVersion: v.optional(v.string(), ''),
    headers: list,
    cookies: list,
    content,
    redirectURL: v.optional(v.string(), ''),
    headersSize: optionalNumber,
    bodySize: optionalNumber,
  }),
  timings: v.looseObject({
    blocked: optionalNumber,
    dns: optionalNumber,
    connect: optionalNumber,
    ssl: optionalNumber,
    send: v.number(),
    wait: v.number(),
    receive: v.number(),
  }),
  serverIPAddress: v.optional(v.string()),
  connection: v.optional(v.union([v.string(), v.number()])),
})

const PageSchema = v.looseObject({
  startedDateTime: date,
  id: v.string(),
  title: v.optional(v.string(), ''),
  pageTimings: v.optional(
    v.looseObject({ onContentLoad: optionalNumber, onLoad: optionalNumber }),
    { onContentLoad: -1, onLoad: -1 },
  ),
})

const creator = v.optional(
  v.looseObject({ name: v.optional(v.string(), ''), version: v.optional(v.string(), '') }),
  { name: '', version: '' },
)

const LogSchema = v.looseObject({
  version: v.string(),
  creator,
  browser: v.optional(
    v.looseObject({ name: v.optional(v.string(), ''), version: v.optional(v.string(), '') }),
  ),
  pages: v.optional(v.array(PageSchema), []),
  entries: v.array(EntrySchema),
})

export type HarEntry = v.InferOutput<typeof EntrySchema>
export type HarPage = v.InferOutput<typeof PageSchema>
export interface Har {
  readonly log: v.InferOutput<typeof LogSchema>
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value
    return `the text ${JSON.stringify(shown)}`
  }
  return `${typeof value} ${String(value)}`
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'text',
  Object: 'an object',
  Array: 'an array',
  boolean: 'true or false',
}

const expectation = (expected: string | null): string => {
  if (!expected) return ''
  const parts = expected.split(' | ').map((p) => EXPECTED[p] ?? p)
  return [...new Set(parts)].join(' or ')
}

/** `log.entries[3].timings.wait` from a valibot issue's path. */
const pathOf = (issue: v.BaseIssue<unknown>, root: string): string => {
  let path = root
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`
  }
  return path
}

const HINTS: Record<string, string> = {
  send: 'a number of ms (-1 means not applicable)',
  wait: 'a number of ms (-1 means not applicable)',
  receive: 'a number of ms (-1 means not applicable)',
  time: 'the entry’s total in ms',
  startedDateTime: 'a date and time such as 2024-05-01T10:00:00.000Z',
}

const fieldError = (issue: v.BaseIssue<unknown>, root: string): HarError => {
  const path = pathOf(issue, root)
  const last = path.slice(path.lastIndexOf('.') + 1)
  const hint = HINTS[last]
  let message: string
  if (issue.kind === 'validation') message = `${path} is ${describe(issue.input)}: ${issue.message}`
  else if (issue.input === undefined)
    message = `${path} is missing${hint ? `: HAR needs ${hint}` : ''}`
  else
    message = `${path} is ${describe(issue.input)}; HAR needs ${hint ?? expectation(issue.expected)}`
  return { kind: 'field', path, message }
}

const fail = (kind: HarError['kind'], path: string, message: string) =>
  ({ ok: false, error: { kind, path, message } }) as const

/** Where JSON.parse stopped, as line and column, when the engine says a position. */
const jsonWhere = (text: string, error: unknown): string => {
  const said = error instanceof Error ? error.message : ''
  const at = /position (\d+)/.exec(said)
  if (!at) return ''
  const position = Math.min(Number(at[1]), text.length)
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return ` (line ${line}, column ${column})`
}

/** Parse and check a HAR file's text. The error says what is wrong and where. */
export const parseHarText = (text: string): HarResult<Har> => {
  if (typeof text !== 'string' || text.trim() === '')
    return fail('empty', '', 'The file is empty: a HAR file is JSON text starting with {"log": …}.')
  if (text.length > MAX_HAR_CHARS)
    return fail(
      'too-large',
      '',
      `The file is ${Math.round(text.length / 1e6)} MB; Roundtrip reads HAR files up to ${MAX_HAR_CHARS / 1e6} MB.`,
    )
  let json: unknown
  try {
    // A BOM is common in files saved by Windows tools.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    const start = text.trimStart().slice(0, 1)
    const why = start === '<' ? ' It looks like HTML or XML.' : ''
    return fail(
      'json',
      '',
      `This is not JSON${jsonWhere(text, error)}, so it is not a HAR file.${why}`,
    )
  }
  return parseHar(json)
}

/** Check an already parsed value against HAR 1.2. */
export const parseHar = (json: unknown): HarResult<Har> => {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail(
      'not-har',
      '',
      `This is JSON but not a HAR file: it is ${describe(json)}, and a HAR file is an object with a "log".`,
    )
  const log = (json as { log?: unknown }).log
  if (typeof log !== 'object' || log === null || Array.isArray(log))
    return fail(
      'not-har',
      'log',
      log === undefined
        ? 'This is JSON but not a HAR file: it has no "log" object (a HAR file starts with {"log": {"version": "1.2", …}}).'
        : `This is JSON but not a HAR file: "log" is ${describe(log)}, not an object.`,
    )
  const version = (log as { version?: unknown }).version
  if (version === undefined)
    return fail(
      'version',
      'log.version',
      'log.version is missing: a HAR file says which version it is ("1.2").',
    )
  if (typeof version !== 'string' || !(HAR_VERSIONS as readonly string[]).includes(version.trim()))
    return fail(
      'version',
      'log.version',
      `log.version is ${describe(version)}; Roundtrip reads HAR ${HAR_VERSIONS.join(' and ')}.`,
    )
  const entries = (log as { entries?: unknown }).entries
  if (entries === undefined)
    return fail(
      'field',
      'log.entries',
      'log.entries is missing: a HAR file lists its requests there.',
    )
  if (Array.isArray(entries) && entries.length === 0)
    return fail('no-entries', 'log.entries', 'The HAR file has no entries: nothing was recorded.')
  const result = v.safeParse(LogSchema, log, { abortEarly: true })
  if (!result.success) return { ok: false, error: fieldError(result.issues[0], 'log') }
  return { ok: true, value: { log: result.output } }
}
