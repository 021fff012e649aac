import type { Har, HarEntry } from './parse'
import { serverTimingOf } from './serverTiming'
import type {
  MeasuredEntry,
  MeasuredKind,
  MeasuredMark,
  MeasuredPage,
  MeasuredPhases,
  WebSocketMessage,
} from './types'

/** Gaps under this are the file's own rounding, not a disagreement. */
const TOLERANCE_MS = 1

const present = (x: number): number | null => (Number.isFinite(x) && x >= 0 ? x : null)

const sum = (xs: readonly (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0)

/**
 * HAR counts `ssl` inside `connect`; some exporters (older Firefox) do not. Whichever reading
 * makes the phases add up to the entry's `time` is the file's; when neither does, HAR 1.2's.
 * Playwright's `recordHar` is the exception to the rule: its `connect` runs from connectStart to
 * connectEnd, TLS included, yet its `time` adds `ssl` once more (recorded against real nginx,
 * tests/fixtures/har/nginx-gunicorn-h2.recorded.har), so its `ssl` is always inside.
 */
const phasesOf = (
  t: HarEntry['timings'],
  time: number,
  sslAlwaysInside: boolean,
): { phases: MeasuredPhases; sslInsideConnect: boolean } => {
  const connect = present(t.connect)
  const ssl = present(t.ssl)
  const rest = [t.blocked, t.dns, t.send, t.wait, t.receive].map(present)
  const inside = Math.abs(sum([...rest, connect]) - time)
  const outside = Math.abs(sum([...rest, connect, ssl]) - time)
  let sslInsideConnect = true
  if (connect !== null && ssl !== null)
    sslInsideConnect = connect >= ssl && (sslAlwaysInside || inside <= outside)
  const tcp =
    connect === null
      ? null
      : sslInsideConnect && ssl !== null
        ? Math.max(0, connect - ssl)
        : connect
  return {
    phases: {
      blocked: present(t.blocked),
      dns: present(t.dns),
      connect: tcp,
      ssl,
      send: present(t.send),
      wait: present(t.wait),
      receive: present(t.receive),
    },
    sslInsideConnect,
  }
}

export const protocolOf = (httpVersion: string): MeasuredEntry['protocol'] => {
  const v = httpVersion.trim().toLowerCase()
  if (v === 'h3' || v.startsWith('h3-') || v.startsWith('http/3')) return 'HTTP/3'
  if (v === 'h2' || v === 'h2c' || v.startsWith('http/2')) return 'HTTP/2'
  if (v === 'http/1.1') return 'HTTP/1.1'
  if (v === 'http/1.0') return 'HTTP/1.0'
  return null
}

const KINDS: Record<string, MeasuredKind> = {
  document: 'document',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  xhr: 'fetch',
  fetch: 'fetch',
  websocket: 'websocket',
  media: 'media',
}

const kindOf = (entry: HarEntry, mime: string): MeasuredKind => {
  const said = (entry as { _resourceType?: unknown })._resourceType
  if (typeof said === 'string' && KINDS[said.toLowerCase()]) return KINDS[said.toLowerCase()]!
  const m = mime.toLowerCase()
  if (m.includes('html')) return 'document'
  if (m.includes('css')) return 'stylesheet'
  if (m.includes('javascript') || m.includes('ecmascript')) return 'script'
  if (m.startsWith('image/')) return 'image'
  if (m.startsWith('font/') || m.includes('woff')) return 'font'
  if (m.includes('json') || m.includes('xml')) return 'fetch'
  if (m.startsWith('video/') || m.startsWith('audio/')) return 'media'
  if (/^wss?:/i.test(entry.request.url)) return 'websocket'
  return 'other'
}

export const nameOf = (url: string): string => {
  try {
    const u = new URL(url)
    const last = u.pathname.split('/').filter(Boolean).pop()
    return (last ?? (u.pathname === '/' ? u.host : u.pathname)) + u.search
  } catch {
    return url.length > 60 ? `${url.slice(0, 60)}…` : url
  }
}

const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined)

