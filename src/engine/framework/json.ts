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

const NON_ASCII = /[\u0080-\uffff]/g

const quote = (text: string, ascii: boolean): string => {
  const quoted = JSON.stringify(text)
  return ascii
    ? quoted.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : quoted
}

const write = (value: JsonValue, style: JsonStyle): string => {
  if (value === null || typeof value !== 'object')
    return typeof value === 'string' ? quote(value, style.ensureAscii) : JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => write(v, style)).join(style.item)}]`
  const keys = Object.keys(value)
  if (style.sortKeys) keys.sort()
  return `{${keys
    .map((k) => `${quote(k, style.ensureAscii)}${style.key}${write(value[k]!, style)}`)
    .join(style.item)}}`
}

/**
 * `value` as the framework's JSON response body.
 * @example pyJson('flask', { b: 1, a: 2 }) // '{"a":2,"b":1}\n'
 */
export const pyJson = (framework: Framework, value: JsonValue): string => {
  const style = STYLES[framework]
  return write(value, style) + (style.newline ? '\n' : '')
}
