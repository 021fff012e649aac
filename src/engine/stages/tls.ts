import type { Stage } from '../context'
import { origin, utf8Length } from '../model/http'

const CIPHER = { '1.3': 'TLS_AES_128_GCM_SHA256', '1.2': 'ECDHE-RSA-AES128-GCM-SHA256' } as const

/** The TLS handshake: 1 round trip for TLS 1.3, 2 for TLS 1.2; skipped on a reused connection. */
export const tlsStage: Stage = {
  id: 'tls',
  layer: 'tls',
  run(ctx, request, next) {
    const open = ctx.connection.connections[origin(request)]
    const version = open?.tls ?? ctx.scenario.tls.version
    if (open) {
      ctx.emit(this, {
        type: 'tls:reuse',
        direction: 'request',
        title: 'Encrypted session already set up',
        duration: 0,
        request,
        data: { version },
      })
    } else {
      const oneWay = ctx.network.rttMs / 2
      ctx.emit(this, {
        type: 'tls:client-hello',
        direction: 'request',
        title: 'ClientHello',
        duration: ctx.vary(oneWay),
        request,
        data: {
          offeredVersions: ['1.3', '1.2'],
          alpn: ['h2', 'http/1.1'],
          serverName: request.host,
        },
      })
      ctx.emit(this, {
        type: 'tls:server-hello',
        direction: 'request',
        title: `ServerHello (TLS ${version})`,
        duration: ctx.vary(oneWay) + 0.5,
        request,
        data: { version, cipher: CIPHER[version], alpn: 'http/1.1' },
      })
      ctx.emit(this, {
        type: 'tls:certificate',
        direction: 'request',
        title: `Check the certificate for ${request.host}`,
        duration: 0.4,
        request,
        data: { subject: request.host, issuer: "Let's Encrypt R11", validUntil: '2027-02-20' },
      })
      ctx.emit(this, {
        type: 'tls:finished',
        direction: 'request',
        title: 'Finished: keys agreed',
        // TLS 1.2 needs a second round trip before application data may flow.
        duration: version === '1.2' ? ctx.vary(ctx.network.rttMs) : 0.1,
        request,
        data: { version, roundTrips: version === '1.2' ? 2 : 1 },
      })
    }

    const response = next(request)

    ctx.emit(this, {
      type: 'tls:decrypt',
      direction: 'response',
      title: 'Decrypt the response',
      duration: 0.05,
      request,
      response,
      data: { bytes: utf8Length(response.body) },
    })
    return response
  },
}
