import type { Next, Stage } from './context'
import { NetworkFailure, SimContext } from './context'
import type { ConnectionState } from './model/connection'
import { initialConnection } from './model/connection'
import type { HttpRequest } from './model/http'
import { lowerKeys } from './model/http'
import { networkProfile } from './model/network'
import type { RequestSpec, Scenario } from './model/scenario'
import type { Trace } from './model/trace'
import { appStages } from './middleware'
import { createRng } from './rng'
import { clientStage } from './stages/client'
import { dnsStage } from './stages/dns'
import { proxyStage } from './stages/proxy'
import { serverStage } from './stages/server'
import { tcpStage } from './stages/tcp'
import { tlsStage } from './stages/tls'

export interface SimulateInput {
  readonly scenario: Scenario
  /** Defaults to `GET https://api.example.com/`. */
  readonly request?: RequestSpec
  /** Seeds every random choice (jitter, worker, request id). Defaults to 1. */
  readonly seed?: number
  /**
   * The previous trace's `connection`: warm DNS cache, kept-alive connections, cookies, HTTP cache.
   * Defaults to the scenario's starting state (`scenario.browser`).
   */
  readonly connection?: ConnectionState
}

/** The onion for this scenario, outermost first; the same for both schemes (see `tlsStage`). */
export const stagesFor = (scenario: Scenario, _scheme?: 'http' | 'https'): Stage[] => [
  clientStage,
  dnsStage,
  tcpStage,
  // Always in the onion: a redirect may switch scheme, and for http:// it passes straight through.
  tlsStage,
  proxyStage,
  serverStage,
  // Middleware in list order, the router, route-level middleware, validation, the view.
  ...appStages(scenario),
]

/** What a URL says about the request, or why it cannot be sent. */
type ParsedUrl = Pick<HttpRequest, 'scheme' | 'host' | 'port' | 'path' | 'query'> | string

const readUrl = (text: string): ParsedUrl => {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `"${text}" is not an absolute URL`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http:// and https:// URLs can be sent, not ${url.protocol}//`
  const scheme = url.protocol === 'https:' ? 'https' : 'http'
  return {
    scheme,
    host: url.hostname,
    port: url.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    path: url.pathname || '/',
    query: url.search.replace(/^\?/, ''),
  }
}

/** Parsed URLs: a page load sends the same few hosts' URLs a hundred times over. */
const parsedUrls = new Map<string, ParsedUrl>()

const parseRequest = (spec: RequestSpec): HttpRequest | string => {
  let url = parsedUrls.get(spec.url)
  if (url === undefined) {
    if (parsedUrls.size >= 1_024) parsedUrls.clear()
    url = readUrl(spec.url)
    parsedUrls.set(spec.url, url)
  }
  if (typeof url === 'string') return url
  return {
    method: spec.method,
    scheme: url.scheme,
    host: url.host,
    port: url.port,
    path: url.path,
    query: url.query,
    httpVersion: 'HTTP/1.1',
    headers: lowerKeys(spec.headers ?? {}),
    body: spec.body ?? '',
  }
}

/**
 * Runs one request through the whole onion on a virtual clock. Pure and deterministic:
 * the same input and seed give the same trace.
 * @example
 * const trace = simulate({ scenario, request: { method: 'GET', url: 'https://api.example.com/users/42' } })
 * trace.response?.status // 200
 */
export const simulate = (input: SimulateInput): Trace => simulateWith(input, stagesFor)

/**
 * `simulate` with the onion given: the page engine (`simulatePage`) runs the same stages, with
 * QUIC in place of TCP and TLS for HTTP/3 and a CDN's edge in place of the proxy.
 */
export const simulateWith = (
  {
    scenario,
    request: spec = { method: 'GET', url: 'https://api.example.com/' },
    seed = 1,
    connection = initialConnection(scenario),
  }: SimulateInput,
  stagesOf: (scenario: Scenario, scheme: 'http' | 'https') => Stage[],
): Trace => {
  const request = parseRequest(spec)
  if (typeof request === 'string')
    return { events: [], error: { code: 'ERR_INVALID_URL', message: request }, connection }

  const ctx = new SimContext(
    scenario,
    networkProfile(scenario.network),
    createRng(seed),
    connection,
  )
  const stages = stagesOf(scenario, request.scheme)
  const layer =
    (index: number): Next =>
    (req) => {
      const stage = stages[index]
      if (!stage)
        throw new Error(`Stage ${stages[index - 1]?.id} called next, but it is the innermost`)
      return stage.run(ctx, req, layer(index + 1))
    }

  try {
    const response = layer(0)(request)
    return {
      events: ctx.events,
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: { ...response.headers },
        body: response.body,
      },
      connection: { ...ctx.connection, now: ctx.base + ctx.now() },
    }
  } catch (failure) {
    if (!(failure instanceof NetworkFailure)) throw failure
    return {
      events: ctx.events,
      error: { code: failure.code, message: failure.message },
      connection: { ...ctx.connection, now: ctx.base + ctx.now() },
    }
  }
}
