/**
 * The waterfall's model: a trace's events grouped into the phases Chrome DevTools shows
 * (Queueing … Content Download), with Waiting (TTFB) opened into the server layers inside it,
 * and the "where did the time go" breakdown. Pure: no React, no store, only the trace.
 */
import type { StageId, Trace, TraceEvent } from '../../engine'
import { middlewareAt } from '../model/middleware'

/** The top-level phases of one round trip, in the order they normally happen. */
type PhaseKind =
  | 'queueing'
  | 'stalled'
  | 'dns'
  | 'connect'
  | 'ssl'
  | 'request'
  | 'waiting'
  | 'download'
  | 'cache'
  | 'browser'
  | 'failure'

/** A row of the waterfall: a phase, or (inside Waiting) a server layer or a step of the view. */
export type RowKind = PhaseKind | 'layer' | 'step' | 'return'

/** The colour family of a bar; always paired with a label, never the only signal. */
export type Tone =
  | 'client'
  | 'network'
  | 'waiting'
  | 'proxy'
  | 'server'
  | 'middleware'
  | 'router'
  | 'validation'
  | 'handler'
  | 'data'
  | 'failure'

interface PhaseInfo {
  /** The name Chrome DevTools gives the phase (its Timing tab), or null when it has none. */
  readonly devtools: string | null
  /** What happens in it, in one line of plain words. */
  readonly about: string
  readonly tone: Tone
}

/** One line per phase, so the names match what students see in the real tool. */
export const PHASES: Readonly<Record<PhaseKind, PhaseInfo>> = {
  queueing: {
    devtools: 'Queueing',
    about: 'The browser reads the URL, builds the request and waits for its turn to start.',
    tone: 'client',
  },
  stalled: {
    devtools: 'Stalled',
    about: 'Waiting for a connection to send on; here the open, kept-alive one is picked up.',
    tone: 'client',
  },
  dns: {
    devtools: 'DNS Lookup',
    about: 'Turning the host name into an IP address, from a cache or by asking DNS servers.',
    tone: 'network',
  },
  connect: {
    devtools: 'Initial connection',
    about:
      'The TCP handshake (SYN, SYN-ACK, ACK) and, for https, the TLS handshake: as in DevTools, SSL is part of this bar.',
    tone: 'network',
  },
  ssl: {
    devtools: 'SSL',
    about:
      'The TLS handshake, inside Initial connection: check the certificate and agree on keys before any HTTP is sent.',
    tone: 'network',
  },
  request: {
    devtools: 'Request sent',
    about: 'Writing the request’s bytes onto the connection; its trip to the server is Waiting.',
    tone: 'network',
  },
  waiting: {
    devtools: 'Waiting (TTFB)',
    about:
      'Time to first byte: the request crosses to the server, every layer works on it, and the first byte of the answer comes back.',
    tone: 'waiting',
  },
  download: {
    devtools: 'Content Download',
    about: 'The response’s bytes arrive and are decrypted.',
    tone: 'network',
  },
  cache: {
    devtools: '(disk cache)',
    about:
      'A fresh copy from the browser’s HTTP cache: nothing crosses the network. DevTools says so in the Size column.',
    tone: 'client',
  },
  browser: {
    devtools: null,
    about: 'Not a DevTools phase: the browser reads the status, stores cookies, updates its cache.',
    tone: 'client',
  },
  failure: {
    devtools: '(failed)',
    about: 'The browser gave up: no HTTP status exists, only the error DevTools shows in Status.',
    tone: 'failure',
  },
}

