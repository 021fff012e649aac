/**
 * What the browser remembers between requests: a warm DNS cache and open, kept-alive
 * connections. Pass a trace's `connection` into the next `simulate` call to model a repeat visit.
 */
export interface ConnectionState {
  /** Virtual time at which the previous request finished. */
  readonly now: number
  readonly dnsCache: Readonly<Record<string, { address: string; expiresAt: number }>>
  readonly connections: Readonly<Record<string, OpenConnection>>
}

export interface OpenConnection {
  readonly address: string
  readonly tls: '1.2' | '1.3' | null
  readonly alpn: string
  readonly requests: number
}

export const emptyConnection = (): ConnectionState => ({ now: 0, dnsCache: {}, connections: {} })
