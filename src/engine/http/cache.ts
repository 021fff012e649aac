import type { CacheEntry } from '../model/connection'
import type { HttpRequest, HttpResponse } from '../model/http'

/** The `Cache-Control` directives a browser cache acts on. */
interface CacheControl {
  readonly maxAgeSeconds: number | null
  readonly noStore: boolean
  readonly noCache: boolean
}

/** Parsed `Cache-Control` values: a page's hundred files share two or three. */
const parsedControls = new Map<string, CacheControl>()

/** Reads `Cache-Control`, e.g. `public, max-age=3600` → `{ maxAgeSeconds: 3600, … }`. */
export const parseCacheControl = (value: string | undefined): CacheControl => {
  const key = value ?? ''
  let control = parsedControls.get(key)
  if (control === undefined) {
    if (parsedControls.size >= 256) parsedControls.clear()
    control = readCacheControl(key)
    parsedControls.set(key, control)
  }
  return control
}

const readCacheControl = (value: string): CacheControl => {
  let maxAgeSeconds: number | null = null
  let noStore = false
  let noCache = false
  for (const part of value.split(',')) {
    const [key = '', arg = ''] = part.trim().toLowerCase().split('=')
    if (key === 'max-age' && /^\d+$/.test(arg)) maxAgeSeconds = Number(arg)
    else if (key === 'no-store') noStore = true
    else if (key === 'no-cache') noCache = true
  }
  return Object.freeze({ maxAgeSeconds, noStore, noCache })
}

/** Seconds since the entry was stored (or last revalidated). */
export const cacheAge = (entry: CacheEntry, now: number): number =>
  Math.max(0, Math.round((now - entry.storedAt) / 1000))

/** Fresh: may be used without asking the server at all. */
export const isFresh = (entry: CacheEntry, now: number): boolean =>
  !entry.noCache &&
  entry.maxAgeSeconds !== null &&
  now - entry.storedAt < entry.maxAgeSeconds * 1000

/** Whether a browser cache keeps this response: a 200 to a GET that carries a validator or a lifetime. */
export const cacheEntryFor = (
  url: string,
  request: HttpRequest,
  response: HttpResponse,
  now: number,
): CacheEntry | undefined => {
  if (request.method !== 'GET' || response.status !== 200) return undefined
  const control = parseCacheControl(response.headers['cache-control'])
  if (control.noStore) return undefined
  const etag = response.headers.etag
  const lastModified = response.headers['last-modified']
  if (control.maxAgeSeconds === null && etag === undefined && lastModified === undefined)
    return undefined
  return {
    url,
    response,
    storedAt: now,
    maxAgeSeconds: control.maxAgeSeconds,
    noCache: control.noCache,
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
  }
}