/** The top-level phase an event belongs to. Exhaustive: a new event type must be placed. */
export const phaseOf = (event: TraceEvent): PhaseKind => {
  switch (event.type) {
    case 'client:parse-url':
    case 'client:build-request':
    case 'client:attach-cookies':
    case 'client:cache-revalidate':
      return 'queueing'
    case 'tcp:idle-closed':
    case 'tcp:reuse':
    case 'tls:reuse':
      return 'stalled'
    case 'dns:cache-miss':
    case 'dns:cache-hit':
    case 'dns:query':
    case 'dns:answer':
    case 'dns:nxdomain':
      return 'dns'
    case 'tcp:syn':
    case 'tcp:syn-ack':
    case 'tcp:ack':
    case 'tcp:refused':
      return 'connect'
    case 'tls:client-hello':
    case 'tls:server-hello':
    case 'tls:certificate':
    case 'tls:finished':
    case 'tls:alert':
      return 'ssl'
    // Writing the request is Request sent; its crossing is the start of Waiting (see timelineOf).
    case 'proxy:receive':
      return 'request'
    case 'proxy:redirect':
    case 'proxy:maintenance':
    case 'proxy:body-too-large':
    case 'proxy:rate-limit':
    case 'proxy:static':
    case 'proxy:forward':
    case 'proxy:upstream-error':
    case 'proxy:send':
    case 'server:queued':
    case 'server:parse':
    case 'server:request-object':
    case 'server:exception':
    case 'server:context-pop':
    case 'server:write':
    case 'middleware:enter':
    case 'middleware:exit':
    case 'middleware:unwind':
    case 'middleware:cors-preflight':
    case 'middleware:cors-headers':
    case 'middleware:auth-check':
    case 'middleware:auth-ok':
    case 'middleware:auth-reject':
    case 'middleware:authz-check':
    case 'middleware:authz-reject':
    case 'middleware:exception':
    case 'middleware:gzip':
    case 'middleware:gzip-skip':
    case 'middleware:session-load':
    case 'middleware:session-save':
    case 'middleware:rate-check':
    case 'middleware:rate-limited':
    case 'middleware:csrf-check':
    case 'middleware:csrf-reject':
    case 'router:match':
    case 'router:not-found':
    case 'router:method-not-allowed':
    case 'router:options':
    case 'validation:parse-body':
    case 'validation:depends':
    case 'validation:ok':
    case 'validation:error':
    case 'handler:call':
    case 'handler:db-query':
    case 'handler:external-call':
    case 'handler:logic':
    case 'handler:raise':
    case 'handler:render':
    case 'handler:return':
      return 'waiting'
    case 'tls:decrypt':
    case 'tcp:keep-alive':
    case 'client:receive':
      return 'download'
    // Closed after a `Connection: close` answer: part of receiving it. Closed on an error: the failure.
    case 'tcp:close':
      return event.data.code === null ? 'download' : 'failure'
    case 'client:cache-hit':
      return 'cache'
    case 'client:store-cookies':
    case 'client:cache-store':
    case 'client:cache-use':
    case 'client:redirect':
    case 'client:complete':
      return 'browser'
    case 'client:network-error':
      return 'failure'
  }
}

/** Events that end the journey where they stand: the phase holding one is drawn as failed. */
const FAILING = new Set<TraceEvent['type']>(['dns:nxdomain', 'tcp:refused', 'tls:alert'])

export interface Row {
  /** Unique within the timeline, stable for a given trace. */
  readonly id: string
  readonly kind: RowKind
  /** The DevTools name for a phase that has one; otherwise the layer or step in plain words. */
  readonly label: string
  /** Set on the rows that carry a Chrome DevTools name. */
  readonly devtools: boolean
  /** One line about the row: the phase explanation, or the SQL / call / template of a step. */
  readonly about: string | null
  readonly tone: Tone
  /** 0 for a phase; inside Waiting, 1 for the proxy and one more for each layer further in. */
  readonly depth: number
  /** Indices into `trace.events`, in order. */
  readonly events: readonly number[]
  /** Where a click on the row moves the playhead. */
  readonly first: number
  readonly start: number
  readonly end: number
  /** The sum of its events' durations (virtual ms). */
  readonly duration: number
  /** Stretches of its own time, merged where events follow each other without a gap. */
  readonly segments: readonly (readonly [number, number])[]
  readonly failed: boolean
  /** Waiting (TTFB) only: the server layers and the view's steps inside it, in order. */
  readonly children: readonly Row[]
}

