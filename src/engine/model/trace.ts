import type { ConnectionState } from './connection'
import type { TraceEvent } from './events'

export interface TraceResponse {
  readonly status: number
  readonly statusText: string
  /** Lower-case header names. */
  readonly headers: Record<string, string>
  readonly body: string
}

/** A network failure: no HTTP status exists (DNS, TCP or TLS failed before any HTTP was sent). */
export interface TraceError {
  readonly code: string
  readonly message: string
}

/** The whole journey of one request: exactly one of `response` or `error`. */
export interface Trace {
  readonly events: readonly TraceEvent[]
  readonly response?: TraceResponse
  readonly error?: TraceError
  readonly connection: ConnectionState
}
