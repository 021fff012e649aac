import type { Stage } from '../context'
import { isFresh } from '../http/cache'
import { requestBytes } from '../http/wire'
import { appStages } from '../middleware'
import type {
  CacheEntry,
  ConnectionState,
  OpenConnection,
  ProxyMemory,
  TlsSession,
} from '../model/connection'
import { initialConnection } from '../model/connection'
import type { EventOf, TraceEvent } from '../model/events'
import type { HttpRequest } from '../model/http'
import { transferMs, networkProfile } from '../model/network'
import type { Scenario } from '../model/scenario'
import type { Trace } from '../model/trace'
import { createRng } from '../rng'
import { simulateWith } from '../simulate'
import { clientStage } from '../stages/client'
import { dnsStage } from '../stages/dns'
import { proxyStage } from '../stages/proxy'
import { serverStage } from '../stages/server'
import { tcpStage } from '../stages/tcp'
import { tlsStage } from '../stages/tls'
import { cdnStage } from './cdn'
import { DEFAULT_PAGE } from './defaultPage'
import type { HeaderTable } from './hpack'
import { fieldBytes } from './hpack'
import { quicStage } from './quic'
import type {
  PageAltSvc,
  PageConnection,
  PageFrame,
  PageLoss,
  PageMark,
  PagePhases,
  PageProtocol,
  PageRequest,
  PageResource,
  PageTrace,
  ResourceKind,
  SimulatePageInput,
} from './types'

/** Chrome's limit of open HTTP/1.1 connections per origin (host and port). */
export const MAX_H1_CONNECTIONS = 6
/** How a response body crosses the link: HTTP/2's default largest DATA frame. */
export const FRAME_BYTES = 16_384
/** On a lossy link, the share of packets lost. */
export const LOSS_RATE = { good: 0, lossy: 0.04 } as const
/** How long the browser remembers an `Alt-Svc` answer (`ma=86400`). */
const ALT_SVC_MS = 86_400_000
/** Style, layout and paint after the last render-blocking byte. */
const PAINT_MS = 8
/** Style recalculation before a stylesheet's font is asked for. */
const STYLE_MS = 2
/** Running a script: a few ms plus about 1 ms per 10 kB (a mid-range phone is slower). */
const executeMs = (bytes: number): number => 3 + bytes / 10_000

type Origin = string

interface Conn {
  readonly id: string
  readonly origin: Origin
  readonly protocol: PageProtocol
  readonly lane: number
  reused: boolean
  start: number
  readyAt: number
  end: number
  /** HTTP/1.1: the time it is free for its next request. */
  busyUntil: number
  /** What the browser knows of it, handed to the next trace on it. */
  state: OpenConnection | undefined
  nextStream: number
  readonly table: HeaderTable
  /** TCP: no data moves on it until a lost packet is sent again. */
  blockedUntil: number
  /** h2/h3: requests waiting for its handshake to finish. */
  readonly waiters: Job[]
}

interface Job {
  readonly index: number
  readonly id: string
  readonly url: string
  readonly kind: ResourceKind
  readonly origin: Origin
  readonly resource: PageResource | null
  readonly discoveredAt: number
  readonly initiator: string | null
  conn: Conn | null
  protocol: PageProtocol
  stream?: number
  sentAt: number
  trace: Trace | null
  firstByteAt: number
  tail: number
  total: number
  remaining: number
  blockedUntil: number
  blocked: number
  downloadEnd: number
  end: number
  stalled: number
  queueing: number
  headerBytes: number
  rawHeaderBytes: number
}

type Happening =
  | { kind: 'discover'; job: Job }
  | { kind: 'send'; job: Job }
  | { kind: 'first-byte'; job: Job }
  | { kind: 'chunk'; job: Job; bytes: number; frame: number }
  | { kind: 'complete'; job: Job }
  | { kind: 'wake' }

interface Timed {
  readonly at: number
  readonly seq: number
  readonly what: Happening
}