export interface RoundTrip {
  /** 0 for the request as sent, 1 after the first followed redirect. */
  readonly hop: number
  /** e.g. `GET https://api.example.com/users/42`. */
  readonly request: string
  /** e.g. `301 Moved Permanently`, `ERR_NAME_NOT_RESOLVED`, or null when it has no ending. */
  readonly outcome: string | null
  readonly rows: readonly Row[]
}

export interface Timeline {
  readonly trips: readonly RoundTrip[]
  /** The virtual time of the first event and the end of the last one. */
  readonly start: number
  readonly end: number
}

const endOf = (event: TraceEvent): number => event.at + event.duration

/** Gaps below a nanosecond are rounding, not waiting. */
const EPSILON = 1e-6

const makeRow = (
  events: readonly TraceEvent[],
  fields: Pick<Row, 'id' | 'kind' | 'label' | 'devtools' | 'about' | 'tone' | 'depth'> & {
    children?: readonly Row[]
  },
): Row => {
  const segments: [number, number][] = []
  for (const event of events) {
    const last = segments.at(-1)
    if (last && event.at - last[1] <= EPSILON) last[1] = Math.max(last[1], endOf(event))
    else segments.push([event.at, endOf(event)])
  }
  return {
    ...fields,
    children: fields.children ?? [],
    events: events.map((e) => e.seq),
    first: events[0]!.seq,
    start: events[0]!.at,
    end: Math.max(...events.map(endOf)),
    duration: events.reduce((sum, e) => sum + e.duration, 0),
    segments,
    failed: events.some((e) => FAILING.has(e.type)),
  }
}

/** Groups consecutive-or-not events by key, keeping the order in which keys first appear. */
const groupBy = <K>(events: readonly TraceEvent[], keyOf: (e: TraceEvent) => K) => {
  const groups = new Map<K, TraceEvent[]>()
  for (const event of events) {
    const key = keyOf(event)
    const list = groups.get(key)
    if (list) list.push(event)
    else groups.set(key, [event])
  }
  return groups
}

const software = (events: readonly TraceEvent[], layer: 'proxy' | 'server'): string | null => {
  for (const e of events) {
    if (e.layer !== layer) continue
    if (e.type === 'proxy:receive' || e.type === 'proxy:send') return e.data.software
    if (e.type === 'server:parse' || e.type === 'server:write')
      return `${e.data.software} (${e.data.interface})`
  }
  return null
}

const layerLabel = (stage: StageId, events: readonly TraceEvent[], trip: readonly TraceEvent[]) => {
  if (stage === 'proxy') return `${software(trip, 'proxy') ?? 'Reverse proxy'} (reverse proxy)`
  if (stage === 'server') return software(events, 'server') ?? 'App server'
  if (stage === 'router') return 'Router'
  if (stage === 'validation') return 'Validation'
  if (stage === 'handler') {
    const call = events.find((e) => e.type === 'handler:call')
    return call?.type === 'handler:call' ? `View: ${call.data.endpoint}()` : 'Your view'
  }
  return `${middlewareAt(stage)?.name ?? stage} middleware`
}

const layerTone = (event: TraceEvent): Tone => {
  switch (event.layer) {
    case 'proxy':
    case 'server':
    case 'middleware':
    case 'router':
    case 'validation':
    case 'handler':
      return event.layer
    default:
      return 'waiting'
  }
}

/** What the view waits on: each query or call gets a row of its own. */
const waitOf = (event: TraceEvent): Pick<Row, 'label' | 'about'> | null => {
  switch (event.type) {
    case 'handler:db-query':
      return {
        label: event.data.slow ? 'Slow database query' : 'Database query',
        about: event.data.sql,
      }
    case 'handler:external-call':
      return {
        label: `Call to ${event.data.service}`,
        about: `${event.data.method} ${event.data.url} → ${event.data.status}`,
      }
    default:
      return null
  }
}

/** A line about the view's own code when it did more than compute: rendered or raised. */
const ownAbout = (events: readonly TraceEvent[]): string | null => {
  const notes: string[] = []
  for (const e of events) {
    if (e.type === 'handler:render') notes.push(`renders ${e.data.template}`)
    if (e.type === 'handler:raise') notes.push(`raises ${e.data.exception}`)
  }
  return notes.length > 0 ? `Includes: ${notes.join(', ')}` : null
}

