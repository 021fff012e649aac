/**
 * The building blocks of every schema of untrusted input (valibot), and the one way to run them:
 * `parseWith` throws a `ScenarioError` naming the first bad field by its path, e.g.
 * `routes[1].pattern: must start with "/"`.
 */
import * as v from 'valibot'

/** Thrown by `parseScenario` and `parseWith`: `path` names the bad field, e.g. `routes[0].pattern`. */
export class ScenarioError extends Error {
  readonly path: string
  /** What is wrong with the field, without its path: `must start with "/"`. */
  readonly problem: string
  constructor(path: string, problem: string) {
    super(`${path || 'scenario'}: ${problem}`)
    this.name = 'ScenarioError'
    this.path = path
    this.problem = problem
  }
}

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A parsed value's type: read-only all the way down, except inside free JSON values. */
export type DeepReadonly<T> = [T] extends [JsonValue]
  ? [JsonValue] extends [T]
    ? T
    : ReadonlyEach<T>
  : ReadonlyEach<T>
type ReadonlyEach<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T

/** The type `schema` reads untrusted input into. */
export type Parsed<S extends v.GenericSchema> = DeepReadonly<v.InferOutput<S>>
/** The type an object with these fields reads into. */
export type ParsedFields<E extends v.ObjectEntries> = Parsed<v.ObjectSchema<E, undefined>>

/** `true` when two types are the same, for compile-time checks that a schema matches a type. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
/** Compiles only when `T` is `true`: `type Checked = Assert<Same<A, B>>`. */
export type Assert<T extends true> = T

/** How a message names a value it did not want: `null`, `an array`, `a number`. */
export const describeValue = (value: unknown): string =>
  value === undefined
    ? 'nothing'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : `a ${typeof value}`

/** A value as a message quotes it: `2`, `"2"`, or what it is when JSON cannot say. */
export const shown = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? describeValue(value)
  } catch {
    return describeValue(value)
  }
}

const got = (expected: string) => (issue: v.BaseIssue<unknown>) =>
  `${expected}, got ${describeValue(issue.input)}`

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A plain object (not null, not an array). */
export const anObject = v.custom<Record<string, unknown>>(isRecord, got('must be an object'))

const quoted = (names: readonly string[]) => names.map((k) => `"${k}"`).join(', ')

/**
 * Drops keys whose value is `undefined`, as a trip through JSON would. With `allowed`, a key not
 * in the list (a typo) is named instead of ignored.
 */
const keysOf = (allowed?: (o: Record<string, unknown>) => readonly string[] | undefined) =>
  v.rawTransform<Record<string, unknown>, Record<string, unknown>>(
    ({ dataset, addIssue, NEVER }) => {
      const entries = Object.entries(dataset.value).filter(([, value]) => value !== undefined)
      const names = allowed?.(dataset.value)
      const other = names && entries.find(([key]) => !names.includes(key))
      if (!other) return Object.fromEntries(entries)
      issueAt(addIssue, [other[0]], `is not an option here; allowed: ${quoted(names)}`)
      return NEVER
    },
  )

/** The message for a missing field is what its own schema says about nothing. */
const missing = (entries: v.ObjectEntries) => (issue: v.BaseIssue<unknown>) => {
  const entry = entries[String(issue.path?.[0]?.key)]
  return (entry && v.safeParse(entry, undefined).issues?.[0].message) || 'is missing'
}

/** The fields of an object, in the order its messages list them: `kind` first. */
const namesIn = (entries: v.ObjectEntries): string[] =>
  Object.keys(entries).sort((a, b) => Number(b === 'kind') - Number(a === 'kind'))

/** An object's fields, as one of the options `kinds` chooses between. */
export const fields = <E extends v.ObjectEntries>(entries: E) => v.object(entries, missing(entries))

/** An object with these fields; other keys are dropped. `expected` says what the object is for. */
export const obj = <E extends v.ObjectEntries>(entries: E, expected?: string) =>
  v.pipe(
    expected ? v.custom<Record<string, unknown>>(isRecord, got(expected)) : anObject,
    keysOf(),
    fields(entries),
  )

/** An object with only these fields: an unknown key (a typo) is named, not ignored. */
export const strict = <E extends v.ObjectEntries>(entries: E) => {
  const names = namesIn(entries)
  return v.pipe(
    anObject,
    keysOf(() => names),
    fields(entries),
  )
}

/** One of several objects told apart by their `kind`, each with only its own fields. */
export const kinds = <const O extends v.VariantOptions<'kind'>>(options: O) => {
  const allowed = new Map(
    options.map((o) => {
      const { entries } = o as unknown as {
        entries: v.ObjectEntries & { kind: { literal: string } }
      }
      return [entries.kind.literal, namesIn(entries)] as const
    }),
  )
  const variant = v.variant('kind', options, `must be one of ${quoted([...allowed.keys()])}`)
  return v.pipe(
    anObject,
    keysOf((o) => allowed.get(o.kind as string)),
    variant as unknown as v.GenericSchema<Record<string, unknown>, v.InferOutput<O[number]>>,
  )
}

