import type { Stage } from '../context'
import type { HttpRequest } from '../model/http'
import { origin, utf8Length } from '../model/http'
import { SESSION_TICKET_MS } from '../stages/tls'

/** QUIC's idle timeout as browsers and nginx set it: 30 s without a packet closes the connection. */
export const QUIC_IDLE_MS = 30_000

/**
 * HTTP/3's transport: QUIC over UDP port 443 in place of the `tcp` and `tls` stages. QUIC carries
 * TLS 1.3 inside its own packets, so the transport and the keys are agreed in one round trip
 * (the Initial packet holds the ClientHello); with a session ticket from an earlier visit a GET
 * goes out as 0-RTT data with the very first packet. There is no SYN, no SYN-ACK, no TCP at all.
 * It emits the TLS events (the handshake is TLS 1.3's), with titles that say QUIC.
 */
export const quicStage: Stage = {
  id: 'tls',
  layer: 'tls',
  run(ctx, request, next) {
    const key = origin(request)
    const clock = ctx.base + ctx.now()
    const address =
      ctx.connection.dnsCache[request.host]?.address ?? ctx.scenario.dns[request.host] ?? ''
    const open = ctx.connection.connections[key]
    // A QUIC connection nobody used for a while is forgotten by both ends (its idle timeout).
    if (open && open.alpn === 'h3' && clock - open.lastUsed <= QUIC_IDLE_MS) {
      ctx.emit(this, {
        type: 'tls:reuse',
        direction: 'request',
        title: 'Open a new stream on the QUIC connection',
        duration: 0,
        request,
        data: { version: '1.3', alpn: 'h3' },
      })
      ctx.connection = {
        ...ctx.connection,
        connections: {
          ...ctx.connection.connections,
          [key]: { ...open, requests: open.requests + 1, lastUsed: clock },
        },
      }
    } else {
      const ticket = ctx.connection.tlsSessions[key]
      const resumed = ticket !== undefined && ticket.expiresAt > clock && ticket.version === '1.3'
      const earlyData = resumed && (request.method === 'GET' || request.method === 'HEAD')
      const oneWay = ctx.network.rttMs / 2
      ctx.emit(this, {
        type: 'tls:client-hello',
        direction: 'request',
        title: earlyData
          ? `QUIC Initial over UDP to ${address}:443, with the request as 0-RTT data`
          : `QUIC Initial over UDP to ${address}:443: ClientHello`,
        duration: earlyData ? 0.1 : ctx.vary(oneWay),
        request,
        data: {
          offeredVersions: ['1.3'],
          alpn: ['h3'],
          serverName: request.host,
          resumption: resumed,
          earlyData,
        },
      })
      if (!earlyData)
        ctx.emit(this, {
          type: 'tls:server-hello',
          direction: 'request',
          title: resumed
            ? 'QUIC Handshake: resume the TLS 1.3 session'
            : 'QUIC Handshake: ServerHello, certificate and Finished in one flight',
          duration: ctx.vary(oneWay) + (resumed ? 0.1 : 0.5),
          request,
          data: { version: '1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpn: 'h3', resumed },
        })
      if (!resumed)
        ctx.emit(this, {
          type: 'tls:certificate',
          direction: 'request',
          title: `Check the certificate for ${request.host}`,
          duration: 0.4,
          request,
          data: {
            subject: request.host,
            names: [request.host],
            issuer: "Let's Encrypt R11",
            validFrom: '2025-05-12',
            validUntil: '2025-08-10',
            problem: null,
          },
        })
      ctx.emit(this, {
        type: 'tls:finished',
        direction: 'request',
        title: earlyData
          ? 'Session resumed: the request went out as 0-RTT data with the first packet'
          : 'QUIC connection and keys ready after one round trip',
        duration: 0.1,
        request,
        data: { version: '1.3', roundTrips: earlyData ? 0 : 1, resumed, earlyData },
      })
      ctx.connection = {
        ...ctx.connection,
        connections: {
          ...ctx.connection.connections,
          [key]: { address, tls: '1.3', alpn: 'h3', requests: 1, lastUsed: clock },
        },
        tlsSessions: {
          ...ctx.connection.tlsSessions,
          [key]: { version: '1.3', alpn: 'h3', expiresAt: clock + SESSION_TICKET_MS },
        },
      }
    }

    const inner: HttpRequest = { ...request, httpVersion: 'HTTP/3' }
    const response = next(inner)
    ctx.emit(this, {
      type: 'tls:decrypt',
      direction: 'response',
      title: 'Decrypt the QUIC packets',
      duration: 0.05,
      request: inner,
      response,
      data: { bytes: utf8Length(response.body) },
    })
    const current = ctx.connection.connections[key]
    if (current)
      ctx.connection = {
        ...ctx.connection,
        connections: {
          ...ctx.connection.connections,
          [key]: { ...current, lastUsed: ctx.base + ctx.now() },
        },
      }
    return response
  },
}