/** A row drawn over `[from, to]` of its events' time only (an event shared by two phases). */
const clipped = (row: Row, from: number, to: number): Row => {
  const segments = row.segments
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b - a > EPSILON)
  const start = segments[0]?.[0] ?? from
  const end = segments.at(-1)?.[1] ?? from
  return {
    ...row,
    start,
    end,
    segments,
    duration: segments.reduce((sum, [a, b]) => sum + (b - a), 0),
  }
}

/**
 * The rows inside Waiting (TTFB): the request's trip to the server, one row per server layer
 * (onion order) and per view step, and the answer's trip back.
 */
const waitingRows = (hop: number, events: readonly TraceEvent[], trip: readonly TraceEvent[]) => {
  const rows: Row[] = []
  let depth = 0
  const receive = events.find((e) => e.type === 'proxy:receive')
  if (receive?.type === 'proxy:receive')
    rows.push(
      clipped(
        makeRow([receive], {
          id: `${hop}:outward`,
          kind: 'return',
          label: 'The request travels to the server',
          devtools: false,
          about: null,
          tone: 'network',
          depth: 1,
        }),
        receive.at + receive.data.wireMs,
        endOf(receive),
      ),
    )
  const inside = events.filter((e) => e.type !== 'proxy:send' && e.type !== 'proxy:receive')
  for (const [stage, layerEvents] of groupBy(inside, (e) => e.stage)) {
    depth += 1
    rows.push(
      makeRow(layerEvents, {
        id: `${hop}:layer:${stage}`,
        kind: 'layer',
        label: layerLabel(stage, layerEvents, trip),
        devtools: false,
        about: null,
        tone: layerTone(layerEvents[0]!),
        depth,
      }),
    )
    // Every worker busy: the wait for one is a step of its own, before the server did anything.
    for (const event of layerEvents)
      if (event.type === 'server:queued')
        rows.push(
          makeRow([event], {
            id: `${hop}:step:${event.seq}`,
            kind: 'step',
            label:
              event.data.concurrency === 'event-loop'
                ? 'Queued: the event loop is blocked'
                : 'Queued: every worker busy',
            devtools: false,
            about: 'In the listen backlog until a worker is free',
            tone: 'waiting',
            depth: depth + 1,
          }),
        )
    if (stage !== 'handler') continue
    // The view's steps: each wait on the database or a service, and its own code (the rest).
    const own = layerEvents.filter((e) => waitOf(e) === null)
    if (own.length > 0)
      rows.push(
        makeRow(own, {
          id: `${hop}:own`,
          kind: 'step',
          label: 'The view’s own code',
          devtools: false,
          about: ownAbout(own),
          tone: 'handler',
          depth: depth + 1,
        }),
      )
    for (const event of layerEvents) {
      const wait = waitOf(event)
      if (wait)
        rows.push(
          makeRow([event], {
            ...wait,
            id: `${hop}:step:${event.seq}`,
            kind: 'step',
            tone: 'data',
            devtools: false,
            depth: depth + 1,
          }),
        )
    }
  }
  const back = events.filter((e) => e.type === 'proxy:send')
  if (back.length > 0)
    rows.push(
      makeRow(back, {
        id: `${hop}:return`,
        kind: 'return',
        label: 'The answer travels back',
        devtools: false,
        about: null,
        tone: 'network',
        depth: 1,
      }),
    )
  // Time order (stable: the view's row stays above its own code, which starts with it).
  return rows.sort((a, b) => a.first - b.first || a.start - b.start)
}

/**
 * DevTools' phases from the rows grouped by `phaseOf`: Initial connection spans the TLS
 * handshake too (SSL is drawn inside it), Request sent is only the writing of the request, and
 * Waiting (TTFB) runs from there to the first byte back, the request's crossing included.
 */
