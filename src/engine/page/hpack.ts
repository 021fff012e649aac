/**
 * How many bytes a request's header block takes in HPACK (HTTP/2, RFC 7541) or QPACK (HTTP/3,
 * RFC 9204, modelled the same way): a header already in the connection's dynamic table, or a
 * name-value pair in the static table, costs one byte; a known name costs one byte plus its
 * Huffman-coded value; anything else spells out both, and is then added to the table. That is
 * why the first request on a connection costs hundreds of bytes and the next ones a few dozen.
 */

/** Pairs in HPACK's static table (a subset: the ones browsers send), by name. */
const STATIC_PAIRS = new Map([
  [':method', new Set(['GET', 'POST'])],
  [':scheme', new Set(['https'])],
  [':path', new Set(['/'])],
])
/** Names in HPACK's static table (a subset). */
export const STATIC_NAMES: ReadonlySet<string> = new Set([
  ':authority',
  ':path',
  'accept',
  'accept-encoding',
  'accept-language',
  'cookie',
  'user-agent',
  'referer',
  'if-none-match',
  'if-modified-since',
  'authorization',
  'content-type',
  'content-length',
])

/** Huffman coding makes typical header text about a fifth smaller. */
const huffman = (text: string): number => Math.ceil(text.length * 0.8) + 1

/**
 * The encoder's dynamic table on one connection: the values it has sent, by name (a name and a
 * value looked up apart, so no `name value` string is built per header).
 */
export type HeaderTable = Map<string, Set<string>>

/** One field's bytes in the header block; a field spelled out joins the table. */
export const fieldBytes = (name: string, value: string, table: HeaderTable): number => {
  if (STATIC_PAIRS.get(name)?.has(value)) return 1
  let sent = table.get(name)
  if (sent?.has(value)) return 1
  if (!sent) table.set(name, (sent = new Set()))
  sent.add(value)
  return STATIC_NAMES.has(name) ? 1 + huffman(value) : 1 + huffman(name) + huffman(value)
}

export const encodedHeaderBytes = (
  fields: readonly (readonly [string, string])[],
  table: HeaderTable,
): number => {
  let bytes = 0
  for (const [name, value] of fields) bytes += fieldBytes(name, value, table)
  return bytes
}
