import type { ConnectionState } from '../model/connection'
import type { HttpMethod } from '../model/http'
import type { Scenario } from '../model/scenario'
import type { Trace } from '../model/trace'

/** The HTTP version a page's connections speak, as ALPN names it. */
export type PageProtocol = 'http/1.1' | 'h2' | 'h3'

export const PAGE_PROTOCOLS: readonly PageProtocol[] = ['http/1.1', 'h2', 'h3']

/** What a resource is, as DevTools' Type column names it. */
export type ResourceKind = 'document' | 'stylesheet' | 'script' | 'image' | 'font' | 'fetch'

/** One sub-resource of a page. The document itself is `PageSpec.document`. */
export interface PageResource {
  /** An absolute https URL on the page's site or its CDN. */
  readonly url: string
  readonly kind: Exclude<ResourceKind, 'document'>
  /** The body's size in bytes (static files); ignored for `fetch`, whose body the app writes. */
  readonly bytes: number
  /**
   * Who finds it: `parser` (the HTML's preload scanner), the URL of a stylesheet (a font it
   * uses) or of a script (its `fetch()`).
   */
  readonly discoveredBy: 'parser' | string
  /** The largest image in the first screen: its arrival is Largest Contentful Paint. */
  readonly lcp?: boolean
}

export interface PageSpec {
  /** The HTML document, served by the app (a route answering `GET /`). */
  readonly document: string
  readonly resources: readonly PageResource[]
  /** Host names of a CDN (in `cdnHosts`) and whether its edge already holds each file. */
  readonly cdn?: { readonly hosts: readonly string[]; readonly cache: 'hit' | 'miss' }
}

/** Link quality for the whole page: `lossy` drops about 1 packet in 40. */
export type PageNetwork = 'good' | 'lossy'

export interface SimulatePageInput {
  /** The site's app: routes (`/` and the JSON API), proxy, TLS and network. */
  readonly scenario: Scenario
  readonly page?: PageSpec
  /** Defaults to `http/1.1`. */
  readonly protocol?: PageProtocol
  readonly seed?: number
  /** A previous page trace's `connection`: a repeat visit (warm DNS, tickets, Alt-Svc, cache). */
  readonly connection?: ConnectionState
  /** Defaults to `good`. */
  readonly network?: PageNetwork
}

/** DevTools' timing phases for one request, in ms on the page's clock. */
export interface PagePhases {
  /** Waiting for a free connection (HTTP/1.1's six per origin). */
  readonly queueing: number
  /** Waiting for a connection another request is opening, or a DNS answer another is fetching. */
  readonly stalled: number
  readonly dns: number
  /** TCP's handshake (0 on QUIC and on a reused connection). */
  readonly connect: number
  /** TLS's handshake, or QUIC's combined one. */
  readonly ssl: number
  /** From the request leaving to its first byte coming back (TTFB). */
  readonly waiting: number
  /** The body arriving, sharing the link with the other downloads. */
  readonly download: number
  /** Part of `download` lost to retransmissions: a stall of this stream or of its whole TCP connection. */
  readonly blocked: number
}

export interface PageRequest {
  /** `r0` is the document; the rest follow in discovery order. */
  readonly id: string
  readonly url: string
  /** The last path segment, as DevTools' Name column shows it (`/` for the document). */
  readonly name: string
  readonly method: HttpMethod
  readonly kind: ResourceKind
  /** The id of the request whose body or code found this one; `null` for the document. */
  readonly initiator: string | null
  /** The `PageConnection.id` it travelled on. */
  readonly connection: string
  /** HTTP/2 stream id (1, 3, 5…) or QUIC stream id (0, 4, 8…); absent on HTTP/1.1. */
  readonly stream?: number
  readonly protocol: PageProtocol
  /** When it was discovered (DevTools starts the bar here). */
  readonly start: number
  /** When its trace's own clock starts on the page's clock (after queueing and stalls). */
  readonly sentAt: number
  /** When the last byte arrived and the browser finished with it. */
  readonly end: number
  readonly phases: PagePhases
  /** The request's header block as sent: raw text on HTTP/1.1, HPACK or QPACK bytes on h2/h3. */
  readonly headerBytes: number
  /** The same headers as plain text, for comparison. */
  readonly rawHeaderBytes: number
  readonly bodyBytes: number
  /** The status, or `null` when the request failed below HTTP. */
  readonly status: number | null
  /** The CDN's cache verdict (`X-Cache`), when a CDN answered. */
  readonly cdn?: { readonly cache: 'HIT' | 'MISS'; readonly ageSeconds: number }
  readonly renderBlocking: boolean
  /** Its own single-request journey, a normal `Trace` on its own clock from 0. */
  readonly trace: Trace
}

export interface PageConnection {
  /** DevTools' Connection ID column: `c1`, `c2`… in the order they were opened. */
  readonly id: string
  readonly protocol: PageProtocol
  readonly origin: string
  /** When its handshake started, and when its last request ended. */
  readonly start: number
  readonly end: number
  /** When it could carry requests (after DNS, TCP and TLS, or QUIC). */
  readonly readyAt: number
  /** The lane it is drawn in among its origin's connections (0 to 5 on HTTP/1.1). */
  readonly lane: number
  readonly transport: 'tcp' | 'quic'
  /** A kept-alive connection from an earlier visit, reused without a handshake. */
  readonly reused: boolean
}

/** A slice of a response body crossing the link: a DATA frame (h2, h3) or TCP segments (h1). */
export interface PageFrame {
  readonly connection: string
  readonly request: string
  readonly stream?: number
  readonly at: number
  readonly duration: number
  readonly bytes: number
  /** This packet was lost and is sent again after a round trip. */
  readonly lost: boolean
}

/** A packet lost on the link and what waited for its retransmission. */
export interface PageLoss {
  readonly at: number
  readonly until: number
  readonly connection: string
  /** The request whose packet was lost. */
  readonly request: string
  /** Every request that could not move on until the retransmission arrived. */
  readonly blocked: readonly string[]
}

/** An `Alt-Svc` header that told the browser an origin offers HTTP/3, and the response that carried it. */
export interface PageAltSvc {
  readonly origin: string
  /** The request whose response carried the header. */
  readonly request: string
  /** When its headers arrived: requests to the origin discovered from then on may use HTTP/3. */
  readonly at: number
  /** The header as sent, e.g. `h3=":443"; ma=86400`. */
  readonly value: string
}

export type PageMarkId = 'first-paint' | 'lcp' | 'dom-content-loaded' | 'data' | 'load'

export interface PageMark {
  readonly id: PageMarkId
  readonly at: number
  readonly label: string
}

export interface PageTrace {
  readonly requests: readonly PageRequest[]
  readonly connections: readonly PageConnection[]
  readonly frames: readonly PageFrame[]
  readonly losses: readonly PageLoss[]
  readonly marks: readonly PageMark[]
  /** When the last request ended. */
  readonly end: number
  readonly protocol: PageProtocol
  readonly network: PageNetwork
  /** Each origin's first `Alt-Svc` advertising HTTP/3 during this load (HTTP/3 pages only). */
  readonly altSvcFrom: readonly PageAltSvc[]
  /** The AJAX part of the page: what the script's `fetch()` brought back. */
  readonly data: { readonly request: string | null; readonly state: 'success' | 'error' }
  /** What the browser remembers for a repeat visit. */
  readonly connection: ConnectionState
}
