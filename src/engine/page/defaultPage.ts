import type { ConnectionState } from '../model/connection'
import { emptyConnection } from '../model/connection'
import type { Scenario } from '../model/scenario'
import type { PageNetwork, PageProtocol, PageResource, PageSpec, SimulatePageInput } from './types'

export const SITE = 'https://www.example.com'
export const CDN = 'https://cdn.example.net'

const image = (name: string, bytes: number, lcp = false): PageResource => ({
  url: `${CDN}/img/${name}`,
  kind: 'image',
  bytes,
  discoveredBy: 'parser',
  ...(lcp ? { lcp } : {}),
})

/**
 * A shop's home page: the HTML from Flask, its stylesheet, script and logo from nginx on the same
 * site, a theme, a vendor script, a web font and the photos from a CDN, and the product list
 * fetched as JSON by the script. 24 sub-resources, in the order the preload scanner meets them.
 */
export const DEFAULT_PAGE: PageSpec = {
  document: `${SITE}/`,
  cdn: { hosts: ['cdn.example.net'], cache: 'hit' },
  resources: [
    { url: `${SITE}/static/site.css`, kind: 'stylesheet', bytes: 18_000, discoveredBy: 'parser' },
    { url: `${CDN}/css/theme.css`, kind: 'stylesheet', bytes: 9_000, discoveredBy: 'parser' },
    { url: `${SITE}/static/app.js`, kind: 'script', bytes: 42_000, discoveredBy: 'parser' },
    { url: `${CDN}/js/vendor.js`, kind: 'script', bytes: 88_000, discoveredBy: 'parser' },
    { url: `${SITE}/static/logo.svg`, kind: 'image', bytes: 3_000, discoveredBy: 'parser' },
    image('hero.jpg', 140_000, true),
    ...Array.from({ length: 16 }, (_, i) =>
      image(`product-${i + 1}.jpg`, 9_000 + ((i * 2_731) % 9_000)),
    ),
    {
      url: `${CDN}/fonts/inter.woff2`,
      kind: 'font',
      bytes: 24_000,
      discoveredBy: `${CDN}/css/theme.css`,
    },
    {
      url: `${SITE}/api/products`,
      kind: 'fetch',
      bytes: 0,
      discoveredBy: `${SITE}/static/app.js`,
    },
  ],
}

/** A page with `count` images (and the same stylesheet, scripts and fetch): for benchmarks. */
export const pageWithImages = (count: number): PageSpec => ({
  ...DEFAULT_PAGE,
  resources: [
    ...DEFAULT_PAGE.resources.filter((r) => r.kind !== 'image'),
    ...Array.from({ length: count }, (_, i) =>
      image(`photo-${i + 1}.jpg`, 6_000 + ((i * 1_777) % 20_000), i === 0),
    ),
  ],
})

/**
 * The shop behind the page: Flask on gunicorn behind nginx, on a good 4G link (60 ms, 50 Mbit/s). `/` renders the home
 * page; `/api/products` is the JSON the page's script fetches. nginx serves `/static/`.
 */
export const pageApp: Scenario = {
  version: 1,
  framework: 'flask',
  network: { preset: '4g', bandwidthMbps: 50 },
  dns: { 'www.example.com': '93.184.216.34', 'cdn.example.net': '151.101.1.57' },
  tls: { version: '1.3' },
  proxy: {
    software: 'nginx',
    workers: 4,
    static: { prefix: '/static/', maxAgeSeconds: 3600, files: {} },
  },
  middleware: [{ kind: 'logging' }],
  routes: [
    {
      methods: ['GET'],
      pattern: '/',
      endpoint: 'index',
      handler: {
        kind: 'html',
        status: 200,
        body: { title: 'Example Shop', products: 16 },
        queries: [{ sql: 'SELECT * FROM banners WHERE active', ms: 6, rows: 3 }],
        computeMs: 4,
      },
    },
    {
      methods: ['GET'],
      pattern: '/api/products',
      endpoint: 'products',
      handler: {
        kind: 'json',
        status: 200,
        body: [
          { id: 1, name: 'Teapot', price: 18 },
          { id: 2, name: 'Mug', price: 9 },
          { id: 3, name: 'Kettle', price: 42 },
        ],
        queries: [{ sql: 'SELECT id, name, price FROM products LIMIT 16', ms: 14, rows: 16 }],
        computeMs: 3,
      },
    },
  ],
}

