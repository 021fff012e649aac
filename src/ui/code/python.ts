/**
 * Python source helpers: string literals that no user text can break out of, values as Python
 * literals (None, True, dicts), and long literals laid out over several lines.
 */
import type { JsonValue } from '../../engine'
import { pyStrBody } from '../../engine'

/** Controls, and anything a line splitter could treat as a break. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * A double-quoted Python string literal of `text` (the quotes Black writes), escaped as Python's
 * repr() escapes: backslash, quote, controls and every other unprintable character.
 */
export const pyStr = (text: string): string => `"${pyStrBody(text, '"')}"`

/** Text safe to put after `#` on one line: breaks and controls become spaces. */
export const commentText = (text: string): string => text.replace(UNSAFE, ' ').trim()

/** `camelCase` → `snake_case`, for option names. */
export const snake = (name: string): string =>
  name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, '')

/** `create_user` → `CreateUser`, for class names. */
export const pascal = (name: string): string =>
  name
    .split(/_+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')

/** A placeholder string `"{name}"` → the Python expression that holds the value, if known. */
export type Refs = Readonly<Record<string, string>>

const placeholder = (value: string, refs: Refs): string | undefined => {
  const name = /^\{(\w+)\}$/.exec(value)?.[1]
  return name === undefined ? undefined : refs[name]
}

/** A JSON value as one line of Python, placeholders replaced by their expressions. */
export const pyInline = (value: JsonValue, refs: Refs = {}): string => {
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None'
  if (typeof value === 'string') return placeholder(value, refs) ?? pyStr(value)
  if (Array.isArray(value)) return `[${value.map((v) => pyInline(v, refs)).join(', ')}]`
  const entries = Object.entries(value).map(([k, v]) => `${pyStr(k)}: ${pyInline(v, refs)}`)
  return `{${entries.join(', ')}}`
}

/** Longest line before a literal is split over several (Black's default). */
export const WIDTH = 88
/**
 * `prefix + value + suffix` as lines: on one line when it fits, otherwise one item per line,
 * nested as deep as needed. Every item is written, however many: the project must return
 * exactly the body the scenario models.
 */
export const pyBlock = (
  prefix: string,
  value: JsonValue,
  suffix: string,
  indent: string,
  refs: Refs = {},
): string[] => {
  const one = `${indent}${prefix}${pyInline(value, refs)}${suffix}`
  if (one.length <= WIDTH || value === null || typeof value !== 'object') return [one]
  const inner = `${indent}    `
  const lines = [`${indent}${prefix}${Array.isArray(value) ? '[' : '{'}`]
  if (Array.isArray(value)) {
    for (const item of value) lines.push(...pyBlock('', item, ',', inner, refs))
  } else {
    for (const [key, item] of Object.entries(value))
      lines.push(...pyBlock(`${pyStr(key)}: `, item, ',', inner, refs))
  }
  lines.push(`${indent}${Array.isArray(value) ? ']' : '}'}${suffix}`)
  return lines
}

/**
 * A text with `{name}` placeholders as a Python expression: a plain literal when nothing is
 * filled, otherwise literal parts and `str(expr)` joined with `+` (no f-string, so no quoting
 * rules inside the braces to get wrong).
 */
export const pyTemplate = (
  text: string,
  refs: Refs,
  literals: Readonly<Record<string, string>> = {},
): string => {
  const parts: string[] = []
  let literal = ''
  let last = 0
  for (const match of text.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!
    const known = literals[name]
    const expr = refs[name]
    if (known === undefined && expr === undefined) continue
    literal += text.slice(last, match.index)
    last = match.index + match[0].length
    if (known !== undefined) {
      literal += known
      continue
    }
    if (literal) parts.push(pyStr(literal))
    literal = ''
    parts.push(`str(${expr})`)
  }
  literal += text.slice(last)
  if (literal || parts.length === 0) parts.push(pyStr(literal))
  return parts.join(' + ')
}

/** A source line the scenario supplies (a fault's `line`), or `null` if it is not one plain line. */
export const plainSourceLine = (text: string | undefined): string | null =>
  text !== undefined && /^[\x20-\x7e]+$/.test(text) && !text.includes('\\') ? text.trim() : null

/** One path segment: `<int:id>`, `<id>`, `{id}` or `{id:int}`, or static text. */
type PathPart =
  | { readonly kind: 'static'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly type: string | null }

const pathParts = (pattern: string): PathPart[] =>
  pattern.split('/').map((part): PathPart => {
    const angle = /^<(?:(\w+):)?([A-Za-z_]\w*)>$/.exec(part)
    if (angle) return { kind: 'param', name: angle[2]!, type: angle[1] ?? null }
    const brace = /^\{([A-Za-z_]\w*)(?::(\w+))?\}$/.exec(part)
    if (brace) return { kind: 'param', name: brace[1]!, type: brace[2] ?? null }
    return { kind: 'static', text: part }
  })

/** The path parameters of a pattern with their converter (`null` when it has none). */
export const pathParams = (pattern: string) =>
  pathParts(pattern).flatMap((p) => (p.kind === 'param' ? [p] : []))

/** A pattern in Werkzeug / Django syntax (`<int:id>`) or Starlette syntax (`{id}`). */
export const convertPattern = (pattern: string, style: 'angle' | 'brace'): string =>
  pathParts(pattern)
    .map((p) => {
      if (p.kind === 'static') return p.text
      const type = p.type === 'string' ? 'str' : p.type
      if (style === 'brace') return type === 'path' ? `{${p.name}:path}` : `{${p.name}}`
      return type && type !== 'str' ? `<${type}:${p.name}>` : `<${p.name}>`
    })
    .join('/')

/** A Python annotation for a converter or field type. */
export const pyType = (type: string | null): string => {
  switch (type) {
    case 'int':
      return 'int'
    case 'float':
      return 'float'
    case 'bool':
      return 'bool'
    case 'email':
      return 'EmailStr'
    case 'uuid':
      return 'UUID'
    default:
      return 'str'
  }
}
