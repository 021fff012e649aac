import type { Stage } from '../context'
import type { MiddlewareSpec } from '../model/scenario'
import { utf8Length, withHeaders } from '../model/http'
import { appendVary } from './shared'

type Options = Extract<MiddlewareSpec, { kind: 'compression' }>

/** Bits of a DEFLATE match: a length code and a distance code, each with its extra bits. */
const matchCost = (length: number, distance: number): number =>
  7 +
  Math.max(0, Math.floor(Math.log2(length - 2)) - 2) +
  5 +
  Math.max(0, Math.floor(Math.log2(distance)) - 1)

// zlib's hash table: 2^15 heads. Reused between calls; a generation stamp marks stale entries.
const HASH_BITS = 15
const HASH_MASK = (1 << HASH_BITS) - 1
const heads = new Int32Array(1 << HASH_BITS)
const headGeneration = new Int32Array(1 << HASH_BITS)
let generation = 0
let previous = new Int32Array(4096)

const estimate = (text: string, level: number): number => {
  const n = text.length
  // zlib follows longer hash chains at higher levels.
  const maxChain = level >= 8 ? 32 : level >= 5 ? 16 : 4
  generation++
  if (previous.length < n) previous = new Int32Array(n * 2)
  const hash = (i: number): number =>
    ((text.charCodeAt(i) << 10) ^ (text.charCodeAt(i + 1) << 5) ^ text.charCodeAt(i + 2)) &
    HASH_MASK
  const insert = (at: number, h: number): void => {
    previous[at] = headGeneration[h] === generation ? heads[h]! : -1
    heads[h] = at
    headGeneration[h] = generation
  }
  const counts = new Map<number, number>()
  let literals = 0
  let matchBits = 0
  let i = 0
  while (i < n) {
    if (i + 2 < n) {
      const h = hash(i)
      let candidate = headGeneration[h] === generation ? heads[h]! : -1
      let best = 0
      let bestDistance = 0
      for (let chain = 0; candidate >= 0 && i - candidate <= 32_768 && chain < maxChain; chain++) {
        let length = 0
        while (
          length < 258 &&
          i + length < n &&
          text.charCodeAt(candidate + length) === text.charCodeAt(i + length)
        )
          length++
        if (length > best) {
          best = length
          bestDistance = i - candidate
          if (length === 258) break
        }
        candidate = previous[candidate]!
      }
      insert(i, h)
      if (best >= 3) {
        matchBits += matchCost(best, bestDistance)
        for (let k = 1; k < best && i + k + 2 < n; k++) insert(i + k, hash(i + k))
        i += best
        continue
      }
    }
    const c = text.charCodeAt(i)
    counts.set(c, (counts.get(c) ?? 0) + 1)
    literals++
    i++
  }
  let entropy = 0
  for (const count of counts.values()) entropy -= (count / literals) * Math.log2(count / literals)
  // Fixed codes spend 8 bits on an ASCII literal; a dynamic block prices it near its entropy
  // but must carry its code tables first. zlib writes whichever is smaller.
  const fixed = literals * 8 + matchBits
  const dynamic = literals * (entropy + 0.25) + matchBits * 0.9 + (20 + counts.size * 0.55) * 8
  return Math.round(18 + 1 + Math.min(fixed, dynamic) / 8)
}

// The same bodies come back request after request; the estimate is pure, so keep a few.
const memo = new Map<string, number>()

/**
 * The size gzip would produce, estimated deterministically without compressing: an LZ77 pass
 * with hash chains finds repeats as zlib does, then the cheaper of DEFLATE's fixed codes and a
 * dynamic block (literals at their Shannon entropy, plus code tables) is priced. Within about
 * 20 % of zlib for typical JSON and HTML bodies.
 */
export const gzipSize = (text: string, level = 9): number => {
  // 10-byte header, 8-byte trailer, and an empty final block.
  if (text.length === 0) return 20
  const key = `${level}:${text}`
  const known = memo.get(key)
  if (known !== undefined) return known
  const size = estimate(text, level)
  if (memo.size >= 32) memo.clear()
  memo.set(key, size)
  return size
}

const INCOMPRESSIBLE =
  /^(image\/(?!svg)|video\/|audio\/|application\/(zip|gzip|x-gzip|octet-stream|pdf))/

/** Whether `Accept-Encoding` allows gzip (`gzip`, `gzip;q=0.5`, `*`; not `gzip;q=0`). */
export const acceptsGzip = (header: string | undefined): boolean =>
  (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0)
  })

/**
 * Compression: on the way out, gzips the body when the client accepts it and the body is big
 * enough to be worth it; sets `Content-Encoding`, the new `Content-Length` and
 * `Vary: Accept-Encoding`. The body stays as text here: it is what the browser hands the page
 * after decoding; `Content-Length` is what crosses the wire.
 */
export const compressionMiddleware = (options: Options): Stage => ({
  id: 'middleware:compression',
  layer: 'middleware',
  run(ctx, request, next) {
    const accepted = acceptsGzip(request.headers['accept-encoding'])
    ctx.emit(this, {
      type: 'middleware:enter',
      direction: 'request',
      title: accepted ? 'Compression: client accepts gzip' : 'Compression: client wants no gzip',
      duration: 0.01,
      request,
      data: { name: 'compression', note: request.headers['accept-encoding'] ?? '' },
    })
    const inner = next(request)
    const minimumSize = options.minimumSize ?? (ctx.scenario.framework === 'django' ? 200 : 500)
    const level = options.level ?? 9
    const bytes = utf8Length(inner.body)
    const type = inner.headers['content-type'] ?? ''
    const skip = !inner.body
      ? 'no-body'
      : inner.headers['content-encoding']
        ? 'already-encoded'
        : !accepted
          ? 'not-accepted'
          : bytes < minimumSize
            ? 'too-small'
            : INCOMPRESSIBLE.test(type)
              ? 'not-compressible'
              : null
    if (skip) {
      ctx.emit(this, {
        type: 'middleware:gzip-skip',
        direction: 'response',
        title: `Compression: skipped (${skip.replace(/-/g, ' ')})`,
        duration: 0.01,
        request,
        response: inner,
        data: { reason: skip, bytes, minimumSize },
      })
      return inner
    }
    const after = gzipSize(inner.body, level)
    const response = withHeaders(inner, {
      'content-encoding': 'gzip',
      'content-length': String(after),
      vary: appendVary(inner.headers, 'Accept-Encoding'),
    })
    ctx.emit(this, {
      type: 'middleware:gzip',
      direction: 'response',
      title: `Compression: ${bytes} → ${after} bytes`,
      // zlib at level 9 manages a few tens of megabytes a second.
      duration: 0.02 + bytes / (level >= 6 ? 25_000 : 60_000),
      request,
      response,
      data: {
        bytesBefore: bytes,
        bytesAfter: after,
        level,
        headersAdded: ['content-encoding', 'content-length', 'vary'],
      },
    })
    return response
  },
})
