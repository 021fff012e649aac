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
 * Serves `root` under `base` (e.g. `/course/roundtrip/`) on 127.0.0.1 and an ephemeral port.
 * `pages` maps extra paths to HTML strings (host pages for embedding tests). `gzip` compresses
 * text files for clients that accept it, as a production host would (the load benchmarks).
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export const serveStatic = async ({ root, base = '/', pages = {}, gzip = false }) => {
  const rootDir = resolve(root)
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    // Static hosts such as GitHub Pages allow any origin; sandboxed frames (origin null) need it.
    res.setHeader('Access-Control-Allow-Origin', '*')
    if (pages[pathname]) {
      res.writeHead(200, { 'content-type': TYPES['.html'] })
      res.end(pages[pathname])
      return
    }
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
