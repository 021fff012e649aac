import { describe, expect, it } from 'vitest'
import { pyStr } from '../../../src/ui/code/python'

/**
 * [text, the literal pyStr writes]. Every expected value was printed by python3 (3.11): its
 * repr(text) with the quote made a double one (\' un-escaped, " escaped), each then checked with
 * ast.literal_eval(literal) == text. So pyStr escapes exactly what repr() escapes.
 */
const STRINGS: readonly (readonly [string, string])[] = [
  ['', '""'],
  ['plain', '"plain"'],
  ["it's", '"it\'s"'],
  ['say "hi"', '"say \\"hi\\""'],
  ['both \' and "', '"both \' and \\""'],
  ['a\\b', '"a\\\\b"'],
  ['\t\n\r', '"\\t\\n\\r"'],
  ['\u0000\u001f\u007f', '"\\x00\\x1f\\x7f"'],
  ['\u000b\f\u001b', '"\\x0b\\x0c\\x1b"'],
  ['\u0080\u009f', '"\\x80\\x9f"'],
  ['no\u00a0break', '"no\\xa0break"'],
  ['caf\u00e9', '"caf\u00e9"'],
  ['zero\u200bwidth', '"zero\\u200bwidth"'],
  ['\u2028\u2029', '"\\u2028\\u2029"'],
  ['\ufeff', '"\\ufeff"'],
  ['\u3000', '"\\u3000"'],
  ['\u65e5\u672c', '"\u65e5\u672c"'],
  ['\ud83d\ude00', '"\ud83d\ude00"'],
  ['\udb40\udc01', '"\\U000e0001"'],
  ['\ud800', '"\\ud800"'],
  ['\ue000', '"\\ue000"'],
  ['\udbff\udfff', '"\\U0010ffff"'],
  [' ', '" "'],
  ["'", '"\'"'],
  ['"', '"\\""'],
  ["\\'", '"\\\\\'"'],
]

describe('pyStr: a Python str literal, escaped as repr() escapes', () => {
  it.each(STRINGS)('%j → %s', (text, literal) => {
    expect(pyStr(text)).toBe(literal)
  })
})