/**
 * What a browser that visited yesterday remembers: the `Alt-Svc` answers of every origin of the
 * page (so HTTP/3 is used from the first request), but no open connection and no usable ticket.
 */
export const altSvcKnown = (page: PageSpec = DEFAULT_PAGE): ConnectionState => {
  const origins = new Set(
    [page.document, ...page.resources.map((r) => r.url)].map((u) => new URL(u).origin),
  )
  return {
    ...emptyConnection(),
    altSvc: Object.fromEntries(
      [...origins].map((o) => [o, { protocol: 'h3' as const, expiresAt: 86_400_000 }]),
    ),
  }
}

/** A curated page load: which protocol, network and CDN state, and what it shows. */
export interface PageScenario {
  /** Stable kebab-case id (for links and the embed API, as the single-request scenarios). */
  readonly id: string
  readonly title: string
  readonly goal: string
  readonly protocol: PageProtocol
  readonly network: PageNetwork
  readonly cdnCache: 'hit' | 'miss'
  /** The browser already knows from an earlier visit that the site offers HTTP/3. */
  readonly altSvcKnown: boolean
}

export const PAGE_SCENARIOS: readonly PageScenario[] = [
  {
    id: 'page-load',
    title: 'A page over HTTP/1.1',
    goal: 'Six connections per origin, one request at a time on each: the rest wait in Queueing.',
    protocol: 'http/1.1',
    network: 'good',
    cdnCache: 'hit',
    altSvcKnown: false,
  },
  {
    id: 'page-load-h2',
    title: 'The same page over HTTP/2',
    goal: 'One connection per origin carries every request as a stream; HPACK shrinks the headers.',
    protocol: 'h2',
    network: 'good',
    cdnCache: 'hit',
    altSvcKnown: false,
  },
  {
    id: 'page-load-h3',
    title: 'The same page over HTTP/3',
    goal: 'QUIC over UDP: transport and TLS in one round trip, no TCP at all.',
    protocol: 'h3',
    network: 'good',
    cdnCache: 'hit',
    altSvcKnown: true,
  },
  {
    id: 'page-load-h3-first-visit',
    title: 'HTTP/3 discovered through Alt-Svc',
    goal: 'A first visit starts on HTTP/2; the answer’s Alt-Svc header moves later requests to HTTP/3.',
    protocol: 'h3',
    network: 'good',
    cdnCache: 'hit',
    altSvcKnown: false,
  },
  {
    id: 'page-load-lossy',
    title: 'HTTP/2 on a lossy network',
    goal: 'One lost TCP packet holds back every stream on the connection (head-of-line blocking).',
    protocol: 'h2',
    network: 'lossy',
    cdnCache: 'hit',
    altSvcKnown: false,
  },
  {
    id: 'page-load-lossy-h3',
    title: 'HTTP/3 on a lossy network',
    goal: 'A lost QUIC packet holds back only its own stream; the others keep arriving.',
    protocol: 'h3',
    network: 'lossy',
    cdnCache: 'hit',
    altSvcKnown: true,
  },
  {
    id: 'cdn-hit',
    title: 'CDN cache HIT',
    goal: 'The edge already holds the files: X-Cache: HIT, with their Age.',
    protocol: 'h2',
    network: 'good',
    cdnCache: 'hit',
    altSvcKnown: false,
  },
  {
    id: 'cdn-miss',
    title: 'CDN cache MISS',
    goal: 'The edge fetches each file from the site first: X-Cache: MISS, Age 0, a longer wait.',
    protocol: 'h2',
    network: 'good',
    cdnCache: 'miss',
    altSvcKnown: false,
  },
]

export const findPageScenario = (id: string): PageScenario | undefined =>
  PAGE_SCENARIOS.find((s) => s.id === id)

/** The `simulatePage` input a curated page load stands for. */
export const pageInputOf = (curated: PageScenario, seed = 1): SimulatePageInput => {
  const page: PageSpec = {
    ...DEFAULT_PAGE,
    cdn: { hosts: ['cdn.example.net'], cache: curated.cdnCache },
  }
  return {
    scenario: pageApp,
    page,
    protocol: curated.protocol,
    network: curated.network,
    seed,
    ...(curated.altSvcKnown ? { connection: altSvcKnown(page) } : {}),
  }
}