const asDevTools = (rows: readonly Row[], hop: number, trip: readonly TraceEvent[]): Row[] => {
  const byKind = new Map(rows.map((row) => [row.kind, row]))
  const connect = byKind.get('connect')
  const ssl = byKind.get('ssl')
  const request = byKind.get('request')
  const waiting = byKind.get('waiting')
  const receive = trip.find((e) => e.type === 'proxy:receive')
  return rows.map((row) => {
    if (row === connect && ssl) {
      const events = [...connect.events, ...ssl.events]
        .sort((a, b) => a - b)
        .map((seq) => trip.find((e) => e.seq === seq)!)
      return makeRow(events, { ...row })
    }
    if (row === request && receive?.type === 'proxy:receive')
      return clipped(row, receive.at, receive.at + receive.data.wireMs)
    if (row === waiting && receive?.type === 'proxy:receive') {
      const own = [receive, ...waiting.events.map((seq) => trip.find((e) => e.seq === seq)!)]
      return clipped(
        makeRow(own, { ...row, children: waitingRows(hop, own, trip) }),
        receive.at + receive.data.wireMs,
        Infinity,
      )
    }
    return row
  })
}

const browserLabel = (events: readonly TraceEvent[]): string =>
  events.some((e) => e.type === 'client:redirect')
    ? 'Browser follows the redirect'
    : 'Browser handles the response'

const failureLabel = (events: readonly TraceEvent[]): string => {
  const error = events.find((e) => e.type === 'client:network-error')
  const code = error?.type === 'client:network-error' ? error.data.code : null
  return code ? `(failed) net::${code}` : '(failed)'
}

const tripRequest = (events: readonly TraceEvent[]): string => {
  const first = events[0]!
  const url = first.type === 'client:parse-url' ? first.data.url : first.request.path
  return `${first.request.method} ${url}`
}

const tripOutcome = (events: readonly TraceEvent[]): string | null => {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!
    if (e.type === 'client:network-error') return e.data.code
    if (e.response) return `${e.response.status} ${e.response.statusText}`.trim()
  }
  return null
}

/** Splits a trace into round trips: each starts where the browser parses a URL. */
const splitTrips = (events: readonly TraceEvent[]): TraceEvent[][] => {
  const trips: TraceEvent[][] = []
  for (const event of events) {
    if (event.type === 'client:parse-url' || trips.length === 0) trips.push([event])
    else trips.at(-1)!.push(event)
  }
  return trips
}

/** The whole waterfall for a trace: round trips of phases, Waiting opened into its layers. */
export const timelineOf = (trace: Pick<Trace, 'events'>): Timeline => {
  const { events } = trace
  if (events.length === 0) return { trips: [], start: 0, end: 0 }
  const trips = splitTrips(events).map((tripEvents, index): RoundTrip => {
    const first = tripEvents[0]!
    const hop = first.type === 'client:parse-url' ? first.data.hop : index
    const rows = [...groupBy(tripEvents, phaseOf)].map(([kind, own]) => {
      const info = PHASES[kind]
      const label =
        kind === 'browser'
          ? browserLabel(own)
          : kind === 'failure'
            ? failureLabel(own)
            : (info.devtools ?? kind)
      return makeRow(own, {
        id: `${hop}:${kind}`,
        kind,
        label,
        devtools: info.devtools !== null,
        about: info.about,
        tone: info.tone,
        depth: 0,
        children: kind === 'waiting' ? waitingRows(hop, own, tripEvents) : [],
      })
    })
    return {
      hop,
      request: tripRequest(tripEvents),
      outcome: tripOutcome(tripEvents),
      rows: asDevTools(rows, hop, tripEvents),
    }
  })
  return { trips, start: events[0]!.at, end: Math.max(...events.map(endOf)) }
}

/** The rows of a timeline in reading order, the ones inside Waiting included. */
export const flatRows = (timeline: Timeline): Row[] =>
  timeline.trips.flatMap((trip) => trip.rows.flatMap((row) => [row, ...row.children]))

/** The innermost row holding an event: what the waterfall marks as "now". */
export const rowOfEvent = (timeline: Timeline, index: number): Row | undefined => {
  let found: Row | undefined
  for (const row of flatRows(timeline)) if (row.events.includes(index)) found = row
  return found
}

// --- Where did the time go ------------------------------------------------------------------