const initiatorOf = (raw: unknown): { type: string; url?: string } | null => {
  if (typeof raw !== 'object' || raw === null) return null
  const r = raw as Record<string, unknown>
  const type = text(r.type) ?? 'other'
  let url = text(r.url)
  if (!url) {
    // Chrome: a script's call stack, innermost frame first, possibly in a parent stack.
    let stack = r.stack as Record<string, unknown> | undefined
    for (let depth = 0; !url && stack && typeof stack === 'object' && depth < 20; depth++) {
      const frames = stack.callFrames
      if (Array.isArray(frames))
        url = frames.map((f) => text((f as Record<string, unknown> | null)?.url)).find(Boolean)
      stack = stack.parent as Record<string, unknown> | undefined
    }
  }
  return url ? { type, url } : { type }
}

const webSocketOf = (raw: unknown): WebSocketMessage[] | undefined => {
  if (!Array.isArray(raw)) return undefined
  const out: WebSocketMessage[] = []
  for (const m of raw) {
    if (typeof m !== 'object' || m === null) continue
    const r = m as Record<string, unknown>
    if (r.type !== 'send' && r.type !== 'receive') continue
    out.push({
      type: r.type,
      time: typeof r.time === 'number' ? r.time : 0,
      opcode: typeof r.opcode === 'number' ? r.opcode : 1,
      data: typeof r.data === 'string' ? r.data : '',
    })
  }
  return out
}

