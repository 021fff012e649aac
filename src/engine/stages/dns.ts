import type { Stage } from '../context'
import { NetworkFailure } from '../context'

/** The TTL the authoritative server puts on its answer. */
export const DNS_TTL_SECONDS = 300
/** Chrome's host cache keeps an answer for at most a minute, whatever its TTL; the OS keeps the TTL. */
export const BROWSER_DNS_CACHE_MS = 60_000
/** Time from the recursive resolver to each authority and back (it sits in a data centre). */
const HOP_MS = { root: 5, tld: 7, authoritative: 10 } as const

/**
 * Resolves the host: the browser's cache, the OS cache, then the recursive resolver, which asks
 * the root, the TLD servers and the domain's authoritative server. DNS is set-up: it is not on
 * the way back, so it emits no response events.
 */
export const dnsStage: Stage = {
  id: 'dns',
  layer: 'dns',
  run(ctx, request, next) {
    const host = request.host
    const clock = ctx.base + ctx.now()
    const browser = ctx.connection.dnsCache[host]
    if (browser && browser.expiresAt > clock) {
      ctx.emit(this, {
        type: 'dns:cache-hit',
        direction: 'request',
        title: `${host} found in the browser's DNS cache`,
        duration: 0.05,
        request,
        data: {
          cache: 'browser',
          host,
          address: browser.address,
          ttlLeft: Math.round((browser.expiresAt - clock) / 1000),
        },
      })
      return next(request)
    }

    const os = ctx.connection.osDnsCache[host]
    if (os && os.expiresAt > clock) {
      ctx.emit(this, {
        type: 'dns:cache-hit',
        direction: 'request',
        title: `${host} found in the operating system's DNS cache`,
        duration: ctx.vary(0.5),
        request,
        data: {
          cache: 'os',
          host,
          address: os.address,
          ttlLeft: Math.round((os.expiresAt - clock) / 1000),
        },
      })
      ctx.connection = {
        ...ctx.connection,
        dnsCache: {
          ...ctx.connection.dnsCache,
          [host]: {
            address: os.address,
            expiresAt: Math.min(os.expiresAt, clock + BROWSER_DNS_CACHE_MS),
          },
        },
      }
      return next(request)
    }

    ctx.emit(this, {
      type: 'dns:cache-miss',
      direction: 'request',
      title: `${host} is in neither the browser's nor the OS's DNS cache`,
      duration: 0.1,
      request,
      data: { host, caches: ['browser', 'os'] },
    })
    const address = ctx.scenario.dns[host]
    const oneWay = ctx.network.rttMs / 2
    ctx.emit(this, {
      type: 'dns:query',
      direction: 'request',
      title: `Ask the recursive resolver for ${host}`,
      duration: ctx.vary(oneWay),
      request,
      data: { server: 'resolver', host, answer: 'not cached, asking the root' },
    })
    const tld = host.slice(host.lastIndexOf('.') + 1)
    ctx.emit(this, {
      type: 'dns:query',
      direction: 'request',
      title: 'Resolver asks a root server',
      duration: ctx.vary(HOP_MS.root),
      request,
      data: { server: 'root', host, answer: `ask the .${tld} servers` },
    })
    ctx.emit(this, {
      type: 'dns:query',
      direction: 'request',
      title: `Resolver asks the .${tld} servers`,
      duration: ctx.vary(HOP_MS.tld),
      request,
      data: { server: 'tld', host, answer: `ask the authoritative server for ${host}` },
    })
    ctx.emit(this, {
      type: 'dns:query',
      direction: 'request',
      title: `Resolver asks the authoritative server`,
      duration: ctx.vary(HOP_MS.authoritative),
      request,
      data: { server: 'authoritative', host, answer: address ?? 'NXDOMAIN' },
    })
    if (address === undefined) {
      ctx.emit(this, {
        type: 'dns:nxdomain',
        direction: 'request',
        title: `${host} does not exist (NXDOMAIN)`,
        duration: ctx.vary(oneWay),
        request,
        data: { host },
      })
      throw new NetworkFailure('ERR_NAME_NOT_RESOLVED', `DNS has no address for ${host}`)
    }
    ctx.emit(this, {
      type: 'dns:answer',
      direction: 'request',
      title: `${host} is at ${address}`,
      duration: ctx.vary(oneWay),
      request,
      data: { host, address, ttl: DNS_TTL_SECONDS },
    })
    const now = ctx.base + ctx.now()
    ctx.connection = {
      ...ctx.connection,
      dnsCache: {
        ...ctx.connection.dnsCache,
        [host]: {
          address,
          expiresAt: now + Math.min(DNS_TTL_SECONDS * 1000, BROWSER_DNS_CACHE_MS),
        },
      },
      osDnsCache: {
        ...ctx.connection.osDnsCache,
        [host]: { address, expiresAt: now + DNS_TTL_SECONDS * 1000 },
      },
    }
    return next(request)
  },
}
