/**
 * What Roundtrip reads from a HAR file, and the measured page it shows. Every number in a
 * `MeasuredPage` was written by the browser (or the server, for Server-Timing) that recorded the
 * file: nothing here is simulated, and a phase the file marks as not applicable (`-1`) is `null`,
 * never 0.
 */

export interface HarNameValue {
  readonly name: string
  readonly value: string
}

export interface HarPostData {
  readonly mimeType: string
  readonly text?: string
  readonly params?: readonly HarNameValue[]
}

export interface HarContent {
  readonly size: number
  readonly mimeType: string
  readonly text?: string
  readonly encoding?: string
}

/** One reported metric of a `Server-Timing` header (`app;dur=40;desc="Flask"`). */
export interface ServerTimingMetric {
  readonly name: string
  /** Milliseconds, as the server reported them; absent when the metric has no `dur`. */
  readonly dur?: number
  readonly desc?: string
}

/** The browser's timing phases of one entry, in ms. `null`: the file says not applicable (-1). */
export interface MeasuredPhases {
  readonly blocked: number | null
  readonly dns: number | null
  /** TCP's handshake alone: HAR's `connect` less its `ssl`, which HAR counts inside it. */
  readonly connect: number | null
  readonly ssl: number | null
  readonly send: number | null
  readonly wait: number | null
  readonly receive: number | null
}

export type MeasuredPhase = keyof MeasuredPhases

export const MEASURED_PHASES: readonly (readonly [MeasuredPhase, string])[] = [
  ['blocked', 'Blocked (queueing, stalled)'],
  ['dns', 'DNS Lookup'],
  ['connect', 'Initial connection'],
  ['ssl', 'SSL'],
  ['send', 'Request sent'],
  ['wait', 'Waiting (TTFB)'],
  ['receive', 'Content Download'],
]

export type MeasuredKind =
  | 'document'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'fetch'
  | 'websocket'
  | 'media'
  | 'other'

export interface MeasuredMessage {
  readonly headers: readonly HarNameValue[]
  readonly cookies: readonly HarNameValue[]
  /** -1 when the file does not know. */
  readonly headersSize: number
  readonly bodySize: number
}

export interface WebSocketMessage {
  readonly type: 'send' | 'receive'
  /** Seconds since the epoch, as Chrome writes them. */
  readonly time: number
  readonly opcode: number
  readonly data: string
}

export interface MeasuredEntry {
  /** `e0`, `e1`… in the file's order. */
  readonly id: string
  /** Its index in `log.entries`. */
  readonly index: number
  readonly url: string
  /** The last path segment, as DevTools' Name column shows it. */
  readonly name: string
  readonly method: string
  /** `null` when the request failed below HTTP (status 0). */
  readonly status: number | null
  readonly statusText: string
  /** As the file writes it (`h2`, `http/2.0`, `HTTP/1.1`), and the name Roundtrip shows. */
  readonly httpVersion: string
  readonly protocol: 'HTTP/1.0' | 'HTTP/1.1' | 'HTTP/2' | 'HTTP/3' | null
  readonly kind: MeasuredKind
  /** ms from the first entry's start to this one's, on the file's clock. */
  readonly start: number
  /** The HAR's `time`: the entry's total, in ms. */
  readonly time: number
  readonly phases: MeasuredPhases
  /** Whether the file counted `ssl` inside `connect` (HAR 1.2 says so; some exporters do not). */
  readonly sslInsideConnect: boolean
  readonly serverTiming: readonly ServerTimingMetric[]
  /** The file's connection id (Chrome: a socket id); absent when it gives none. */
  readonly connection?: string
  /** This connection id already carried an earlier entry. */
  readonly reusedConnection: boolean
  readonly serverIPAddress?: string
  readonly cache: 'memory' | 'disk' | 'revalidated' | null
  readonly initiator: {
    readonly type: string
    readonly url?: string
    readonly entry?: string
  } | null
  readonly priority?: string
  readonly redirectURL?: string
  /** The entry this one was redirected from, and the one it redirects to. */
  readonly redirectedFrom?: string
  readonly redirectsTo?: string
  readonly request: MeasuredMessage & {
    readonly httpVersion: string
    readonly queryString: readonly HarNameValue[]
    readonly postData?: HarPostData
  }
  readonly response: MeasuredMessage & { readonly content: HarContent }
  readonly webSocketMessages?: readonly WebSocketMessage[]
  /** Chrome's `_error` for a failed request. */
  readonly error?: string
  /** What did not add up, said plainly (the phases and `time` disagree…). */
  readonly notes: readonly string[]
}

export interface MeasuredMark {
  readonly id: 'dom-content-loaded' | 'load'
  readonly at: number
  readonly label: string
}

export interface MeasuredPage {
  /**
   * `measured` for a browser's recording; `simulated` when the file says its times came from a
   * model (`_roundtrip.source: "simulated"`, a Roundtrip export): the view then says Simulated,
   * never Measured.
   */
  readonly source: 'measured' | 'simulated'
  /** The tool that wrote the file (`WebInspector`, `Firefox`, `Playwright`…). */
  readonly creator: { readonly name: string; readonly version: string }
  readonly browser?: { readonly name: string; readonly version: string }
  readonly version: string
  readonly title: string
  /** The first entry's `startedDateTime`, in ms since the epoch. */
  readonly startedAt: number
  readonly entries: readonly MeasuredEntry[]
  readonly marks: readonly MeasuredMark[]
  /** When the last entry ended, in ms from the first one's start. */
  readonly end: number
}

/** What is wrong with a file, said where the user gave it. */
export interface HarError {
  readonly kind: 'empty' | 'too-large' | 'json' | 'not-har' | 'version' | 'field' | 'no-entries'
  /** The JSON path of the bad field (`log.entries[3].timings.wait`), or '' for the whole file. */
  readonly path: string
  readonly message: string
}

export type HarResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HarError }
