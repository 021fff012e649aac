import type {
  HttpRequest,
  PageProtocol,
  PageRequest,
  PageTrace,
  Trace,
  TraceEvent,
} from '../engine'
import { civilFromDays, serverTiming } from '../engine'
import { maskBody, maskHeader, maskUrl, MASK } from './privacy'

/**
 * Roundtrip's traces written as HAR 1.2: a single request's journey or a whole page load. Timings
 * add up to the trace (`time` is their sum), the server's layers go into `Server-Timing` and
 * `_roundtrip`, and every entry says `_roundtrip.source: "simulated"`, so a file never passes a
 * simulated number off as a measured one. Secrets are masked unless `sanitize` is false.
 */

export interface HarExportOptions {
  /** When the trace's clock starts, in ms since the epoch (a simulated trace has no date). */
  readonly startedAt: number
  /** Mask cookies, Authorization and tokens (the default). */
  readonly sanitize?: boolean
  readonly title?: string
}

interface NameValue {
  name: string
  value: string
}

export interface ExportedHar {
  log: {
    version: '1.2'
    creator: { name: string; version: string; comment: string }
    pages: {
      startedDateTime: string
      id: string
      title: string
      pageTimings: { onContentLoad: number; onLoad: number }
    }[]
    entries: ExportedEntry[]
    comment: string
  }
}

export interface ExportedEntry {
  pageref: string
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    cookies: NameValue[]
    headers: NameValue[]
    queryString: NameValue[]
    postData?: { mimeType: string; text: string }
    headersSize: number
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    cookies: NameValue[]
    headers: NameValue[]
    content: { size: number; mimeType: string; text: string }
    redirectURL: string
    headersSize: number
    bodySize: number
  }
  cache: Record<string, never>
  timings: {
    blocked: number
    dns: number
    connect: number
    ssl: number
    send: number
    wait: number
    receive: number
  }
  connection?: string
  _resourceType?: string
  _initiator?: { type: string; url?: string }
  _roundtrip: {
    source: 'simulated'
    id: string
    stream?: number
    /** Time each stage of the onion spent, in trace order (ms, simulated). */
    layers: { stage: string; layer: string; ms: number }[]
  }
}

/** The phases a HAR entry's `timings` hold, in ms; HAR counts `ssl` inside `connect`. */
export interface ExportPhases {
  readonly blocked: number
  readonly dns: number
  /** The TCP handshake alone; the export adds `ssl` to it, as HAR wants. */
  readonly connect: number
  readonly ssl: number
  readonly wait: number
  readonly receive: number
}

const r3 = (x: number) => Math.round(x * 1000) / 1000

/** An ISO 8601 UTC date from epoch ms, without `Date` (src/har is as pure as the engine). */
export const isoDate = (ms: number): string => {
  // Whole milliseconds, as HAR's dates hold them, rounded to the nearest.
  const whole = Math.round(ms)
  const days = Math.floor(whole / 86_400_000)
  const inDay = whole - days * 86_400_000
  const { year, month, day } = civilFromDays(days)
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  const h = Math.floor(inDay / 3_600_000)
  const m = Math.floor((inDay % 3_600_000) / 60_000)
  const s = Math.floor((inDay % 60_000) / 1000)
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(inDay % 1000, 3)}Z`
}

const VERSION_TEXT: Record<PageProtocol, string> = { 'http/1.1': 'HTTP/1.1', h2: 'h2', h3: 'h3' }

/** The request as the browser sent it: the client's last snapshot before the network. */
const sentRequest = (trace: Trace): HttpRequest | undefined => {
  const client = trace.events.filter((e) => e.layer === 'client' && e.direction === 'request')
  return (client.at(-1) ?? trace.events[0])?.request
}

const urlOf = (r: HttpRequest): string => {
  const defaultPort = r.scheme === 'https' ? 443 : 80
  return `${r.scheme}://${r.host}${r.port === defaultPort ? '' : `:${r.port}`}${r.path}${r.query ? `?${r.query}` : ''}`
}

const pairs = (headers: Readonly<Record<string, string>>): NameValue[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }))

const queryOf = (query: string): NameValue[] =>
  query === ''
    ? []
    : query.split('&').map((pair) => {
        const eq = pair.indexOf('=')
        const decode = (s: string) => {
          try {
            return decodeURIComponent(s.replace(/\+/g, ' '))
          } catch {
            return s
          }
        }
        return eq < 0
          ? { name: decode(pair), value: '' }
          : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)) }
      })

