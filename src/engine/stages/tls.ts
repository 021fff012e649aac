import type { SimContext, Stage } from '../context'
import { NetworkFailure } from '../context'
import type { HttpRequest } from '../model/http'
import { origin, utf8Length } from '../model/http'
import { NETWORK_DEFAULTS } from '../model/schema/network'

const CIPHER = { '1.3': 'TLS_AES_128_GCM_SHA256', '1.2': 'ECDHE-RSA-AES128-GCM-SHA256' } as const
import { SESSION_TICKET_MS } from '../model/connection'

export { SESSION_TICKET_MS }

type CertificateCheck = 'valid' | 'expired' | 'wrong-host'

/** The certificate a server presents for `host`; dates are around the simulation's June 2025. */
const certificateFor = (host: string, check: CertificateCheck) => {
  const parent = host.split('.').length > 2 ? host.slice(host.indexOf('.') + 1) : undefined
  const names =
    check === 'wrong-host' ? (parent ? [parent, `www.${parent}`] : [`www.${host}`]) : [host]
  return {
    subject: names[0]!,
    names,
    issuer: "Let's Encrypt R11",
    validFrom: check === 'expired' ? '2025-01-14' : '2025-05-12',
    validUntil: check === 'expired' ? '2025-04-14' : '2025-08-10',
    problem: check === 'valid' ? null : check,
  }
}

const FAILURE = {
  expired: {
    alert: 'certificate_expired',
    code: 'ERR_CERT_DATE_INVALID',
    message: (host: string, until: string) =>
      `The certificate for ${host} expired on ${until}; the browser refuses the connection`,
  },
  'wrong-host': {
    alert: 'bad_certificate',
    code: 'ERR_CERT_COMMON_NAME_INVALID',
    message: (host: string, names: string) =>
      `The certificate is for ${names}, not ${host}; the browser refuses the connection`,
  },
} as const

const handshake = (
  stage: Stage,
  ctx: SimContext,
  request: HttpRequest,
): { version: '1.2' | '1.3'; alpn: string } => {
  const spec = ctx.scenario.tls
  const key = origin(request)
  const clock = ctx.base + ctx.now()
  const version = spec.version
  const alpn = spec.alpn ?? NETWORK_DEFAULTS.alpn
  const ticket = ctx.connection.tlsSessions[key]
  const resumed = ticket !== undefined && ticket.expiresAt > clock && ticket.version === version
  // 0-RTT is only for requests that are safe to replay.
  const earlyData =
    resumed &&
    version === '1.3' &&
    (spec.earlyData ?? NETWORK_DEFAULTS.earlyData) &&
    (request.method === 'GET' || request.method === 'HEAD')
  const oneWay = ctx.network.rttMs / 2

  ctx.emit(stage, {
    type: 'tls:client-hello',
    direction: 'request',
    title: earlyData ? 'ClientHello with the request as early data' : 'ClientHello',
    // With early data the request does not wait for the server's reply.
    duration: earlyData ? 0.1 : ctx.vary(oneWay),
    request,
    data: {
      offeredVersions: ['1.3', '1.2'],
      alpn: ['h2', 'http/1.1'],
      serverName: request.host,
      resumption: resumed,
      earlyData,
    },
  })
  if (!earlyData)
    ctx.emit(stage, {
      type: 'tls:server-hello',
      direction: 'request',
      title: resumed
        ? `ServerHello: resume the TLS ${version} session`
        : `ServerHello (TLS ${version})`,
      // A resumed session skips the certificate and most of the key-exchange work.
      duration: ctx.vary(oneWay) + (resumed ? 0.1 : 0.5),
      request,
      data: { version, cipher: CIPHER[version], alpn, resumed },
    })

  if (!resumed) {
    const certificate = certificateFor(
      request.host,
      spec.certificate ?? NETWORK_DEFAULTS.certificate,
    )
    ctx.emit(stage, {
      type: 'tls:certificate',
      direction: 'request',
      title: `Check the certificate for ${request.host}`,
      duration: 0.4,
      request,
      data: certificate,
    })
    if (certificate.problem) {
      const failure = FAILURE[certificate.problem]
      ctx.emit(stage, {
        type: 'tls:alert',
        direction: 'response',
        title: `Abort the handshake: ${failure.code}`,
        duration: 0.05,
        request,
        data: { alert: failure.alert, code: failure.code },
      })
      throw new NetworkFailure(
        failure.code,
        failure.message(
          request.host,
          certificate.problem === 'expired' ? certificate.validUntil : certificate.names.join(', '),
        ),
      )
    }
  }

  // Full TLS 1.2 needs a second round trip; an abbreviated 1.2 handshake and all of 1.3 need one.
  const roundTrips = earlyData ? 0 : version === '1.2' && !resumed ? 2 : 1
  ctx.emit(stage, {
    type: 'tls:finished',
    direction: 'request',
    title: earlyData ? 'Resumed with 0-RTT: no handshake wait' : 'Finished: keys agreed',
    duration: roundTrips === 2 ? ctx.vary(ctx.network.rttMs) : 0.1,
    request,
    data: { version, roundTrips, resumed, earlyData },
  })
  if (spec.sessionTickets ?? NETWORK_DEFAULTS.sessionTickets)
    ctx.connection = {
      ...ctx.connection,
      tlsSessions: {
        ...ctx.connection.tlsSessions,
        [key]: { version, alpn, expiresAt: clock + SESSION_TICKET_MS },
      },
    }
  return { version, alpn }
}

/**
 * The TLS handshake: 1 round trip for TLS 1.3, 2 for TLS 1.2, fewer when a session ticket lets
 * it resume; skipped on a reused connection. ALPN settles the HTTP version the proxy speaks. A bad
 * certificate ends the journey here, before any HTTP is sent. Plain `http://` passes straight through.
 */
export const tlsStage: Stage = {
  id: 'tls',
  layer: 'tls',
  run(ctx, request, next) {
    if (request.scheme !== 'https') return next(request)
    const key = origin(request)
    const open = ctx.connection.connections[key]
    let session: { version: '1.2' | '1.3'; alpn: string }
    if (open?.tls) {
      session = { version: open.tls, alpn: open.alpn }
      ctx.emit(this, {
        type: 'tls:reuse',
        direction: 'request',
        title: 'Encrypted session already set up',
        duration: 0,
        request,
        data: session,
      })
    } else {
      session = handshake(this, ctx, request)
      if (open)
        ctx.connection = {
          ...ctx.connection,
          connections: {
            ...ctx.connection.connections,
            [key]: { ...open, tls: session.version, alpn: session.alpn },
          },
        }
    }

    const inner: HttpRequest =
      session.alpn === 'h2' ? { ...request, httpVersion: 'HTTP/2' } : request
    const response = next(inner)

    ctx.emit(this, {
      type: 'tls:decrypt',
      direction: 'response',
      title: 'Decrypt the response',
      duration: 0.05,
      request: inner,
      response,
      data: { bytes: utf8Length(response.body) },
    })
    return response
  },
}