/** A tiny binary heap ordered by time, then by insertion: the page's one clock. */
class Agenda {
  private heap: Timed[] = []
  private seq = 0
  push(at: number, what: Happening): void {
    const heap = this.heap
    heap.push({ at, seq: this.seq++, what })
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }
  pop(): Timed | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
        i = m
      }
    }
    return top
  }
}
const before = (a: Timed, b: Timed): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/** Parsed URLs: a page asks for the same few many times. */
const urls = new Map<string, URL>()
const parse = (url: string): URL => {
  let parsed = urls.get(url)
  if (!parsed) {
    if (urls.size > 4_096) urls.clear()
    parsed = new URL(url)
    urls.set(url, parsed)
  }
  return parsed
}
const originOf = (url: string): Origin => parse(url).origin
const hostOf = (url: string): string => parse(url).hostname
const nameOf = (url: string): string => {
  const path = parse(url).pathname
  return path === '/' ? '/' : (path.split('/').at(-1) ?? path)
}

const CONTENT_TYPES: Record<PageResource['kind'], string> = {
  stylesheet: 'text/css',
  script: 'application/javascript',
  image: 'image/jpeg',
  font: 'font/woff2',
  fetch: 'application/json',
}

const bodies = new Map<string, string>()
/** A file's body of exactly `bytes` bytes (ASCII): a comment saying what it stands for, padded. */
const bodyOf = (kind: PageResource['kind'], url: string, bytes: number): string => {
  const key = `${kind} ${bytes}`
  const cached = bodies.get(key)
  if (cached !== undefined) return cached
  const head =
    kind === 'image' || kind === 'font'
      ? `(${bytes} bytes of ${CONTENT_TYPES[kind]} data, simulated)`
      : `/* ${nameOf(url)}: ${bytes} bytes, simulated */`
  const body = head.length >= bytes ? head.slice(0, bytes) : head + '.'.repeat(bytes - head.length)
  bodies.set(key, body)
  return body
}

const end = (e: TraceEvent): number => e.at + e.duration
const traceEnd = (trace: Trace): number => {
  const last = trace.events.at(-1)
  return last ? end(last) : 0
}
/** The site's and the CDN's app: the page's static files, and the protocol's ALPN. */
const scenariosFor = (
  scenario: Scenario,
  page: typeof DEFAULT_PAGE,
  alpn: 'h2' | 'http/1.1',
  advertiseH3: boolean,
): { site: Scenario; cdn: Scenario } => {
  const siteOrigin = originOf(page.document)
  const prefix = scenario.proxy.static?.prefix ?? '/static/'
  const siteFiles: Record<string, { contentType: string; body: string }> = {}
  const cdnFiles: Record<string, { contentType: string; body: string }> = {}
  for (const r of page.resources) {
    if (r.kind === 'fetch') continue
    const url = parse(r.url)
    const file = { contentType: CONTENT_TYPES[r.kind], body: bodyOf(r.kind, r.url, r.bytes) }
    if (url.origin === siteOrigin) {
      if (url.pathname.startsWith(prefix)) siteFiles[url.pathname.slice(prefix.length)] = file
    } else cdnFiles[url.pathname.slice(1)] = file
  }
  const site: Scenario = {
    ...scenario,
    // A site that offers HTTP/3 says so in every answer of its app (nginx's `add_header Alt-Svc`
    // would do the same for the proxy's own answers).
    routes: advertiseH3
      ? scenario.routes.map((route) => ({
          ...route,
          handler: {
            ...route.handler,
            headers: { ...route.handler.headers, 'alt-svc': 'h3=":443"; ma=86400' },
          },
        }))
      : scenario.routes,
    tls: { ...scenario.tls, alpn },
    proxy: {
      ...scenario.proxy,
      static: {
        prefix,
        ...(scenario.proxy.static?.maxAgeSeconds === undefined
          ? {}
          : { maxAgeSeconds: scenario.proxy.static.maxAgeSeconds }),
        files: { ...siteFiles, ...scenario.proxy.static?.files },
      },
    },
  }
  const profile = networkProfile(scenario.network)
  const cdn: Scenario = {
    ...site,
    // The edge is near the user: a shorter round trip on the same access link.
    network: { ...scenario.network, rttMs: Math.max(1, Math.round(profile.rttMs * 0.4)) },
    proxy: { ...site.proxy, static: { prefix: '/', files: cdnFiles } },
  }
  return { site, cdn }
}