type ShareId = 'browser' | 'network' | 'proxy' | 'app' | 'routing' | 'view' | 'data'

interface ShareInfo {
  readonly label: string
  /** What the part is made of, when the label alone does not say. */
  readonly what?: string
  readonly tone: Tone
}

const SHARES: Readonly<Record<ShareId, ShareInfo>> = {
  network: { label: 'Network', what: 'DNS, TCP, TLS, transfer', tone: 'network' },
  proxy: { label: 'Reverse proxy', tone: 'proxy' },
  app: { label: 'App server & middleware', tone: 'server' },
  routing: { label: 'Router & validation', tone: 'router' },
  view: { label: 'Your view’s own code', tone: 'handler' },
  data: { label: 'Database & external calls', tone: 'data' },
  browser: { label: 'The browser itself', tone: 'client' },
}

/** Which part of the whole an event's time counts toward. */
const shareOf = (event: TraceEvent): ShareId => {
  switch (event.layer) {
    case 'client':
      return event.type === 'client:receive' ? 'network' : 'browser'
    case 'dns':
    case 'tcp':
    case 'tls':
      return 'network'
    case 'proxy':
      // Receive and send are the request and the answer crossing the network.
      return event.type === 'proxy:receive' || event.type === 'proxy:send' ? 'network' : 'proxy'
    case 'server':
    case 'middleware':
      return 'app'
    case 'router':
    case 'validation':
      return 'routing'
    case 'handler':
      return event.type === 'handler:db-query' || event.type === 'handler:external-call'
        ? 'data'
        : 'view'
  }
}

export interface Share {
  readonly id: ShareId
  readonly label: string
  readonly what?: string
  readonly tone: Tone
  readonly ms: number
  /** Whole percent; the shares of a breakdown add up to exactly 100. */
  readonly percent: number
}

export interface Breakdown {
  /** Largest first; parts that took no time are left out. */
  readonly shares: readonly Share[]
  readonly total: number
  readonly biggest: Share | null
  /** One sentence stating the finding, e.g. where the view's own code stands. */
  readonly finding: string
}

/** Whole percentages that add up to 100 (largest remainder), so the list never reads 99 or 101. */
export const wholePercents = (values: readonly number[]): number[] => {
  const total = values.reduce((a, b) => a + b, 0)
  if (total <= 0) return values.map(() => 0)
  const exact = values.map((v) => (v / total) * 100)
  const floors = exact.map(Math.floor)
  let left = 100 - floors.reduce((a, b) => a + b, 0)
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of order) {
    if (left <= 0) break
    floors[index]! += 1
    left -= 1
  }
  return floors
}

/** "2 %", or "<1 %" for a part too small to round to one. */
export const formatPercent = (share: Pick<Share, 'ms' | 'percent'>): string =>
  share.percent === 0 && share.ms > 0 ? '<1\u00a0%' : `${share.percent}\u00a0%`

const dataPhrase = (events: readonly TraceEvent[]): string => {
  const db = events.some((e) => e.type === 'handler:db-query')
  const external = events.some((e) => e.type === 'handler:external-call')
  if (db && external) return 'the database and external calls'
  return db ? 'the database' : 'external services'
}

const phraseOf = (id: ShareId, events: readonly TraceEvent[]): string => {
  switch (id) {
    case 'network':
      return 'the network'
    case 'proxy':
      return 'the reverse proxy'
    case 'app':
      return 'the app server and middleware'
    case 'routing':
      return 'routing and validation'
    case 'view':
      return 'your view’s own code'
    case 'data':
      return dataPhrase(events)
    case 'browser':
      return 'the browser itself'
  }
}

/** "The router answered 404": the layer that turned the request back, and with what. */
const answeredBy = (trace: Pick<Trace, 'events' | 'response'>): string => {
  const turn = trace.events.find(
    (e) => e.direction === 'response' && !['client', 'dns', 'tcp', 'tls'].includes(e.layer),
  )
  const status = trace.response ? ` ${trace.response.status}` : ''
  if (!turn) return `The server answered${status}`
  const who =
    turn.stage === 'proxy'
      ? 'The reverse proxy'
      : turn.stage === 'server'
        ? 'The app server'
        : turn.stage === 'router'
          ? 'The router'
          : turn.stage === 'validation'
            ? 'Validation'
            : `The ${middlewareAt(turn.stage)?.inSentence ?? turn.stage} middleware`
  return `${who} answered${status}`
}

