import type { Stage } from '../context'
import { origin } from '../model/http'

/** Opens (or reuses) the TCP connection: SYN, SYN-ACK, ACK — one round trip. */
export const tcpStage: Stage = {
  id: 'tcp',
  layer: 'tcp',
  run(ctx, request, next) {
    const key = origin(request)
    const open = ctx.connection.connections[key]
    const address =
      ctx.connection.dnsCache[request.host]?.address ?? ctx.scenario.dns[request.host] ?? ''
    const port = request.port
    if (open) {
      ctx.emit(this, {
        type: 'tcp:reuse',
        direction: 'request',
        title: 'Reuse the open connection (keep-alive)',
        duration: 0,
        request,
        data: { address: open.address, requestsOnConnection: open.requests + 1 },
      })
    } else {
      const oneWay = ctx.network.rttMs / 2
      ctx.emit(this, {
        type: 'tcp:syn',
        direction: 'request',
        title: `SYN to ${address}:${port}`,
        duration: ctx.vary(oneWay),
        request,
        data: { address, port },
      })
      ctx.emit(this, {
        type: 'tcp:syn-ack',
        direction: 'request',
        title: 'SYN-ACK from the server',
        duration: ctx.vary(oneWay),
        request,
        data: { address, port },
      })
      ctx.emit(this, {
        type: 'tcp:ack',
        direction: 'request',
        title: 'ACK: connection established',
        duration: 0.05,
        request,
        data: { address, port },
      })
    }

    const response = next(request)

    ctx.emit(this, {
      type: 'tcp:keep-alive',
      direction: 'response',
      title: 'Connection stays open for the next request',
      duration: 0,
      request,
      response,
      data: { address },
    })
    const tls = request.scheme === 'https' ? (open?.tls ?? ctx.scenario.tls.version) : null
    ctx.connection = {
      ...ctx.connection,
      connections: {
        ...ctx.connection.connections,
        [key]: { address, tls, alpn: 'http/1.1', requests: (open?.requests ?? 0) + 1 },
      },
    }
    return response
  },
}
