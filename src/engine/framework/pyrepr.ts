/**
 * Python's repr() of `str` and `bytes`, escaped exactly as CPython 3 escapes them, so what a
 * simulated `print(scope)` shows and the string literals of generated code read as Python's own.
 */
import { utf8Bytes } from '../model/http'

type Quote = '"' | "'"

/** repr()'s quote: a single one, unless the text holds a single quote and no double quote. */
const reprQuote = (text: string): Quote => (text.includes("'") && !text.includes('"') ? '"' : "'")

const NAMED: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
}

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, '0')

/** Backslash, the quote, \t \n \r by name; any other character as \xNN, \uNNNN or \UNNNNNNNN. */
const escapeFor =
  (quote: Quote) =>
  (ch: string): string => {
    if (ch === '"' || ch === "'") return ch === quote ? `\\${ch}` : ch
    const named = NAMED[ch]
    if (named) return named
    const code = ch.codePointAt(0)!
    if (code < 0x100) return `\\x${hex(code, 2)}`
    return code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`
  }

/**
 * What a str repr() escapes: backslash, quotes, and what `str.isprintable()` refuses, i.e. the
 * "other" (controls, format characters, surrogates, private use, unassigned) and separator
 * categories, the space excepted. Unassigned follows the JS engine's Unicode version.
 */
const STR_ESCAPED = /[\\'"]|(?! )[\p{C}\p{Z}]/gu

/** bytes repr() writes only printable ASCII as itself. */
// eslint-disable-next-line no-control-regex
const BYTES_ESCAPED = /[\\'"\u0000-\u001f\u007f-\u00ff]/g

/** The inside of a `quote`-quoted Python str literal of `text`, escaped as repr() escapes it. */
export const pyStrBody = (text: string, quote: Quote): string =>
  text.replace(STR_ESCAPED, escapeFor(quote))

/** Python's repr of the UTF-8 bytes of `text`, as `print(scope)` shows `raw_path` and headers. */
export const pyBytes = (text: string): string => {
  const quote = reprQuote(text)
  // One char per byte (latin-1), so the bytes go through the same escaping as a str's characters.
  const latin1 = utf8Bytes(text)
    .map((byte) => String.fromCharCode(byte))
    .join('')
  return `b${quote}${latin1.replace(BYTES_ESCAPED, escapeFor(quote))}${quote}`
}
