/**
 * A small, synchronous raw DEFLATE (RFC 1951) codec for deep links, with no dependencies.
 *
 * `deflateRaw` writes one fixed-Huffman block with LZ77 matches: not zlib's ratio, but close for
 * the few kilobytes of JSON a scenario is, and its output is standard, so
 * `DecompressionStream('deflate-raw')` or zlib can read it too. `inflateRaw` reads any raw DEFLATE
 * stream (stored, fixed and dynamic blocks) and refuses, with `InflateError`, anything malformed,
 * truncated or larger than `maxOutput` bytes. It is synchronous so a link can be read before the
 * first paint.
 */

export class InflateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InflateError'
  }
}

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
]
const LENGTH_EXTRA = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
]
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]
/** The order code-length code lengths are sent in a dynamic block header. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

// ─── compression ────────────────────────────────────────────────────────────────────────────────

class BitWriter {
  private bytes: number[] = []
  private acc = 0
  private count = 0
  /** Writes `n` bits of `value`, least significant first (DEFLATE's order for data fields). */
  bits(value: number, n: number): void {
    this.acc |= value << this.count
    this.count += n
    while (this.count >= 8) {
      this.bytes.push(this.acc & 0xff)
      this.acc >>>= 8
      this.count -= 8
    }
  }
  /** Writes a Huffman code, which DEFLATE packs most significant bit first. */
  code(code: number, n: number): void {
    let reversed = 0
    for (let i = 0; i < n; i++) reversed |= ((code >> i) & 1) << (n - 1 - i)
    this.bits(reversed, n)
  }
  finish(): Uint8Array {
    if (this.count > 0) this.bytes.push(this.acc & 0xff)
    return Uint8Array.from(this.bytes)
  }
}

/** The fixed literal/length code of RFC 1951 §3.2.6. */
const writeLiteral = (out: BitWriter, symbol: number): void => {
  if (symbol < 144) out.code(0x30 + symbol, 8)
  else if (symbol < 256) out.code(0x190 + symbol - 144, 9)
  else if (symbol < 280) out.code(symbol - 256, 7)
  else out.code(0xc0 + symbol - 280, 8)
}

const indexOfBase = (bases: readonly number[], value: number): number => {
  let i = bases.length - 1
  while (bases[i]! > value) i--
  return i
}

const WINDOW = 32768
const MAX_MATCH = 258
const MAX_CHAIN = 128
const HASH_SIZE = 1 << 15

/** Compresses bytes into one raw DEFLATE block (fixed Huffman codes, LZ77 over a 32 kB window). */
export const deflateRaw = (input: Uint8Array): Uint8Array => {
  const out = new BitWriter()
  out.bits(1, 1) // BFINAL: the only block
  out.bits(1, 2) // BTYPE 01: fixed Huffman codes
  const head = new Int32Array(HASH_SIZE).fill(-1)
  const prev = new Int32Array(input.length)
  const hashAt = (i: number) =>
    ((input[i]! << 10) ^ (input[i + 1]! << 5) ^ input[i + 2]!) & (HASH_SIZE - 1)
  const insert = (i: number) => {
    if (i + 2 >= input.length) return
    const h = hashAt(i)
    prev[i] = head[h]!
    head[h] = i
  }

  let i = 0
  while (i < input.length) {
    let bestLength = 0
    let bestDistance = 0
    if (i + 2 < input.length) {
      let candidate = head[hashAt(i)]!
      const limit = Math.min(MAX_MATCH, input.length - i)
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let length = 0
        while (length < limit && input[candidate + length] === input[i + length]) length++
        if (length > bestLength) {
          bestLength = length
          bestDistance = i - candidate
          if (length === limit) break
        }
        candidate = prev[candidate]!
      }
    }
    if (bestLength >= 3) {
      const l = indexOfBase(LENGTH_BASE, bestLength)
      writeLiteral(out, 257 + l)
      out.bits(bestLength - LENGTH_BASE[l]!, LENGTH_EXTRA[l]!)
      const d = indexOfBase(DIST_BASE, bestDistance)
      out.code(d, 5)
      out.bits(bestDistance - DIST_BASE[d]!, DIST_EXTRA[d]!)
      for (let k = 0; k < bestLength; k++) insert(i + k)
      i += bestLength
    } else {
      writeLiteral(out, input[i]!)
      insert(i)
      i++
    }
  }
  writeLiteral(out, 256) // end of block
  return out.finish()
}

// ─── decompression ──────────────────────────────────────────────────────────────────────────────

interface Huffman {
  /** How many codes have each length 0…15. */
  readonly counts: Uint16Array
  /** Symbols ordered by code. */
  readonly symbols: Uint16Array
}

const huffman = (lengths: ArrayLike<number>): Huffman => {
  const counts = new Uint16Array(16)
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++
  counts[0] = 0
  let left = 1
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - counts[len]!
    if (left < 0) throw new InflateError('a Huffman code is over-subscribed')
  }
  const offsets = new Uint16Array(16)
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + counts[len]!
  const symbols = new Uint16Array(lengths.length)
  for (let i = 0; i < lengths.length; i++)
    if (lengths[i] !== 0) symbols[offsets[lengths[i]!]!++] = i
  return { counts, symbols }
}

const FIXED_LITERALS = huffman(
  Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)),
)
const FIXED_DISTANCES = huffman(Array.from({ length: 30 }, () => 5))

