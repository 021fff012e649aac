import type { Stage } from '../context'
import { NetworkFailure } from '../context'
import type { OpenConnection } from '../model/connection'
import { origin } from '../model/http'

/** How long the server keeps an idle connection open: nginx's `keepalive_timeout`, Caddy's idle timeout. */
export const KEEPALIVE_TIMEOUT_MS = { nginx: 75_000, caddy: 300_000 } as const

/**
 * Opens (or reuses) the TCP connection: SYN, SYN-ACK, ACK — one round trip. A stopped proxy
 * answers the SYN with RST (connection refused); an idle connection the server has closed must
 * be opened again.
 */
export const tcpStage: Stage = {
  id: 'tcp',
  layer: 'tcp',
  run(ctx, request, next) {
    const key = origin(request)
    const clock = ctx.base + ctx.now()
    const address =
      ctx.connection.dnsCache[request.host]?.address ?? ctx.scenario.dns[request.host] ?? ''
    const port = request.port
    const timeoutMs = KEEPALIVE_TIMEOUT_MS[ctx.scenario.proxy.software]
    let open: OpenConnection | undefined = ctx.connection.connections[key]

    if (open && clock - open.lastUsed > timeoutMs) {
      ctx.emit(this, {
        type: 'tcp:idle-closed',
        direction: 'request',
        title: 'The old connection was closed while idle',
        duration: 0,
        request,
        data: { address: open.address, idleMs: Math.round(clock - open.lastUsed), timeoutMs },
      })
      open = undefined
    }

    let connection: OpenConnection
    if (open) {
      ctx.emit(this, {
        type: 'tcp:reuse',
        direction: 'request',
        title: 'Reuse the open connection (keep-alive)',
        duration: 0,
        request,
        data: { address: open.address, requestsOnConnection: open.requests + 1 },
      })
      connection = { ...open, requests: open.requests + 1 }
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
      if (ctx.scenario.proxy.status === 'stopped') {
        ctx.emit(this, {
          type: 'tcp:refused',
          direction: 'response',
          title: `RST: nothing listens on port ${port}`,
          duration: ctx.vary(oneWay),
          request,
          data: { address, port },
        })
        throw new NetworkFailure(
          'ERR_CONNECTION_REFUSED',
          `${address}:${port} refused the connection: no server is listening on that port`,
        )
      }
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
      // TLS (when there is any) fills in its version and ALPN once its handshake is done.
      connection = { address, tls: null, alpn: 'http/1.1', requests: 1, lastUsed: clock }
    }
    ctx.connection = {
      ...ctx.connection,
      connections: { ...ctx.connection.connections, [key]: connection },
    }

    let response
    try {
      response = next(request)
    } catch (failure) {
      if (!(failure instanceof NetworkFailure)) throw failure
      ctx.emit(this, {
        type: 'tcp:close',
        direction: 'response',
        title: 'Close the connection',
        duration: 0.05,
        request,
        data: { address, code: failure.code },
      })
      const { [key]: _closed, ...rest } = ctx.connection.connections
      ctx.connection = { ...ctx.connection, connections: rest }
      throw failure
    }

    // nginx closes the connection after some errors (a 413 it did not read the body of).
    if (response.headers.connection?.toLowerCase() === 'close') {
      ctx.emit(this, {
        type: 'tcp:close',
        direction: 'response',
        title: 'The server closes the connection (Connection: close)',
        duration: 0.05,
        request,
        response,
        data: { address, code: null },
      })
      const { [key]: _closed, ...rest } = ctx.connection.connections
      ctx.connection = { ...ctx.connection, connections: rest }
      return response
    }
    // The decision is made here, from the headers; the connection goes back to the browser's pool
    // once the body is read (client:receive), which is what the explanations say.
    ctx.emit(this, {
      type: 'tcp:keep-alive',
      direction: 'response',
      title: 'No Connection: close, so keep the connection open',
      duration: 0,
      request,
      response,
      data: { address },
    })
    const current = ctx.connection.connections[key] ?? connection
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