/** The events of a request's trace that the page reads. */
type Watched =
  | 'dns:answer'
  | 'tls:finished'
  | 'tcp:ack'
  | 'tcp:reuse'
  | 'tls:reuse'
  | 'client:build-request'
  | 'client:receive'
const WATCHED = new Set<string>([
  'dns:answer',
  'tls:finished',
  'tcp:ack',
  'tcp:reuse',
  'tls:reuse',
  'client:build-request',
  'client:receive',
] satisfies Watched[])

const PAGE_LABELS: Record<PageMark['id'], string> = {
  'first-paint': 'First paint',
  lcp: 'Largest Contentful Paint',
  'dom-content-loaded': 'DOMContentLoaded',
  data: 'Data shown',
  load: 'Load',
}

/**
 * Loads a whole page: the document, then every sub-resource as the browser discovers it, each one
 * a full `simulate()` journey through the same stages, scheduled on one clock over a shared
 * connection pool (six per origin on HTTP/1.1, one multiplexed connection on h2 and h3) and one
 * shared link whose frames interleave. Pure and deterministic: the same input gives the same trace.
 * @example
 * const page = simulatePage({ scenario: pageApp, protocol: 'h2' })
 * page.requests.length // 25
 */
export const simulatePage = ({
  scenario,
  page = DEFAULT_PAGE,
  protocol = 'http/1.1',
  seed = 1,
  connection: given = initialConnection(scenario),
  network = 'good',
}: SimulatePageInput): PageTrace => {
  const base = given.now
  const cdnHosts = new Set(page.cdn?.hosts ?? [])
  const isCdn = (origin: Origin) => cdnHosts.has(hostOf(origin))
  // Each origin's app per ALPN, made when a connection first needs it (an HTTP/1.1 page never
  // needs the h2 one).
  let h2Apps: ReturnType<typeof scenariosFor> | undefined
  let h1Apps: ReturnType<typeof scenariosFor> | undefined
  const appsFor = (proto: PageProtocol) =>
    proto === 'http/1.1'
      ? (h1Apps ??= scenariosFor(scenario, page, 'http/1.1', false))
      : (h2Apps ??= scenariosFor(scenario, page, 'h2', protocol === 'h3'))
  const profile = networkProfile(scenario.network)
  const lossRate = LOSS_RATE[network]
  const rng = createRng((seed * 2_654_435_761) ^ 0x5bd1e995)
  const rto = profile.rttMs * 1.5 + 1

  // What the browser shares between requests; each trace gets a copy with its own connection.
  let shared: ConnectionState = given
  // The HTTP cache, kept here: a trace is handed only the entry for its own URL (all the client
  // stage reads), so storing one response does not copy every other entry.
  const cache: Record<string, CacheEntry> = { ...given.httpCache }
  const altSvc: Record<Origin, { protocol: 'h3'; expiresAt: number }> = { ...given.altSvc }
  const altSvcAt: Record<Origin, number> = {}
  const altSvcFrom: PageAltSvc[] = []
  for (const origin of Object.keys(altSvc)) altSvcAt[origin] = -Infinity
  const dnsReadyAt: Record<string, number> = {}
  const ticketAt: Record<Origin, number> = {}
  const proxyMemory: Record<Origin, ProxyMemory> = {}

  const conns: Conn[] = []
  /** Each origin's connections of one protocol, in the order they were opened. */
  const pools = new Map<string, Conn[]>()
  const poolOf = (origin: Origin, proto: PageProtocol): Conn[] => {
    const key = `${proto} ${origin}`
    let pool = pools.get(key)
    if (!pool) pools.set(key, (pool = []))
    return pool
  }
  const jobs: Job[] = []
  const pending = new Map<Origin, Job[]>()
  const agenda = new Agenda()
  const frames: PageFrame[] = []
  const losses: PageLoss[] = []

  const app = appStages(scenario)
  const cdnEdge = cdnStage(page.cdn?.cache ?? 'hit')
  const onions = new Map<string, Stage[]>()
  const stagesFor = (origin: Origin, proto: PageProtocol) => {
    const key = `${isCdn(origin)} ${proto}`
    let stages = onions.get(key)
    if (!stages) {
      const edge: Stage[] = isCdn(origin) ? [cdnEdge] : [proxyStage, serverStage, ...app]
      const transport: Stage[] = proto === 'h3' ? [quicStage] : [tcpStage, tlsStage]
      stages = [clientStage, dnsStage, ...transport, ...edge]
      onions.set(key, stages)
    }
    const onion = stages
    return (): Stage[] => onion
  }

  const protocolFor = (origin: Origin, t: number): PageProtocol => {
    if (protocol !== 'h3') return protocol
    const known = altSvc[origin]
    const at = altSvcAt[origin]
    return known && at !== undefined && at <= t && known.expiresAt > base + t ? 'h3' : 'h2'
  }

  const addJob = (
    url: string,
    kind: ResourceKind,
    resource: PageResource | null,
    at: number,
    initiator: string | null,
  ) => {
    const job: Job = {
      index: jobs.length,
      id: `r${jobs.length}`,
      url,
      kind,
      origin: originOf(url),
      resource,
      discoveredAt: at,
      initiator,
      conn: null,
      protocol: protocolFor(originOf(url), at),
      sentAt: at,
      trace: null,
      firstByteAt: at,
      tail: 0,
      total: 0,
      remaining: 0,
      blockedUntil: 0,
      blocked: 0,
      downloadEnd: at,
      end: at,
      stalled: 0,
      queueing: 0,
      headerBytes: 0,
      rawHeaderBytes: 0,
    }
    jobs.push(job)
    agenda.push(at, { kind: 'discover', job })
  }

  const openConn = (origin: Origin, proto: PageProtocol, t: number): Conn => {
    const pool = poolOf(origin, proto)
    const lane = pool.length
    const previous = given.connections[origin]
    // A kept-alive connection from the last visit: the first one may be reused.
    const keep = lane === 0 && previous?.alpn === proto ? previous : undefined
    const conn: Conn = {
      id: `c${conns.length + 1}`,
      origin,
      protocol: proto,
      lane,
      reused: keep !== undefined,
      start: t,
      readyAt: Infinity,
      end: t,
      busyUntil: t,
      state: keep,
      nextStream: proto === 'h3' ? 0 : 1,
      table: new Map(),
      blockedUntil: 0,
      waiters: [],
    }
    conns.push(conn)
    pool.push(conn)
    return conn
  }

  /** The shared state as this request sees it at `t`: only what had happened by then. */
  const stateFor = (job: Job, t: number): ConnectionState => {
    // Only tickets that existed by then (the shared object as it is when none is from later).
    let tickets = shared.tlsSessions
    for (const origin in tickets)
      if ((ticketAt[origin] ?? -Infinity) > t) {
        const earlier: Record<string, TlsSession> = {}
        for (const o in shared.tlsSessions)
          if ((ticketAt[o] ?? -Infinity) <= t) earlier[o] = shared.tlsSessions[o]!
        tickets = earlier
        break
      }
    // Its own connection's state, not another connection's to the same origin.
    let connections = shared.connections
    if (job.conn?.state) connections = { ...connections, [job.origin]: job.conn.state }
    else if (job.origin in connections) {
      const { [job.origin]: _other, ...rest } = connections
      connections = rest
    }
    const entry = cache[job.url]
    return {
      ...shared,
      now: base + t,
      httpCache: entry ? { [job.url]: entry } : {},
      tlsSessions: tickets,
      connections,
      proxy: proxyMemory[job.origin] ?? shared.proxy,
    }
  }

  const run = (job: Job, t: number) => {
    const proto = job.conn?.protocol ?? job.protocol
    const scenarios = appsFor(proto)
    const app = isCdn(job.origin) ? scenarios.cdn : scenarios.site
    const handed = stateFor(job, t)
    const trace = simulateWith(
      {
        scenario: app,
        request: { method: 'GET', url: job.url },
        seed: seed * 1_000 + job.index,
        connection: handed,
      },
      stagesFor(job.origin, proto),
    )
    job.trace = trace
    job.sentAt = t
    const events = trace.events
    // The events the page reads, found in one pass (the first of each type).
    const seen: { -readonly [K in Watched]?: EventOf<K> } = {}
    for (const e of events)
      if (WATCHED.has(e.type) && seen[e.type as Watched] === undefined)
        (seen as Record<string, TraceEvent>)[e.type] = e
    const at = <K extends Watched>(type: K) => seen[type] as EventOf<K> | undefined
    const answer = at('dns:answer')
    if (answer) dnsReadyAt[hostOf(job.url)] = t + end(answer)
    const finished = at('tls:finished')
    if (finished) ticketAt[job.origin] = t + end(finished)
    const ready = finished ?? at('tcp:ack')
    const conn = job.conn
    if (conn && conn.readyAt === Infinity) {
      conn.reused = at('tcp:reuse') !== undefined || (!ready && at('tls:reuse') !== undefined)
      conn.readyAt = ready ? t + end(ready) : t
      for (const waiter of conn.waiters.splice(0)) {
        waiter.stalled = conn.readyAt - waiter.discoveredAt - waiter.queueing
        agenda.push(conn.readyAt, { kind: 'send', job: waiter })
      }
    }

    // The shared memory moves on: DNS, tickets, cookies, cache; the connection is this job's.
    // Traces run one at a time, each from the latest shared state, so what comes back already
    // holds everything before it; only the tickets were filtered going in.
    const next = trace.connection
    shared = {
      ...shared,
      dnsCache: next.dnsCache,
      osDnsCache: next.osDnsCache,
      // The tickets it was handed come back untouched unless the handshake got a new one.
      tlsSessions:
        next.tlsSessions === handed.tlsSessions
          ? shared.tlsSessions
          : { ...shared.tlsSessions, ...next.tlsSessions },
      cookies: next.cookies,
    }
    for (const url in next.httpCache) cache[url] = next.httpCache[url]!
    proxyMemory[job.origin] = next.proxy
    if (job.conn) job.conn.state = next.connections[job.origin]

    // Headers as sent: raw text on HTTP/1.1, HPACK/QPACK against this connection's table.
    const built: HttpRequest | undefined = at('client:build-request')?.request
    if (built) {
      const raw = requestBytes(built) - built.body.length
      job.rawHeaderBytes = raw
      if (proto === 'http/1.1' || !job.conn) job.headerBytes = raw
      else {
        // The pseudo-headers, then the rest in the order sent (`host` became `:authority`).
        const table = job.conn.table
        let bytes =
          fieldBytes(':method', built.method, table) +
          fieldBytes(':scheme', built.scheme, table) +
          fieldBytes(':authority', built.host, table) +
          fieldBytes(':path', built.path + (built.query ? `?${built.query}` : ''), table)
        const headers = built.headers
        for (const name in headers)
          if (name !== 'host') bytes += fieldBytes(name, headers[name]!, table)
        job.headerBytes = bytes
      }
    }

    const receive = at('client:receive')
    if (trace.response && receive && job.conn) {
      job.firstByteAt = t + receive.at
      job.total = receive.data.bytes
      job.remaining = job.total
      job.tail = traceEnd(trace) - end(receive)
      const advertised = trace.response.headers['alt-svc']
      if (protocol === 'h3' && advertised?.includes('h3') && proto !== 'h3') {
        if (!altSvcFrom.some((a) => a.origin === job.origin))
          altSvcFrom.push({
            origin: job.origin,
            request: job.id,
            at: t + receive.at,
            value: advertised,
          })
        altSvc[job.origin] = { protocol: 'h3', expiresAt: base + t + receive.at + ALT_SVC_MS }
        altSvcAt[job.origin] = Math.min(altSvcAt[job.origin] ?? Infinity, t + receive.at)
      }
      agenda.push(job.firstByteAt, { kind: 'first-byte', job })
    } else {
      // From the browser's cache, or failed below HTTP: no bytes cross the link.
      job.firstByteAt = t + traceEnd(trace)
      job.downloadEnd = job.firstByteAt
      agenda.push(job.firstByteAt, { kind: 'complete', job })
    }
  }

  /** Puts waiting requests on connections: reuse, open (up to the limit), or keep waiting. */
  const dispatch = (origin: Origin, t: number) => {
    const queue = pending.get(origin)
    if (!queue) return
    while (queue.length > 0) {
      const job = queue[0]!
      const proto = protocolFor(origin, t)
      job.protocol = proto
      const mine = poolOf(origin, proto)
      let conn: Conn | undefined
      let sendAt = t
      if (proto === 'http/1.1') {
        conn = mine.find((c) => c.busyUntil <= t)
        if (!conn && mine.length < MAX_H1_CONNECTIONS) conn = openConn(origin, proto, t)
        if (!conn) break // all six are busy: Queueing, until one frees
        conn.busyUntil = Infinity
      } else {
        conn = mine[0]
        const opened = conn !== undefined
        if (!conn) conn = openConn(origin, proto, t)
        job.stream = conn.nextStream
        conn.nextStream += proto === 'h3' ? 4 : 2
        if (opened && conn.readyAt === Infinity) {
          // Its handshake is under way: the request waits for it (Stalled).
          queue.shift()
          job.conn = conn
          job.queueing = t - job.discoveredAt
          conn.waiters.push(job)
          continue
        }
        if (opened) sendAt = Math.max(t, conn.readyAt)
      }
      queue.shift()
      job.conn = conn
      job.queueing = t - job.discoveredAt
      // A new connection waits for a DNS answer another request is already fetching.
      const host = hostOf(job.url)
      const opening = conn.state === undefined && conn.start === t
      if (opening) {
        const dns = dnsReadyAt[host]
        if (dns !== undefined && dns > t) sendAt = dns
        conn.start = sendAt
      }
      job.stalled = sendAt - t
      if (sendAt > t) agenda.push(sendAt, { kind: 'send', job })
      else run(job, t)
    }
  }

  // The link: one body slice at a time, round-robin over the bodies arriving (frames interleave).
  const active: Job[] = []
  let linkBusy = false
  let turn = 0
  const blockedAt = (job: Job, t: number) =>
    job.blockedUntil > t || (job.protocol !== 'h3' && (job.conn?.blockedUntil ?? 0) > t)
  const kick = (t: number) => {
    if (linkBusy || active.length === 0) return
    for (let k = 0; k < active.length; k++) {
      const job = active[(turn + k) % active.length]!
      if (blockedAt(job, t)) continue
      turn = (turn + k + 1) % active.length
      const bytes = Math.min(FRAME_BYTES, job.remaining)
      const duration = transferMs(bytes, profile.bandwidthMbps)
      frames.push(
        job.stream === undefined
          ? { connection: job.conn!.id, request: job.id, at: t, duration, bytes, lost: false }
          : {
              connection: job.conn!.id,
              request: job.id,
              stream: job.stream,
              at: t,
              duration,
              bytes,
              lost: false,
            },
      )
      linkBusy = true
      agenda.push(t + duration, { kind: 'chunk', job, bytes, frame: frames.length - 1 })
      return
    }
    // Everything arriving is waiting for a retransmission: wake when the first one lands.
    const wake = Math.min(
      ...active.map((j) =>
        Math.max(j.blockedUntil, j.protocol !== 'h3' ? j.conn!.blockedUntil : 0),
      ),
    )
    agenda.push(wake, { kind: 'wake' })
  }

  /** What each stylesheet or script finds once it has arrived, and what the parser finds. */
  const foundBy = new Map<string, PageResource[]>()
  for (const r of page.resources) {
    const list = foundBy.get(r.discoveredBy)
    if (list) list.push(r)
    else foundBy.set(r.discoveredBy, [r])
  }
  const parserFound = foundBy.get('parser') ?? []
  const discoverAfter = (parent: Job, t: number) => {
    const doc = jobs[0]!
    for (const r of foundBy.get(parent.url) ?? []) {
      const parsedAt = Math.max(t, doc.end)
      const at = parent.kind === 'script' ? parsedAt + executeMs(parent.total) : parsedAt + STYLE_MS
      addJob(r.url, r.kind, r, at, parent.id)
    }
  }

  addJob(page.document, 'document', null, 0, null)
  let scanned = 0
  const scan = (doc: Job, t: number) => {
    if (doc.trace?.response?.status !== 200) return
    const share = doc.total === 0 ? 1 : (doc.total - doc.remaining) / doc.total
    // The preload scanner reads the HTML as it arrives: tags in the first half of the bytes first.
    while (scanned < parserFound.length && (scanned + 1) / parserFound.length <= share + 1e-9) {
      const found = parserFound[scanned]!
      addJob(found.url, found.kind, found, t + 0.02 * scanned, doc.id)
      scanned += 1
    }
  }

  for (let item = agenda.pop(); item; item = agenda.pop()) {
    const t = item.at
    const what = item.what
    switch (what.kind) {
      case 'discover': {
        const { job } = what
        const fresh = cache[job.url]
        if (fresh && isFresh(fresh, base + t)) {
          run(job, t) // the browser's own cache answers: no connection at all
          break
        }
        const queue = pending.get(job.origin) ?? []
        queue.push(job)
        pending.set(job.origin, queue)
        dispatch(job.origin, t)
        break
      }
      case 'send':
        run(what.job, t)
        break
      case 'first-byte': {
        const { job } = what
        if (job.total === 0) {
          job.downloadEnd = t
          agenda.push(t + job.tail, { kind: 'complete', job })
          if (job.kind === 'document') scan(job, t)
          break
        }
        active.push(job)
        kick(t)
        break
      }
      case 'chunk': {
        const { job, bytes } = what
        linkBusy = false
        if (lossRate > 0 && rng.next() < lossRate) {
          // The packet is gone; it is sent again after about a round trip. TCP delivers in
          // order, so every stream on the connection waits; QUIC holds back only this stream.
          const frame = frames[what.frame]!
          frames[what.frame] = { ...frame, lost: true }
          const until = t + rto
          const blocked =
            job.protocol === 'h3'
              ? [job]
              : active.filter((j) => j.conn === job.conn && j.protocol !== 'h3')
          if (job.protocol === 'h3') job.blockedUntil = until
          else job.conn!.blockedUntil = until
          for (const j of blocked) j.blocked += rto
          losses.push({
            at: t,
            until,
            connection: job.conn!.id,
            request: job.id,
            blocked: blocked.map((j) => j.id),
          })
        } else {
          job.remaining -= bytes
          if (job.kind === 'document') scan(job, t)
          if (job.remaining <= 0) {
            active.splice(active.indexOf(job), 1)
            job.downloadEnd = t
            agenda.push(t + job.tail, { kind: 'complete', job })
          }
        }
        kick(t)
        break
      }
      case 'wake':
        kick(t)
        break
      case 'complete': {
        const { job } = what
        job.end = t
        const conn = job.conn
        if (conn) {
          conn.end = Math.max(conn.end, t)
          if (conn.protocol === 'http/1.1') conn.busyUntil = t
        }
        discoverAfter(job, t)
        dispatch(job.origin, t)
        // HTTP/2 requests waiting on an origin whose h3 became known stay where they are.
        break
      }
    }
  }

  const requests: PageRequest[] = jobs.map((job) => toRequest(job))
  const connections: PageConnection[] = conns.map((c) => ({
    id: c.id,
    protocol: c.protocol,
    origin: c.origin,
    start: c.start,
    end: c.end,
    readyAt: c.readyAt,
    lane: c.lane,
    transport: c.protocol === 'h3' ? 'quic' : 'tcp',
    reused: c.reused,
  }))
  const endAt = Math.max(0, ...requests.map((r) => r.end))

  const doc = requests[0]!
  const ok = (r: PageRequest) => r.status !== null && r.status < 400
  const blocking = requests.filter((r) => r.renderBlocking)
  const marks: PageMark[] = []
  const mark = (id: PageMark['id'], at: number) => marks.push({ id, at, label: PAGE_LABELS[id] })
  if (ok(doc)) {
    const firstPaint = Math.max(doc.end, ...blocking.map((r) => r.end)) + PAINT_MS
    mark('first-paint', firstPaint)
    const hero = requests.find((_, i) => jobs[i]!.resource?.lcp)
    mark('lcp', Math.max(firstPaint, hero ? hero.end + PAINT_MS / 2 : firstPaint))
    const scripts = requests.filter((r) => r.kind === 'script')
    mark(
      'dom-content-loaded',
      Math.max(doc.end, ...scripts.map((r) => r.end + executeMs(r.bodyBytes))),
    )
    mark('load', Math.max(doc.end, ...requests.filter((r) => r.kind !== 'fetch').map((r) => r.end)))
  }
  const fetched = requests.find((r) => r.kind === 'fetch')
  if (fetched) mark('data', fetched.end + 2)
  marks.sort((a, b) => a.at - b.at)

  for (const c of conns)
    if (c.state)
      shared = {
        ...shared,
        connections: { ...shared.connections, [c.origin]: { ...c.state, lastUsed: base + c.end } },
      }
  return {
    requests,
    connections,
    frames,
    losses,
    marks,
    end: endAt,
    protocol,
    network,
    altSvcFrom,
    data: { request: fetched?.id ?? null, state: fetched && ok(fetched) ? 'success' : 'error' },
    connection: { ...shared, now: base + endAt, altSvc, httpCache: cache },
  }
}

