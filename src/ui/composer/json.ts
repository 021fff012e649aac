/** Where JSON text stops being valid, and why, in words a student can act on. */
interface JsonProblem {
  /** 0-based index into the text. */
  readonly offset: number
  /** 1-based line and column, as an editor counts them. */
  readonly line: number
  readonly column: number
  readonly message: string
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message)
  }
}

const describe = (c: string | undefined): string =>
  c === undefined
    ? 'the end of the text'
    : c === '\n'
      ? 'a line break'
      : c === "'"
        ? "' (JSON strings use double quotes)"
        : `"${c}"`

/**
 * Checks JSON text the way `JSON.parse` does, but says where the first problem is (line and
 * column) and what was expected there: browsers' own messages differ and some give no position.
 * Returns `null` for valid JSON.
 * @example checkJson('{"a": 1,}')?.message // 'expected a property name in double quotes, found "}" …'
 */
export const checkJson = (text: string): JsonProblem | null => {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const fail = (message: string): never => {
    throw new Stop(i, message)
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`expected ${word} (true, false and null are written in lower case)`)
  }
  const string = () => {
    i++ // opening quote
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') return void i++
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('expected four hex digits after \\u')
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else fail(`${describe(e)} cannot follow a backslash; write \\\\ for a backslash itself`)
      } else if (c < ' ')
        fail(
          c === '\n'
            ? 'a string cannot span lines: close it with " or write \\n'
            : 'a string cannot hold a control character',
        )
      else i++
    }
    fail('this string is never closed: add a " at its end')
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!match || match[0] === '-') fail(`expected a number, found ${describe(text[i])}`)
    i += match![0].length
    if (/[0-9.]/.test(text[i] ?? '')) fail('a number cannot have leading zeros or a second "."')
  }
  const value = (depth: number): void => {
    if (depth > 512) fail('the JSON nests more than 512 levels deep')
    ws()
    const c = text[i]
    if (c === '{') return object(depth)
    if (c === '[') return array(depth)
    if (c === '"') return string()
    if (c === 't') return literal('true')
    if (c === 'f') return literal('false')
    if (c === 'n') return literal('null')
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number()
    if (c === "'") fail('JSON strings use double quotes ("), not single quotes')
    const word = /^(True|False|None|NULL|Null)\b/.exec(text.slice(i))
    if (word)
      fail(
        `found ${word[0]}: JSON writes true, false and null in lower case (None is Python's null)`,
      )
    if (c === undefined) fail('the JSON ends where a value was expected')
    fail(
      `expected a value (an object, array, string, number, true, false or null), found ${describe(c)}`,
    )
  }
  const object = (depth: number) => {
    i++
    ws()
    if (text[i] === '}') return void i++
    for (;;) {
      ws()
      if (text[i] !== '"')
        fail(
          text[i] === '}'
            ? 'a comma cannot come right before "}" in JSON (remove the trailing comma)'
            : `expected a property name in double quotes, found ${describe(text[i])}`,
        )
      string()
      ws()
      if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe(text[i])}`)
      i++
      value(depth + 1)
      ws()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') return void i++
      fail(`expected "," or "}" after a property value, found ${describe(text[i])}`)
    }
  }
  const array = (depth: number) => {
    i++
    ws()
    if (text[i] === ']') return void i++
    for (;;) {
      ws()
      if (text[i] === ']') fail('a comma cannot come right before "]" in JSON (remove it)')
      value(depth + 1)
      ws()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') return void i++
      fail(`expected "," or "]" after an array item, found ${describe(text[i])}`)
    }
  }

  try {
    value(0)
    ws()
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`)
    return null
  } catch (error) {
    if (!(error instanceof Stop)) throw error
    const before = text.slice(0, error.offset)
    const line = before.split('\n').length
    const column = error.offset - (before.lastIndexOf('\n') + 1) + 1
    return { offset: error.offset, line, column, message: error.message }
  }
}
