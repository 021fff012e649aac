// A tiny static server for the built site, mounted at a sub-path as a course site would host it.
import { createServer } from 'node:http'
import { gzipSync } from 'node:zlib'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * What a locked-down course site sends: only its own scripts, styles, frames and workers, no
 * inline styles, and no `connect-src` exception (so `default-src` limits `fetch()` too).
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob: data:; worker-src 'self'"

/**
 * The CSP the suite runs under: `E2E_CSP=strict` (npm run test:e2e:csp) serves every built file
 * with STRICT_CSP; unset, none. Any other value is used as the policy itself.
 */
export const cspFromEnv = () => {
  const wanted = process.env.E2E_CSP
  if (!wanted) return undefined
  return wanted === 'strict' ? STRICT_CSP : wanted
}

/**
 * The URL the browser really fetches for a simulated request `url` when the app is served at
 * `siteUrl`: the URL itself, or, under E2E_CSP (which refuses other origins), the same request on
 * the app's own origin, where the worker answers it (src/transport/csp.ts).
 */
export const fetchedUrl = (url, siteUrl) => {
  if (!cspFromEnv()) return url
  const target = new URL(url)
  return `${siteUrl}__roundtrip/${target.protocol.slice(0, -1)}/${target.host}${target.pathname}${target.search}`
}

/**
 * Serves `root` under `base` (e.g. `/course/roundtrip/`) on 127.0.0.1 and an ephemeral port.
 * `pages` maps extra paths to HTML strings (host pages for embedding tests). `gzip` compresses
 * text files for clients that accept it, as a production host would (the load benchmarks).
 * `csp` is the Content-Security-Policy sent with the built files (not with `pages`, which stand
 * for another site's pages); it defaults to `cspFromEnv()`. `headers` replaces the default
 * `Access-Control-Allow-Origin: *` with exactly these headers on the built files, and
 * `pageHeaders` adds headers to `pages` (the hosting tests send what docs/embedding.md documents,
 * and nothing else).
 * @param {{ root: string, base?: string, pages?: Record<string, string>, gzip?: boolean,
 *   csp?: string, headers?: Record<string, string>, pageHeaders?: Record<string, string> }} options
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export const serveStatic = async ({
  root,
  base = '/',
  pages = {},
  gzip = false,
  csp = cspFromEnv(),
  headers,
  pageHeaders = {},
}) => {
  const rootDir = resolve(root)
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (pages[pathname]) {
      // Static hosts such as GitHub Pages allow any origin; sandboxed frames (origin null) need it.
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.writeHead(200, { 'content-type': TYPES['.html'], ...pageHeaders })
      res.end(pages[pathname])
      return
    }
    for (const [name, value] of Object.entries(headers ?? { 'Access-Control-Allow-Origin': '*' }))
      res.setHeader(name, value)
    if (csp) res.setHeader('Content-Security-Policy', csp)
    if (!pathname.startsWith(base)) {
      res.writeHead(404).end('not found')
      return
    }
    let file = normalize(join(rootDir, pathname.slice(base.length)))
    if (!file.startsWith(rootDir)) {
      res.writeHead(403).end('forbidden')
      return
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
      const body = await readFile(file)
      const type = TYPES[extname(file)] ?? 'application/octet-stream'
      const compress =
        gzip && /text|json|svg/.test(type) && /gzip/.test(req.headers['accept-encoding'] ?? '')
      res.writeHead(200, {
        'content-type': type,
        ...(compress ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}),
      })
      res.end(compress ? gzipSync(body, { level: 9 }) : body)
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: `${origin}${base}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