const resolve = (url: string, base: string): string | undefined => {
  try {
    return new URL(url, base).href
  } catch {
    return undefined
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000

/**
 * A HAR file as a measured page: each entry's timing phases where the file says they are (`-1`
 * is absent, not 0), its connection, protocol, cache, initiator and redirects, and the
 * Server-Timing its response reported. Pure: the same file gives the same page.
 */
export const measure = (har: Har): MeasuredPage => {
  const log = har.log
  const starts = log.entries.map((e) => Date.parse(e.startedDateTime))
  const startedAt = starts.reduce((a, b) => Math.min(a, b), Infinity)
  const seen = new Set<string>()
  const byUrl = new Map<string, string>()
  const playwright = log.creator.name === 'Playwright'
  const entries: MeasuredEntry[] = log.entries.map((e, index) => {
    const id = `e${index}`
    const { phases, sslInsideConnect } = phasesOf(e.timings, e.time, playwright)
    const notes: string[] = []
    const added = sum(Object.values(phases))
    if (
      playwright &&
      phases.ssl !== null &&
      phases.ssl > TOLERANCE_MS &&
      Math.abs(added + phases.ssl - e.time) <= TOLERANCE_MS
    )
      notes.push(
        `Playwright counts SSL twice in this entry's total: the file gives ${round(e.time)} ms, but SSL (${round(phases.ssl)} ms) is already inside its connect, so the phases add up to ${round(added)} ms.`,
      )
    else if (e.time >= 0 && Math.abs(added - e.time) > TOLERANCE_MS)
      notes.push(
        `The file gives a total of ${round(e.time)} ms but its phases add up to ${round(added)} ms.`,
      )
    if (!sslInsideConnect && phases.ssl !== null)
      notes.push('This file counts SSL apart from the connection, not inside it as HAR 1.2 says.')
    const connection =
      e.connection === undefined || e.connection === '' ? undefined : String(e.connection)
    const reusedConnection = connection !== undefined && seen.has(connection)
    if (connection !== undefined) seen.add(connection)
    const fromCache = (e as { _fromCache?: unknown })._fromCache
    const cache =
      fromCache === 'memory' || fromCache === 'disk'
        ? fromCache
        : e.response.status === 304
          ? 'revalidated'
          : null
    const priority = text((e as { _priority?: unknown })._priority)
    const error = text((e as { _error?: unknown })._error)
    const ws = webSocketOf((e as { _webSocketMessages?: unknown })._webSocketMessages)
    const redirectURL = text(e.response.redirectURL)
    if (!byUrl.has(e.request.url)) byUrl.set(e.request.url, id)
    return {
      id,
      index,
      url: e.request.url,
      name: nameOf(e.request.url),
      method: e.request.method,
      status: e.response.status > 0 ? e.response.status : null,
      statusText: e.response.statusText,
      httpVersion: e.response.httpVersion || e.request.httpVersion,
      protocol: protocolOf(e.response.httpVersion || e.request.httpVersion),
      kind: kindOf(e, e.response.content.mimeType),
      start: round(starts[index]! - startedAt),
      time: e.time,
      phases,
      sslInsideConnect,
      serverTiming: serverTimingOf(e.response.headers),
      ...(connection === undefined ? {} : { connection }),
      reusedConnection,
      ...(e.serverIPAddress ? { serverIPAddress: e.serverIPAddress } : {}),
      cache,
      initiator: initiatorOf((e as { _initiator?: unknown })._initiator),
      ...(priority ? { priority } : {}),
      ...(redirectURL ? { redirectURL } : {}),
      request: {
        httpVersion: e.request.httpVersion,
        headers: e.request.headers,
        cookies: e.request.cookies,
        queryString: e.request.queryString,
        headersSize: e.request.headersSize,
        bodySize: e.request.bodySize,
        ...(e.request.postData ? { postData: e.request.postData } : {}),
      },
      response: {
        headers: e.response.headers,
        cookies: e.response.cookies,
        headersSize: e.response.headersSize,
        bodySize: e.response.bodySize,
        content: e.response.content,
      },
      ...(ws ? { webSocketMessages: ws } : {}),
      ...(error ? { error } : {}),
      notes,
    }
  })

  // Redirect chains: an entry whose URL is an earlier entry's redirectURL (resolved against it).
  const linked = entries.map((e) => ({ ...e })) as {
    -readonly [K in keyof MeasuredEntry]: MeasuredEntry[K]
  }[]
  for (const from of linked) {
    if (!from.redirectURL) continue
    const target = resolve(from.redirectURL, from.url)
    const to = linked.find((e) => e.index > from.index && e.url === target && !e.redirectedFrom)
    if (!to) continue
    from.redirectsTo = to.id
    to.redirectedFrom = from.id
  }
  // Initiators that are entries of this file.
  for (const e of linked) {
    const url = e.initiator?.url
    const by = url ? byUrl.get(url) : undefined
    if (e.initiator && by && by !== e.id) e.initiator = { ...e.initiator, entry: by }
  }

  const marks: MeasuredMark[] = []
  const page = log.pages[0]
  if (page) {
    const offset = Date.parse(page.startedDateTime) - startedAt
    const dcl = present(page.pageTimings.onContentLoad)
    const load = present(page.pageTimings.onLoad)
    if (dcl !== null)
      marks.push({ id: 'dom-content-loaded', at: round(offset + dcl), label: 'DOMContentLoaded' })
    if (load !== null) marks.push({ id: 'load', at: round(offset + load), label: 'Load' })
  }
  const end = linked.reduce(
    (a, e) => Math.max(a, e.start + Math.max(e.time, sum(Object.values(e.phases)))),
    0,
  )
  const simulated = log.entries.some(
    (e) => (e as { _roundtrip?: { source?: unknown } })._roundtrip?.source === 'simulated',
  )
  return {
    source: simulated ? 'simulated' : 'measured',
    creator: { name: log.creator.name, version: log.creator.version },
    ...(log.browser ? { browser: { name: log.browser.name, version: log.browser.version } } : {}),
    version: log.version,
    title: page?.title || nameOf(entries[0]?.url ?? ''),
    startedAt,
    entries: linked,
    marks,
    end: round(end),
  }
}
