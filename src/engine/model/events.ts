import type { HttpRequest, HttpResponse } from './http'
import type { LayerId } from './layers'
import type { Millis } from './time'

export type Direction = 'request' | 'response'

/**
 * What each event type carries beyond the common fields: the text-free facts that the
 * narration and inspector need. Adding a type here makes every exhaustive switch ask for it.
 */
export interface EventPayloads {
  'client:parse-url': {
    url: string
    scheme: 'http' | 'https'
    host: string
    port: number
    path: string
    query: string
  }
  'client:build-request': { headersAdded: string[] }
  'client:receive': { bytes: number }
  'client:complete': { status: number; statusText: string }
  'client:network-error': { code: string }
  'dns:cache-hit': { cache: 'browser' | 'os'; host: string; address: string; ttlLeft: number }
  'dns:query': {
    server: 'resolver' | 'root' | 'tld' | 'authoritative'
    host: string
    answer: string
  }
  'dns:answer': { host: string; address: string; ttl: number }
  'dns:nxdomain': { host: string }
  'tcp:syn': { port: number; address: string }
  'tcp:syn-ack': { port: number; address: string }
  'tcp:ack': { port: number; address: string }
  'tcp:reuse': { address: string; requestsOnConnection: number }
  'tcp:keep-alive': { address: string }
  'tls:client-hello': { offeredVersions: string[]; alpn: string[]; serverName: string }
  'tls:server-hello': { version: '1.2' | '1.3'; cipher: string; alpn: string }
  'tls:certificate': { subject: string; issuer: string; validUntil: string }
  'tls:finished': { version: '1.2' | '1.3'; roundTrips: number }
  'tls:reuse': { version: '1.2' | '1.3' }
  'tls:decrypt': { bytes: number }
  'proxy:receive': { software: string; bytes: number; terminatedTls: boolean }
  'proxy:forward': { upstream: string; worker: number; workers: number; headersAdded: string[] }
  'proxy:send': { software: string; headersChanged: string[] }
  'server:parse': {
    interface: 'WSGI' | 'ASGI'
    software: string
    /** `environ` (WSGI) or `scope` (ASGI) as the framework receives it. */
    data: Record<string, string | number | string[][]>
  }
  'server:request-object': { framework: string; object: string; context: boolean }
  'server:write': { interface: 'WSGI' | 'ASGI'; software: string; bytes: number }
  'middleware:enter': { name: string; note: string }
  'middleware:exit': { name: string; headersAdded: string[] }
  'router:match': {
    tried: { pattern: string; methods: string[]; pathMatched: boolean }[]
    pattern: string
    params: Record<string, string | number>
    endpoint: string
  }
  'router:not-found': { tried: { pattern: string; methods: string[]; pathMatched: boolean }[] }
  'validation:ok': { checked: string[] }
  'handler:call': { endpoint: string; args: Record<string, string | number> }
  'handler:db-query': { sql: string; rows: number }
  'handler:return': { kind: 'json'; status: number }
}

export type EventType = keyof EventPayloads

interface EventBase {
  /** Position in the trace, from 0. */
  readonly seq: number
  /** When the event starts on the virtual clock. */
  readonly at: Millis
  readonly duration: Millis
  readonly layer: LayerId
  /** The onion stage that emitted it, e.g. `proxy` or `middleware:logging`. */
  readonly stage: string
  readonly direction: Direction
  /** A short English label; explanations live in the UI. */
  readonly title: string
  /** The request as it stands after this event. */
  readonly request: HttpRequest
  /** The response as it stands after this event (outbound events only). */
  readonly response?: HttpResponse
}

/** One timed step of the journey, discriminated by `type`. */
export type TraceEvent = {
  [K in EventType]: EventBase & { readonly type: K; readonly data: EventPayloads[K] }
}[EventType]

export type EventOf<K extends EventType> = Extract<TraceEvent, { type: K }>