const ORDER: readonly ShareId[] = ['network', 'proxy', 'app', 'routing', 'view', 'data', 'browser']

/** "Where did the time go": the whole request split by part, and the sentence that sums it up. */
export const breakdownOf = (
  trace: Pick<Trace, 'events' | 'error' | 'response'>,
  format: (ms: number) => string,
): Breakdown => {
  const { events } = trace
  const ms = new Map<ShareId, number>(ORDER.map((id) => [id, 0]))
  for (const event of events) ms.set(shareOf(event), ms.get(shareOf(event))! + event.duration)
  const present = ORDER.filter((id) => ms.get(id)! > 0)
  const percents = wholePercents(present.map((id) => ms.get(id)!))
  const shares = present
    .map((id, i): Share => ({ id, ...SHARES[id], ms: ms.get(id)!, percent: percents[i]! }))
    .sort((a, b) => b.ms - a.ms)
  const total = events.reduce((sum, e) => sum + e.duration, 0)
  const biggest = shares[0] ?? null
  return { shares, total, biggest, finding: findingOf(trace, shares, total, format) }
}

const findingOf = (
  trace: Pick<Trace, 'events' | 'error' | 'response'>,
  shares: readonly Share[],
  total: number,
  format: (ms: number) => string,
): string => {
  const { events } = trace
  const biggest = shares[0]
  if (!biggest) return 'Nothing took any time.'
  const of = `${format(total)}`
  const big = `${phraseOf(biggest.id, events)} took ${formatPercent(biggest)}`
  if (events.some((e) => e.type === 'client:cache-hit'))
    return `Nothing crossed the network: the browser’s cache answered in ${of}.`
  if (trace.error)
    return `No HTTP was ever sent: ${big} of ${of} before the browser reported ${trace.error.code}.`
  const view = shares.find((s) => s.id === 'view')
  if (!events.some((e) => e.layer === 'handler') || !view)
    return `${answeredBy(trace)} before your view ran; ${big} of ${of}.`
  const own = `Your view’s own code took ${format(view.ms)} of ${of} (${formatPercent(view)})`
  if (biggest.id === 'view') return `${own}: the biggest share this time.`
  return `${own}; ${big}.`
}

// --- Drawing helpers -------------------------------------------------------------------------

/** Tick values for a time axis of `span` ms: at most `most` round steps (1, 2, 2.5 or 5 × 10ⁿ). */
export const axisTicks = (span: number, most = 6): number[] => {
  if (!(span > 0)) return [0]
  const rough = span / Math.max(1, most - 1)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step =
    [1, 2, 2.5, 5, 10, 20].map((m) => m * power).find((s) => span / s < most) ?? 20 * power
  const ticks: number[] = []
  for (let t = 0; t <= span + EPSILON; t += step) ticks.push(Number(t.toPrecision(12)))
  return ticks
}

interface Shown {
  readonly segments: readonly (readonly [number, number])[]
  readonly duration: number
  /** How many of the row's events the playhead has reached. */
  readonly reached: number
}

/** The part of a row the playhead has reached (all of it when nothing is hidden). */
export const shownPart = (
  row: Row,
  events: readonly TraceEvent[],
  upTo: number = Number.POSITIVE_INFINITY,
): Shown => {
  const reached = row.events.filter((index) => index <= upTo)
  if (reached.length === row.events.length)
    return { segments: row.segments, duration: row.duration, reached: reached.length }
  const segments: [number, number][] = []
  let duration = 0
  for (const index of reached) {
    const event = events[index]!
    duration += event.duration
    const last = segments.at(-1)
    if (last && event.at - last[1] <= EPSILON) last[1] = Math.max(last[1], endOf(event))
    else segments.push([event.at, endOf(event)])
  }
  return { segments, duration, reached: reached.length }
}
