/** Payloads of the browser-side and network events: client, DNS, TCP, TLS, reverse proxy. */
export interface NetworkEventPayloads {
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
}
