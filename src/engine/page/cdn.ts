import type { Stage } from '../context'
import type { HttpResponse } from '../model/http'
import { utf8Length } from '../model/http'
import { transferMs } from '../model/network'
import { httpDate } from '../model/time'
import { requestBytes } from '../http/wire'
import { statusText } from '../http/status'
import { nginxEtag } from '../http/etag'

/** A year: what a CDN's fingerprinted static files are cached for. */
export const CDN_MAX_AGE = 31_536_000
/** How long ago the edge fetched a file it already holds (the `Age` a HIT reports), in seconds. */
export const CDN_HIT_AGE = 5_400
/** The edge's round trip to the site's own servers on a cache MISS (a backbone link), in ms. */
const ORIGIN_RTT_MS = 30
const ORIGIN_MBPS = 1_000
const LAST_MODIFIED = 'Mon, 26 May 2025 08:00:00 GMT'

/**
 * A CDN edge in place of the reverse proxy, for the CDN's origin: it answers every file itself
 * from its cache (`X-Cache: HIT`, with `Age`) or, on a MISS, first fetches it from the site and
 * keeps it. Files are `Cache-Control: public`, so shared caches like this one may store them.
 * The files are the scenario's `proxy.static` entries; Python is never reached.
 */
export const cdnStage = (cache: 'hit' | 'miss'): Stage => ({
  id: 'proxy',
  layer: 'proxy',
  run(ctx, request) {
    const bytesIn = requestBytes(request)
    const wireMs = transferMs(bytesIn, ctx.network.bandwidthMbps)
    ctx.emit(this, {
      type: 'proxy:receive',
      direction: 'request',
      title: `The request reaches the CDN's nearest edge`,
      duration: ctx.vary(ctx.network.rttMs / 2) + wireMs,
      request,
      data: {
        software: 'cdn-edge',
        bytes: bytesIn,
        wireMs,
        terminatedTls: request.scheme === 'https',
        httpVersion: request.httpVersion,
      },
    })
    const spec = ctx.scenario.proxy.static
    const name =
      spec && request.path.startsWith(spec.prefix) ? request.path.slice(spec.prefix.length) : ''
    const file = spec?.files[name]
    const bytes = file ? utf8Length(file.body) : 0
    const status = file ? 200 : 404
    const hit = cache === 'hit'
    const etag = nginxEtag(LAST_MODIFIED, bytes)
    // Built twice, without and with `Date`: one fixed-shape literal each time is cheaper than
    // spreading ten headers into a copy.
    const headersOf = (): Record<string, string> =>
      file
        ? {
            server: 'cdn-edge',
            'content-type': file.contentType,
            'content-length': String(bytes),
            'cache-control': `public, max-age=${CDN_MAX_AGE}, immutable`,
            age: String(hit ? CDN_HIT_AGE : 0),
            'x-cache': hit ? 'HIT' : 'MISS',
            via: '1.1 edge-ams (simulated CDN)',
            etag,
            'last-modified': LAST_MODIFIED,
            'alt-svc': 'h3=":443"; ma=86400',
          }
        : { server: 'cdn-edge', 'content-length': '0', 'x-cache': 'MISS' }
    const headers = headersOf()
    const response: HttpResponse = {
      status,
      statusText: statusText(status),
      httpVersion: request.httpVersion,
      headers,
      body: file?.body ?? '',
    }
    ctx.emit(this, {
      type: 'proxy:static',
      direction: 'response',
      title: !file
        ? `No file ${name} at the CDN: 404`
        : hit
          ? `Edge cache HIT: ${name} served from the edge (Age ${CDN_HIT_AGE} s)`
          : `Edge cache MISS: the edge fetches ${name} from the site, keeps it, serves it`,
      duration:
        ctx.vary(0.1 + bytes / 1_000_000) +
        (hit || !file ? 0 : ctx.vary(ORIGIN_RTT_MS) + 5 + transferMs(bytes, ORIGIN_MBPS)),
      request,
      response,
      data: {
        path: request.path,
        file: name,
        status,
        contentType: file?.contentType ?? null,
        bytes,
        etag: file ? etag : null,
        notModified: false,
      },
    })
    const dated = headersOf()
    dated.date = httpDate(ctx.base + ctx.now())
    const out: HttpResponse = { ...response, headers: dated }
    ctx.emit(this, {
      type: 'proxy:send',
      direction: 'response',
      title: 'The edge sends the file back',
      duration: ctx.vary(ctx.network.rttMs / 2),
      request,
      response: out,
      data: { software: 'cdn-edge', headersChanged: ['date'], httpVersion: request.httpVersion },
    })
    return out
  },
})