/**
 * Decompresses raw DEFLATE data. Throws `InflateError` on anything malformed or truncated, or when
 * the output would pass `maxOutput` bytes (so a small link cannot expand into a huge one).
 */
export const inflateRaw = (input: Uint8Array, maxOutput = 1 << 20): Uint8Array => {
  let pos = 0
  let acc = 0
  let count = 0
  let out = new Uint8Array(Math.min(maxOutput, Math.max(1024, input.length * 4)))
  let length = 0

  const bits = (n: number): number => {
    while (count < n) {
      if (pos >= input.length) throw new InflateError('the data ends too early')
      acc |= input[pos++]! << count
      count += 8
    }
    const value = acc & ((1 << n) - 1)
    acc >>>= n
    count -= n
    return value
  }
  const decode = (h: Huffman): number => {
    let code = 0
    let first = 0
    let index = 0
    for (let len = 1; len < 16; len++) {
      code |= bits(1)
      const n = h.counts[len]!
      if (code - n < first) return h.symbols[index + (code - first)]!
      index += n
      first = (first + n) << 1
      code <<= 1
    }
    throw new InflateError('a code is not in the Huffman table')
  }
  const room = (n: number) => {
    if (length + n > maxOutput) throw new InflateError(`it would expand past ${maxOutput} bytes`)
    if (length + n <= out.length) return
    const grown = new Uint8Array(Math.min(maxOutput, Math.max(out.length * 2, length + n)))
    grown.set(out.subarray(0, length))
    out = grown
  }

  const codes = (literals: Huffman, distances: Huffman) => {
    for (;;) {
      const symbol = decode(literals)
      if (symbol < 256) {
        room(1)
        out[length++] = symbol
      } else if (symbol === 256) {
        return
      } else {
        const l = symbol - 257
        if (l >= 29) throw new InflateError('a length code is out of range')
        const size = LENGTH_BASE[l]! + bits(LENGTH_EXTRA[l]!)
        const d = decode(distances)
        if (d >= 30) throw new InflateError('a distance code is out of range')
        const distance = DIST_BASE[d]! + bits(DIST_EXTRA[d]!)
        if (distance > length) throw new InflateError('a match reaches before the start')
        room(size)
        for (let k = 0; k < size; k++, length++) out[length] = out[length - distance]!
      }
    }
  }

  const dynamic = () => {
    const nLiterals = bits(5) + 257
    const nDistances = bits(5) + 1
    const nCodeLengths = bits(4) + 4
    if (nLiterals > 286 || nDistances > 30) throw new InflateError('a block header is out of range')
    const clen = new Uint8Array(19)
    for (let i = 0; i < nCodeLengths; i++) clen[CLEN_ORDER[i]!] = bits(3)
    const clenCode = huffman(clen)
    const lengths = new Uint8Array(nLiterals + nDistances)
    for (let i = 0; i < lengths.length;) {
      const symbol = decode(clenCode)
      if (symbol < 16) {
        lengths[i++] = symbol
        continue
      }
      let repeat: number
      let value = 0
      if (symbol === 16) {
        if (i === 0) throw new InflateError('a repeat has nothing to repeat')
        value = lengths[i - 1]!
        repeat = 3 + bits(2)
      } else if (symbol === 17) repeat = 3 + bits(3)
      else repeat = 11 + bits(7)
      if (i + repeat > lengths.length) throw new InflateError('code lengths overrun the header')
      lengths.fill(value, i, i + repeat)
      i += repeat
    }
    if (lengths[256] === 0) throw new InflateError('the block has no end-of-block code')
    codes(huffman(lengths.subarray(0, nLiterals)), huffman(lengths.subarray(nLiterals)))
  }

  for (let last = 0; !last;) {
    last = bits(1)
    const type = bits(2)
    if (type === 0) {
      acc = 0
      count = 0
      if (pos + 4 > input.length) throw new InflateError('the data ends too early')
      const size = input[pos]! | (input[pos + 1]! << 8)
      const check = input[pos + 2]! | (input[pos + 3]! << 8)
      pos += 4
      if ((size ^ 0xffff) !== check) throw new InflateError('a stored block has a bad length')
      if (pos + size > input.length) throw new InflateError('the data ends too early')
      room(size)
      out.set(input.subarray(pos, pos + size), length)
      length += size
      pos += size
    } else if (type === 1) codes(FIXED_LITERALS, FIXED_DISTANCES)
    else if (type === 2) dynamic()
    else throw new InflateError('a block has an unknown type')
  }
  return out.slice(0, length)
}

// ─── base64url ──────────────────────────────────────────────────────────────────────────────────

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]))

/** Bytes as URL-safe base64 without padding (RFC 4648 §5): safe in a hash without escaping. */
export const toBase64Url = (bytes: Uint8Array): string => {
  let text = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) text += ALPHABET[(n >> (18 - 6 * k)) & 63]
  }
  return text
}

/** The inverse of `toBase64Url`; throws `InflateError` on a character outside the alphabet. */
export const fromBase64Url = (text: string): Uint8Array => {
  if (text.length % 4 === 1) throw new InflateError('its length is not valid base64')
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8))
  let acc = 0
  let count = 0
  let j = 0
  for (const c of text) {
    const v = VALUES.get(c)
    if (v === undefined) throw new InflateError('it contains characters that are not base64url')
    acc = ((acc << 6) | v) & 0xffffff
    count += 6
    if (count >= 8) {
      count -= 8
      bytes[j++] = (acc >> count) & 0xff
    }
  }
  return bytes
}
