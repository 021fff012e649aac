import type { ConnectionState } from '../model/connection'
import { emptyConnection } from '../model/connection'
import type { Scenario } from '../model/scenario'
import type { PageResource, PageSpec } from './types'

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
