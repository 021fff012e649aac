/** Light syntax colouring: a line split into tokens by kind. Pure; one regular expression per language. */
import type { Language } from './model'

type TokenKind =
  | 'plain'
  | 'comment'
  | 'string'
  | 'keyword'
  | 'number'
  | 'decorator'
  | 'name'
  | 'directive'
  | 'variable'

interface Token {
  readonly text: string
  readonly kind: TokenKind
}

const STRING = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`

const PATTERNS: Readonly<Record<Language, RegExp>> = {
  python: new RegExp(
    [
      String.raw`(?<comment>#.*$)`,
      `(?<string>${STRING})`,
      String.raw`(?<decorator>^\s*@[\w.]+)`,
      String.raw`(?<name>(?<=\b(?:def|class) )\w+)`,
      String.raw`(?<keyword>\b(?:def|class|return|import|from|if|else|for|in|not|async|await|raise|with|as|None|True|False)\b)`,
      String.raw`(?<number>\b\d+(?:\.\d+)?\b)`,
    ].join('|'),
    'g',
  ),
  nginx: new RegExp(
    [
      String.raw`(?<comment>#.*$)`,
      `(?<string>${STRING})`,
      String.raw`(?<variable>\$\w+)`,
      String.raw`(?<directive>^\s*[a-z_]+)`,
      String.raw`(?<number>\b\d+[a-z]?\b)`,
    ].join('|'),
    'g',
  ),
  caddy: new RegExp(
    [
      String.raw`(?<comment>#.*$)`,
      `(?<string>${STRING})`,
      String.raw`(?<variable>\{[\w.]+\})`,
      String.raw`(?<directive>^\s*[a-z_]+)`,
      String.raw`(?<number>\b\d+[a-z]?\b)`,
    ].join('|'),
    'g',
  ),
  sql: new RegExp(
    [
      String.raw`(?<comment>--.*$)`,
      `(?<string>'(?:[^']|'')*')`,
      String.raw`(?<keyword>\b(?:CREATE|TABLE|IF|NOT|EXISTS|INSERT|OR|IGNORE|INTO|SELECT|FROM|WITH|RECURSIVE|AS|UNION|ALL|WHERE|PRIMARY|KEY|INDEX|ON|CASE|WHEN|THEN|ELSE|END|INTEGER|TEXT|REAL|NULL)\b)`,
      String.raw`(?<number>\b\d+(?:\.\d+)?\b)`,
    ].join('|'),
    'g',
  ),
  html: new RegExp(
    [
      String.raw`(?<variable>\{\{[^}]*\}\})`,
      `(?<string>"[^"]*")`,
      String.raw`(?<directive></?[a-z][a-z0-9]*)`,
    ].join('|'),
    'g',
  ),
  // Plain text (requirements.txt, README.md, static files): only comments stand out.
  text: /(?<comment>^#.*$)/g,
  shell: new RegExp(
    [
      String.raw`(?<comment>#.*$)`,
      String.raw`(?<directive>^[\w-]+)`,
      String.raw`(?<keyword>--?[\w-]+)`,
      String.raw`(?<number>\b\d+\b)`,
    ].join('|'),
    'g',
  ),
}

/** `text` as tokens whose texts join back to `text` exactly. */
export const tokenize = (text: string, language: Language): Token[] => {
  const out: Token[] = []
  let last = 0
  for (const match of text.matchAll(PATTERNS[language])) {
    const [kind, value] = Object.entries(match.groups ?? {}).find(([, v]) => v !== undefined) ?? []
    if (!kind || value === undefined || value === '') continue
    if (match.index > last) out.push({ text: text.slice(last, match.index), kind: 'plain' })
    out.push({ text: value, kind: kind as TokenKind })
    last = match.index + value.length
  }
  if (last < text.length) out.push({ text: text.slice(last), kind: 'plain' })
  return out
}
