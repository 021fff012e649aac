/** Longer hashes are not read at all. */
export const MAX_HASH_LENGTH = 400_000
/** Keys past this many are not read (nor kept on rewrite); the notice says so. */
export const MAX_KEYS = 64

/** A hash split into its keys' texts: what `parseLink` reads values from. */
export interface LinkEntries {
  /** The hash as read, without `#`. */
  readonly text: string
  /** Each key's first text in the link, in the link's order (at most `MAX_KEYS` keys). */
  readonly entries: ReadonlyMap<string, string>
  /** How many keys the link has, counting those past `MAX_KEYS`. */
  readonly keyCount: number
  /** Set when the hash is longer than `MAX_HASH_LENGTH`: nothing of it was read. */
  readonly tooLong: boolean
}

/**
 * The `&`-separated pairs of a hash (with or without `#`), in one linear pass: the first
 * `MAX_KEYS` decoded, the rest only counted. No key's value is read here (see hash.ts), so this
 * is all embed.html's poster needs before anything else loads. Never throws.
 */
export const readEntries = (hash: string): LinkEntries => {
  const text = hash.startsWith('#') ? hash.slice(1) : hash
  if (text.length > MAX_HASH_LENGTH) return { text, entries: new Map(), keyCount: 0, tooLong: true }
  let keyCount = 0
  let readTo = 0
  for (let at = 0; at <= text.length;) {
    let end = text.indexOf('&', at)
    if (end < 0) end = text.length
    if (end > at && ++keyCount <= MAX_KEYS) readTo = end
    at = end + 1
  }
  const entries = new Map<string, string>()
  // URLSearchParams decodes as browsers do (`+`, bad percent escapes) and never throws.
  for (const [name, value] of new URLSearchParams(text.slice(0, readTo)))
    if (!entries.has(name)) entries.set(name, value)
  return { text, entries, keyCount, tooLong: false }
}
