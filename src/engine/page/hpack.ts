/**
 * How many bytes a request's header block takes in HPACK (HTTP/2, RFC 7541) or QPACK (HTTP/3,
 * RFC 9204, modelled the same way): a header already in the connection's dynamic table, or a
 * name-value pair in the static table, costs one byte; a known name costs one byte plus its
 * Huffman-coded value; anything else spells out both, and is then added to the table. That is
 * why the first request on a connection costs hundreds of bytes and the next ones a few dozen.
 */

/** Pairs in HPACK's static table (a subset: the ones browsers send). */
const STATIC_PAIRS = new Set([':method GET', ':method POST', ':scheme https', ':path /'])
/** Names in HPACK's static table (a subset). */
const STATIC_NAMES = new Set([
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

/** The encoder's dynamic table on one connection: the `name value` pairs it has sent. */
export type HeaderTable = Set<string>

export const encodedHeaderBytes = (
  fields: readonly (readonly [string, string])[],
  table: HeaderTable,
): number => {
  let bytes = 0
  for (const [name, value] of fields) {
    const pair = `${name} ${value}`
    if (STATIC_PAIRS.has(pair) || table.has(pair)) {
      bytes += 1
      continue
    }
    bytes += STATIC_NAMES.has(name) ? 1 + huffman(value) : 1 + huffman(name) + huffman(value)
    table.add(pair)
  }
  return bytes
}