const toRequest = (job: Job): PageRequest => {
  const trace = job.trace!
  const events = trace.events
  // DevTools' DNS, Initial connection and SSL: the handshake layers' steps on the way in.
  let dns = 0
  let connect = 0
  let ssl = 0
  for (const e of events) {
    if (e.layer === 'dns') dns += e.duration
    else if (e.direction !== 'request') continue
    else if (e.layer === 'tcp') connect += e.duration
    else if (e.layer === 'tls' && e.type !== 'tls:reuse') ssl += e.duration
  }
  const preSend = job.sentAt - job.discoveredAt
  const waiting = Math.max(0, job.firstByteAt - job.sentAt - dns - connect - ssl)
  const phases: PagePhases = {
    queueing: job.queueing,
    stalled: Math.max(0, preSend - job.queueing),
    dns,
    connect,
    ssl,
    waiting,
    download: Math.max(0, job.end - job.firstByteAt),
    blocked: job.blocked,
  }
  const cache = trace.response?.headers['x-cache']
  return {
    id: job.id,
    url: job.url,
    name: nameOf(job.url),
    method: 'GET',
    kind: job.kind,
    initiator: job.initiator,
    connection: job.conn?.id ?? 'cache',
    ...(job.stream === undefined ? {} : { stream: job.stream }),
    protocol: job.conn?.protocol ?? job.protocol,
    start: job.discoveredAt,
    sentAt: job.sentAt,
    end: job.end,
    phases,
    headerBytes: job.headerBytes,
    rawHeaderBytes: job.rawHeaderBytes,
    bodyBytes: job.total,
    status: trace.response?.status ?? null,
    ...(cache === 'HIT' || cache === 'MISS'
      ? { cdn: { cache, ageSeconds: Number(trace.response?.headers.age ?? 0) } }
      : {}),
    renderBlocking: job.kind === 'stylesheet' && job.resource?.discoveredBy === 'parser',
    trace,
  }
}
