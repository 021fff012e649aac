import type { JsonValue } from '../model/scenario'

type JsonParse =
  | { readonly ok: true; readonly value: JsonValue }
  /** Python's `JSONDecodeError`: its `msg` and the character position `pos`. */
  | { readonly ok: false; readonly msg: string; readonly pos: number }

class DecodeError {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y
const WHITESPACE = /[ \t\n\r]*/y
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * Parses JSON the way Python's `json.loads` does, failing with its message and position
 * (`Expecting value`, `Expecting ',' delimiter`, …), which FastAPI puts in a 422.
 */
export const parsePythonJson = (text: string): JsonParse => {
  let i = 0
  const skip = () => {
    WHITESPACE.lastIndex = i
    WHITESPACE.exec(text)
    i = WHITESPACE.lastIndex
  }
  const string = (): string => {
    const start = i
    i++
    let out = ''
    for (;;) {
      const c = text[i]
      if (c === undefined) throw new DecodeError('Unterminated string starting at', start)
      if (c === '"') {
        i++
        return out
      }
      if (c < ' ') throw new DecodeError('Invalid control character at', i)
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16))
          i += 6
          continue
        }
        const escaped = e === undefined ? undefined : ESCAPES[e]
        if (escaped === undefined) {
          if (e === undefined) throw new DecodeError('Unterminated string starting at', start)
          throw new DecodeError(e === 'u' ? 'Invalid \\uXXXX escape' : 'Invalid \\escape', i)
        }
        out += escaped
        i += 2
        continue
      }
      out += c
      i++
    }
  }
  const value = (depth: number): JsonValue => {
    if (depth > 64) throw new DecodeError('Expecting value', i)
    const c = text[i]
    if (c === '"') return string()
    if (c === '{') {
      i++
      skip()
      const obj: Record<string, JsonValue> = {}
      if (text[i] === '}') {
        i++
        return obj
      }
      for (;;) {
        if (text[i] !== '"')
          throw new DecodeError('Expecting property name enclosed in double quotes', i)
        const key = string()
        skip()
        if (text[i] !== ':') throw new DecodeError("Expecting ':' delimiter", i)
        i++
        skip()
        obj[key] = value(depth + 1)
        skip()
        if (text[i] === '}') {
          i++
          return obj
        }
        if (text[i] !== ',') throw new DecodeError("Expecting ',' delimiter", i)
        i++
        skip()
      }
    }
    if (c === '[') {
      i++
      skip()
      const arr: JsonValue[] = []
      if (text[i] === ']') {
        i++
        return arr
      }
      for (;;) {
        arr.push(value(depth + 1))
        skip()
        if (text[i] === ']') {
          i++
          return arr
        }
        if (text[i] !== ',') throw new DecodeError("Expecting ',' delimiter", i)
        i++
        skip()
      }
    }
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const)
      if (text.startsWith(word, i)) {
        i += word.length
        return literal
      }
    NUMBER.lastIndex = i
    const number = NUMBER.exec(text)
    if (number) {
      i = NUMBER.lastIndex
      return Number(number[0])
    }
    throw new DecodeError('Expecting value', i)
  }
  try {
    skip()
    const result = value(0)
    skip()
    if (i < text.length) throw new DecodeError('Extra data', i)
    return { ok: true, value: result }
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, msg: error.msg, pos: error.pos }
    throw error
  }
}
