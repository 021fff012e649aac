import type { Stage } from '../context'
import { utf8Length, withHeaders } from '../model/http'
import { transferMs } from '../model/network'
import { rawRequest } from '../http/raw'

/** The address the simulated browser connects from (a documentation range, RFC 5737). */
export const CLIENT_IP = '203.0.113.7'

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0')

/**
 * The reverse proxy (nginx or Caddy): receives the bytes, terminates TLS, adds forwarding
 * headers and hands the request to one of the Python workers.
 */
export const proxyStage: Stage = {
  id: 'proxy',
  layer: 'proxy',
  run(ctx, request, next) {
    const { software, workers } = ctx.scenario.proxy
    const bytes = utf8Length(rawRequest(request))
    ctx.emit(this, {
      type: 'proxy:receive',
      direction: 'request',
      title: `The request reaches ${software}`,
      duration: ctx.vary(ctx.network.rttMs / 2) + transferMs(bytes, ctx.network.bandwidthMbps),
      request,
      data: { software, bytes, terminatedTls: request.scheme === 'https' },
    })

    const requestId = hex(ctx.rng.int(0x10000), 4) + hex(ctx.rng.int(0x10000), 4)
    const forwarded = withHeaders(request, {
      'x-forwarded-for': CLIENT_IP,
      'x-forwarded-proto': request.scheme,
      'x-request-id': requestId,
    })
    const worker = ctx.rng.int(workers) + 1
    ctx.emit(this, {
      type: 'proxy:forward',
      direction: 'request',
      title: `Forward to worker ${worker} of ${workers}`,
      duration: ctx.vary(0.3),
      request: forwarded,
      data: {
        upstream: '127.0.0.1:8000',
        worker,
        workers,
        headersAdded: ['x-forwarded-for', 'x-forwarded-proto', 'x-request-id'],
      },
    })

    const upstream = next(forwarded)

    // nginx does not pass the upstream's Server header on; it writes its own.
    const response = withHeaders(upstream, { server: software })
    ctx.emit(this, {
      type: 'proxy:send',
      direction: 'response',
      title: `${software} sends the response back`,
      duration: ctx.vary(ctx.network.rttMs / 2),
      request: forwarded,
      response,
      data: { software, headersChanged: ['server'] },
    })
    return response
  },
}
