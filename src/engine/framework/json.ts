import type { Framework, JsonValue } from '../model/scenario'

interface JsonStyle {
  readonly sortKeys: boolean
  readonly item: string
  readonly key: string
  readonly ensureAscii: boolean
  readonly newline: boolean
}

/** How each framework writes JSON, so bodies match the real bytes. */
const STYLES: Readonly<Record<Framework, JsonStyle>> = {
  // Flask's DefaultJSONProvider: sort_keys, compact separators, ASCII only, then a newline.
  flask: { sortKeys: true, item: ',', key: ':', ensureAscii: true, newline: true },
  // Django's JsonResponse is plain json.dumps: spaced separators, ASCII only.
  django: { sortKeys: false, item: ', ', key: ': ', ensureAscii: true, newline: false },
  // Starlette's JSONResponse: compact and UTF-8.
  fastapi: { sortKeys: false, item: ',', key: ':', ensureAscii: false, newline: false },
}

const NON_ASCII = /[\u0080-\uffff]/
const NON_ASCII_ALL = /[\u0080-\uffff]/g

const quote = (text: string, ascii: boolean): string => {
  const quoted = JSON.stringify(text)
  return ascii && NON_ASCII.test(quoted)
    ? quoted.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : quoted
}

// Plain loops and concatenation: this runs on every JSON body, so it must stay cheap.
const write = (value: JsonValue, style: JsonStyle): string => {
  if (typeof value === 'string') return quote(value, style.ensureAscii)
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  let out: string
  if (Array.isArray(value)) {
    out = '['
    for (let i = 0; i < value.length; i++)
      out += (i === 0 ? '' : style.item) + write(value[i]!, style)
    return `${out}]`
  }
  const keys = Object.keys(value)
  if (style.sortKeys) keys.sort()
  out = '{'
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    out += `${i === 0 ? '' : style.item}${quote(key, style.ensureAscii)}${style.key}${write(value[key]!, style)}`
  }
  return `${out}}`
}

/**
 * `value` as the framework's JSON response body.
 * @example pyJson('flask', { b: 1, a: 2 }) // '{"a":2,"b":1}\n'
 */
export const pyJson = (framework: Framework, value: JsonValue): string => {
  // Starlette's compact UTF-8 JSON is exactly what JSON.stringify writes.
  if (framework === 'fastapi') return JSON.stringify(value)
  const style = STYLES[framework]
  return write(value, style) + (style.newline ? '\n' : '')
}