export const arr = <T extends v.GenericSchema>(item: T) => v.array(item, got('must be an array'))

/** An object used as a map: `key` checks each name (`path.name` in a message), `value` each value. */
export const dict = <K extends v.GenericSchema<string, string>, T extends v.GenericSchema>(
  key: K,
  value: T,
) => v.pipe(anObject, v.record(key, value))

const NON_EMPTY = 'must be a non-empty string'
export const str = v.pipe(
  v.string(got(NON_EMPTY)),
  v.check((text) => text !== '', got(NON_EMPTY)),
)
export const text = v.string('must be a string')
export const bool = v.boolean(got('must be true or false'))
export const strings = arr(str)

export const num = (min: number, max: number) => {
  const message = `must be a number from ${min} to ${max}`
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isFinite(n) && n >= min && n <= max, message),
  )
}

/** One of `options`; the message lists them, strings quoted unless `quote` is false. */
export const oneOf = <const T extends readonly (string | number)[]>(options: T, quote = true) =>
  v.picklist(
    options,
    `must be one of ${options.map((o) => (quote && typeof o === 'string' ? `"${o}"` : o)).join(', ')}`,
  )

/** An RFC 9110 token: what a header or cookie name is made of. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** A string `regex` matches; `message` says what it must be. */
export const matches = (regex: RegExp, message: string) =>
  v.check((text: string) => regex.test(text), message)

/** A non-empty string `regex` matches. */
export const pattern = (regex: RegExp, message: string) => v.pipe(str, matches(regex, message))

/** A site path such as `/users` or `/static/`. */
export const sitePath = pattern(/^\//, 'must start with "/"')

/** The URL `text` is, or `null` when it is not an absolute URL. */
export const parsedUrl = (text: string): URL | null => {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** The URL when `text` is an absolute http(s) URL. */
export const httpUrl = (text: string): URL | null => {
  const url = parsedUrl(text)
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null
}

/** Adds an issue at `keys` under the value being checked, for rules across several fields. */
export const issueAt = (
  addIssue: (info: { message: string; path?: [v.IssuePathItem, ...v.IssuePathItem[]] }) => void,
  keys: readonly (string | number)[],
  message: string,
): void => {
  const path = keys.map((key): v.IssuePathItem => ({
    type: 'unknown',
    origin: 'value',
    input: null,
    key,
    value: null,
  }))
  addIssue(
    path.length > 0
      ? { message, path: path as [v.IssuePathItem, ...v.IssuePathItem[]] }
      : { message },
  )
}

const MAX_DEPTH = 32

/** Any JSON value, copied; numbers must be finite and nesting at most 32 deep. */
export const json: v.GenericSchema<unknown, JsonValue> = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const keys: (string | number)[] = []
    const inner = (key: string | number, item: unknown): JsonValue => {
      keys.push(key)
      const out = copy(item)
      keys.pop()
      return out
    }
    const copy = (value: unknown): JsonValue => {
      if (keys.length > MAX_DEPTH) throw new ScenarioError('', 'is nested too deeply')
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
      if (typeof value === 'number' && Number.isFinite(value)) return value
      if (typeof value === 'number')
        throw new ScenarioError(
          '',
          `must be a number from ${-Number.MAX_VALUE} to ${Number.MAX_VALUE}`,
        )
      if (Array.isArray(value)) return value.map((item, i) => inner(i, item))
      if (!isRecord(value))
        throw new ScenarioError('', `must be an object, got ${describeValue(value)}`)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inner(key, item)]))
    }
    try {
      return copy(dataset.value)
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error
      issueAt(addIssue, keys, error.problem)
      return NEVER
    }
  }),
)

/** A JSON object, such as the data a view keeps in the session. */
export const jsonObject = v.pipe(
  json,
  v.check((value: JsonValue) => isRecord(value), got('must be an object')),
) as v.GenericSchema<unknown, Record<string, JsonValue>>

/** `routes[1].pattern`: array indices in brackets, keys after dots. */
const pathOf = (issue: v.BaseIssue<unknown>): string =>
  (issue.path ?? []).reduce<string>(
    (path, { key }) =>
      typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key),
    '',
  )

/**
 * Checks untrusted `input` against `schema` and returns its output.
 * Throws `ScenarioError` naming the first bad field; `root` names the input itself.
 * @example parseWith(RequestSpecSchema, JSON.parse(text), 'request').url
 */
export const parseWith = <S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  root = '',
): v.InferOutput<S> => {
  const result = v.safeParse(schema, input, { abortEarly: true })
  if (result.success) return result.output
  const issue = result.issues[0]
  throw new ScenarioError(pathOf(issue) || root, issue.message)
}
