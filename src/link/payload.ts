/**
 * The payload after `app=` and `req=`: `1.<data>`, where `<data>` is UTF-8 JSON compressed with raw
 * DEFLATE (RFC 1951, by fflate) in URL-safe base64 without padding, and `1.` is the format's
 * version. Any raw DEFLATE stream reads (zlib's, `CompressionStream('deflate-raw')`'s, and the
 * hand-written encoder's that wrote the first links), so old links keep opening.
 *
 * Reading is synchronous, so a link is applied before the first paint, and bounded: the data
 * expands in small steps and stops at `MAX_DECODED_BYTES`, so a tiny "zip bomb" costs neither
 * memory nor time. (fflate's `inflateSync` with a fixed `out` buffer bounds the memory, but keeps
 * decoding past its end: a 300 kB bomb took seconds.) Nothing here throws to its callers.
 */
import { Inflate, deflateSync } from 'fflate'
import { shown } from './words'

/** The payload format written after `app=` and `req=` (`1.<base64url deflate-raw JSON>`). */
const PAYLOAD_VERSION = 1
/** A payload may expand to at most this many bytes of JSON. */
export const MAX_DECODED_BYTES = 256 * 1024

export class InflateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InflateError'
  }
}

/** Raw DEFLATE at fflate's best ratio: a scenario's few kilobytes of JSON in a third or less. */
export const deflateRaw = (input: Uint8Array): Uint8Array => deflateSync(input, { level: 9 })

/**
 * Compressed bytes fed per step: one step expands to at most ~1000 times its size (DEFLATE's
 * limit), so going past the cap is noticed within a couple of megabytes of work.
 */
const STEP = 2048

/** fflate's messages, as the notice words them. */
const REASONS: Readonly<Record<string, string>> = {
  'unexpected EOF': 'the data ends too early',
  'invalid block type': 'a block has an unknown type',
  'invalid length/literal': 'a code is not in the Huffman table',
  'invalid distance': 'a match reaches before the start',
}

/** Thrown for output past the cap: the data may be whole, just more than a link may carry. */
class TooLargeError extends InflateError {}

/**
 * Expands raw DEFLATE data; throws `InflateError` for anything malformed or truncated, and
 * `TooLargeError` for output past `maxOutput` bytes, which it refuses without producing it.
 */
export const inflateRaw = (input: Uint8Array, maxOutput = 1 << 20): Uint8Array => {
  const parts: Uint8Array[] = []
  let size = 0
  const stream = new Inflate((chunk) => {
    size += chunk.length
    if (size > maxOutput) throw new TooLargeError(`it would expand past ${maxOutput} bytes`)
    parts.push(chunk)
  })
  try {
    for (let at = 0; ; at += STEP) {
      const end = Math.min(at + STEP, input.length)
      stream.push(input.subarray(at, end), end === input.length)
      if (end === input.length) break
    }
  } catch (error) {
    if (error instanceof InflateError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new InflateError(REASONS[message] ?? `the data is not DEFLATE (${message})`)
  }
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
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

// ─── payloads ───────────────────────────────────────────────────────────────────────────────────

/** A JSON value as a payload: `1.<base64url of raw DEFLATE of its UTF-8 JSON>`. */
export const encodePayload = (value: unknown): string =>
  `${PAYLOAD_VERSION}.${toBase64Url(deflateRaw(new TextEncoder().encode(JSON.stringify(value))))}`

/** A payload's JSON, or a phrase saying why it could not be read (no throw). */
export const decodePayload = (text: string): { json: unknown } | { problem: string } => {
  const dot = text.indexOf('.')
  if (dot < 0 || !/^\d+$/.test(text.slice(0, dot)))
    return { problem: 'it has no format version in front' }
  const version = text.slice(0, dot)
  if (version !== String(PAYLOAD_VERSION))
    return {
      problem: `it is in format ${shown(version)}, and this version of Roundtrip reads format ${PAYLOAD_VERSION}`,
    }
  let bytes: Uint8Array
  try {
    bytes = inflateRaw(fromBase64Url(text.slice(dot + 1)), MAX_DECODED_BYTES)
  } catch (error) {
    if (error instanceof TooLargeError)
      return {
        problem: `it holds more than a link may carry (over ${MAX_DECODED_BYTES / 1024} kB once expanded); share it as an exported file instead`,
      }
    const reason = error instanceof Error ? error.message : String(error)
    return { problem: `its data is damaged or cut short (${reason})` }
  }
  let json: string
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: 'its data is not UTF-8 text' }
  }
  try {
    return { json: JSON.parse(json) as unknown }
  } catch {
    return { problem: 'its data is not valid JSON' }
  }
}
