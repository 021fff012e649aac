import { describe, expect, it } from 'vitest'
import { pyBytes } from '../../../src/engine/framework/pyrepr'

/**
 * [text, repr(text.encode('utf-8', 'surrogatepass'))]: every expected value was printed by
 * python3 (3.11) itself, never written by hand.
 */
const BYTES: readonly (readonly [string, string])[] = [
  ['', "b''"],
  ['/health', "b'/health'"],
  ["it's", 'b"it\'s"'],
  ['say "hi"', 'b\'say "hi"\''],
  ['both \' and "', "b'both \\' and \"'"],
  ['/a\\b', "b'/a\\\\b'"],
  ['\t\n\r', "b'\\t\\n\\r'"],
  ['\u0000\u001f\u007f\u000b', "b'\\x00\\x1f\\x7f\\x0b'"],
  ['caf\u00e9', "b'caf\\xc3\\xa9'"],
  ['\ud83d\ude00', "b'\\xf0\\x9f\\x98\\x80'"],
  ['q=ada%20lovelace&x=~', "b'q=ada%20lovelace&x=~'"],
  ["'", 'b"\'"'],
  ['"', "b'\"'"],
]

describe("pyBytes: Python's repr of bytes", () => {
  it.each(BYTES)('%j → %s', (text, repr) => {
    expect(pyBytes(text)).toBe(repr)
  })
})