const cookiesOf = (header: string | undefined): NameValue[] =>
  (header ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      const eq = c.indexOf('=')
      return eq < 0 ? { name: c, value: '' } : { name: c.slice(0, eq), value: c.slice(eq + 1) }
    })

const utf8Bytes = (text: string): number => {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Each stage's time in trace order: the layer detail HAR has no field for. */
const layersOf = (events: readonly TraceEvent[]) => {
  const out: { stage: string; layer: string; ms: number }[] = []
  for (const e of events) {
    const last = out.at(-1)
    if (last && last.stage === e.stage) last.ms = r3(last.ms + e.duration)
    else out.push({ stage: e.stage, layer: e.layer, ms: r3(e.duration) })
  }
  return out
}

/**
 * A single request's HAR phases read off its trace: the client's work before sending is
 * `blocked`, DNS, the TCP and TLS handshakes as they were drawn, the response's way through TLS,
 * TCP and the browser is `receive`, and `wait` is the rest (the server and the network between),
 * so the phases add up to the trace's length exactly.
 */
export const phasesOfTrace = (trace: Trace): ExportPhases => {
  const events = trace.events
  if (events.length === 0) return { blocked: 0, dns: 0, connect: 0, ssl: 0, wait: 0, receive: 0 }
  const start: number = events[0]!.at
  const end = events.reduce<number>((a, e) => Math.max(a, e.at + e.duration), start)
  const total = (keep: (e: TraceEvent) => boolean) =>
    events.filter(keep).reduce<number>((a, e) => a + e.duration, 0)
  const blocked = total((e) => e.layer === 'client' && e.direction === 'request')
  const dns = total((e) => e.layer === 'dns')
  const connect = total((e) => e.layer === 'tcp' && e.direction === 'request')
  const ssl = total((e) => e.layer === 'tls' && e.direction === 'request')
  const receive = total(
    (e) =>
      (e.layer === 'client' || e.layer === 'tcp' || e.layer === 'tls') &&
      e.direction === 'response',
  )
  const wait = Math.max(0, end - start - blocked - dns - connect - ssl - receive)
  return { blocked, dns, connect, ssl, wait, receive }
}

const pagePhases = (r: PageRequest): ExportPhases => ({
  blocked: r.phases.queueing + r.phases.stalled,
  dns: r.phases.dns,
  connect: r.phases.connect,
  ssl: r.phases.ssl,
  wait: r.phases.waiting,
  receive: r.phases.download,
})

const timingsOf = (p: ExportPhases): ExportedEntry['timings'] => {
  const na = (x: number) => (x > 0 ? r3(x) : -1)
  const ssl = na(p.ssl)
  const tcp = p.connect > 0 ? r3(p.connect) : 0
  return {
    blocked: r3(p.blocked),
    dns: na(p.dns),
    connect: tcp > 0 || ssl > 0 ? r3(tcp + Math.max(ssl, 0)) : -1,
    ssl,
    send: 0,
    wait: r3(p.wait),
    receive: r3(p.receive),
  }
}

const timeOf = (t: ExportedEntry['timings']) =>
  r3(
    [t.blocked, t.dns, t.connect, t.send, t.wait, t.receive].reduce(
      (a, x) => a + Math.max(0, x),
      0,
    ),
  )

interface EntryInput {
  readonly id: string
  readonly trace: Trace
  readonly phases: ExportPhases
  readonly start: number
  readonly url?: string
  readonly httpVersion?: string
  readonly connection?: string
  readonly stream?: number
  readonly kind?: string
  readonly initiatorUrl?: string
}

const entryOf = (input: EntryInput, options: HarExportOptions): ExportedEntry => {
  const { trace } = input
  const request = sentRequest(trace)
  const url = input.url ?? (request ? urlOf(request) : 'about:blank')
  const httpVersion = input.httpVersion ?? request?.httpVersion ?? 'HTTP/1.1'
  const headers = request ? pairs(request.headers) : []
  const response = trace.response
  const responseHeaders = response ? pairs(response.headers) : []
  if (response && !('server-timing' in response.headers)) {
    const reported = serverTiming(trace)
    if (reported.length > 0)
      responseHeaders.push({
        name: 'server-timing',
        value: reported.map((m) => `${m.name};dur=${m.ms};desc="${m.description}"`).join(', '),
      })
  }
  const timings = timingsOf(input.phases)
  const body = response?.body ?? ''
  const mimeType = response?.headers['content-type'] ?? (response ? 'text/plain' : 'x-unknown')
  const entry: ExportedEntry = {
    pageref: 'page_1',
    startedDateTime: isoDate(options.startedAt + input.start),
    time: timeOf(timings),
    request: {
      method: request?.method ?? 'GET',
      url,
      httpVersion,
      cookies: cookiesOf(request?.headers.cookie),
      headers,
      queryString: queryOf(request?.query ?? ''),
      ...(request && request.body !== ''
        ? {
            postData: {
              mimeType: request.headers['content-type'] ?? 'text/plain',
              text: request.body,
            },
          }
        : {}),
      headersSize: -1,
      bodySize: request ? utf8Bytes(request.body) : 0,
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? '',
      httpVersion: response ? httpVersion : '',
      cookies: response?.headers['set-cookie']
        ? cookiesOf(response.headers['set-cookie'].split(';')[0])
        : [],
      headers: responseHeaders,
      content: { size: utf8Bytes(body), mimeType, text: body },
      redirectURL: response?.headers.location ?? '',
      headersSize: -1,
      bodySize: utf8Bytes(body),
    },
    cache: {},
    timings,
    ...(input.connection ? { connection: input.connection } : {}),
    ...(input.kind ? { _resourceType: input.kind } : {}),
    ...(input.initiatorUrl !== undefined
      ? {
          _initiator: {
            type: input.kind === 'fetch' ? 'script' : 'parser',
            url: input.initiatorUrl,
          },
        }
      : {}),
    _roundtrip: {
      source: 'simulated',
      id: input.id,
      ...(input.stream === undefined ? {} : { stream: input.stream }),
      layers: layersOf(trace.events),
    },
  }
  return options.sanitize === false ? entry : sanitizeEntry(entry)
}

/** The same entry with cookies, Authorization and tokens masked. */
export const sanitizeEntry = (e: ExportedEntry): ExportedEntry => ({
  ...e,
  request: {
    ...e.request,
    url: maskUrl(e.request.url),
    headers: e.request.headers.map(maskHeader),
    cookies: e.request.cookies.map((c) => ({ ...c, value: MASK })),
    queryString: e.request.queryString.map((q) => maskHeader(q)),
    ...(e.request.postData
      ? {
          postData: {
            ...e.request.postData,
            text: maskBody(e.request.postData.text, e.request.postData.mimeType),
          },
        }
      : {}),
  },
  response: {
    ...e.response,
    headers: e.response.headers.map(maskHeader),
    cookies: e.response.cookies.map((c) => ({ ...c, value: MASK })),
    content: {
      ...e.response.content,
      text: maskBody(e.response.content.text, e.response.content.mimeType),
    },
    redirectURL: maskUrl(e.response.redirectURL),
  },
})

const wrap = (
  entries: ExportedEntry[],
  options: HarExportOptions,
  marks: { onContentLoad: number; onLoad: number },
): ExportedHar => ({
  log: {
    version: '1.2',
    creator: {
      name: 'Roundtrip',
      version: '1',
      comment: 'Simulated by Roundtrip: every time here comes from its model, not a measurement.',
    },
    pages: [
      {
        startedDateTime: isoDate(options.startedAt),
        id: 'page_1',
        title: options.title ?? 'Roundtrip (simulated)',
        pageTimings: marks,
      },
    ],
    entries,
    comment:
      options.sanitize === false
        ? 'Not sanitized.'
        : 'Sanitized: cookies, Authorization and tokens are masked.',
  },
})

/** A single request's trace as a one-entry HAR. */
export const traceToHar = (trace: Trace, options: HarExportOptions): ExportedHar => {
  const entry = entryOf({ id: 'r0', trace, phases: phasesOfTrace(trace), start: 0 }, options)
  return wrap([entry], options, { onContentLoad: -1, onLoad: r3(entry.time) })
}

/** A page load as HAR: one entry per request on the page's clock, its marks as page timings. */
export const pageToHar = (page: PageTrace, options: HarExportOptions): ExportedHar => {
  const byId = new Map(page.requests.map((r) => [r.id, r]))
  const entries = page.requests.map((r) =>
    entryOf(
      {
        id: r.id,
        trace: r.trace,
        phases: pagePhases(r),
        start: r.start,
        url: r.url,
        httpVersion: VERSION_TEXT[r.protocol],
        connection: r.connection,
        ...(r.stream === undefined ? {} : { stream: r.stream }),
        kind: r.kind,
        ...(r.initiator ? { initiatorUrl: byId.get(r.initiator)?.url ?? '' } : {}),
      },
      options,
    ),
  )
  const mark = (id: string) => {
    const at = page.marks.find((m) => m.id === id)?.at
    return at === undefined ? -1 : r3(at)
  }
  return wrap(entries, options, { onContentLoad: mark('dom-content-loaded'), onLoad: mark('load') })
}
