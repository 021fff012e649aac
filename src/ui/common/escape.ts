/**
 * Text made safe for where an export is read: Markdown (a transcript on GitHub, in a wiki, through
 * `marked`), Mermaid and XML (the SVG, and the HTML snippets the Share dialog writes). Each keeps
 * the text reading as itself: nothing in a user's string (a title, SQL, a header value) can
 * become markup, a directive or a link.
 */

// ─── Markdown ───────────────────────────────────────────────────────────────────────────────────

/**
 * One line: line breaks (U+2028 and U+2029 too, which end a line for a JavaScript regex's `.`),
 * tabs and other control characters become single spaces.
 */
const oneLine = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').trim()

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/** A letter or digit on both sides: `_` there cannot open or close emphasis (`user_id`). */
const intraword = (line: string, at: number): boolean =>
  /[\p{L}\p{N}]/u.test(line[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(line[at + 1] ?? '')

/**
 * Text that renders as itself in Markdown, a table cell included: one line; HTML's `<`, `>` and
 * `&` as entities, so no tag or entity of the text's own is ever read; backslash escapes for
 * what Markdown reads as syntax (code spans, emphasis, links, strikethrough, table pipes); and
 * no autolink but http(s): `@` after a name (an e-mail address) and `ftp:` before `//` escaped.
 */
export const markdownText = (text: string): string => {
  const line = oneLine(text)
  return line.replace(/[\\`*_[\]~|<>&@:]/g, (c, at: number) => {
    if (c in HTML_ENTITIES) return HTML_ENTITIES[c]!
    if (c === '_' && intraword(line, at)) return c
    if (c === '@' && !/[\w.+-]/.test(line[at - 1] ?? '')) return c
    if (c === ':' && !/ftp$/i.test(line.slice(Math.max(0, at - 3), at))) return c
    return `\\${c}`
  })
}

/** A heading's text: also `#`, which would otherwise close the heading. */
export const headingText = (text: string): string => markdownText(text).replace(/#/g, '\\#')

/**
 * Text as an inline code span: one line, literal inside (a renderer escapes its HTML), with a
 * fence longer than any run of backticks in it, and padded where the text would touch the fence.
 */
export const inlineCode = (text: string): string => {
  const line = oneLine(text)
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}

// ─── Mermaid ────────────────────────────────────────────────────────────────────────────────────

const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
  '%': '#37;',
  '"': '#quot;',
  '&': '#amp;',
}

/**
 * Text safe in a Mermaid message, note, title or alias: one line, and the characters Mermaid
 * reads as syntax as its entity codes: `;` ends a statement, `#` starts a comment (and an entity
 * code, so none of the text's own is read), `%` a `%%` comment or `%%{init}` directive, `<` and
 * `>` HTML such as `<br>`, `"` and `&` quoting and HTML entities. (`:` needs none: a label runs
 * from its first `:` to the end of the line.)
 */
export const mermaidText = (text: string): string =>
  oneLine(text).replace(/[#;<>%"&]/g, (c) => MERMAID_ENTITIES[c] ?? c)

// ─── XML ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Text safe as XML character data and inside a double-quoted attribute: markup characters as
 * entities; what XML cannot hold at all (most C0 controls, U+FFFE/U+FFFF) dropped and a lone
 * surrogate as U+FFFD, so the file always parses.
 */
export const xml = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/\p{Cs}/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
