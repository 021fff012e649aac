// Largest Contentful Paint of the built site against a bare Vite + React 19 page built from the
// project's own dependencies, both served gzipped from 127.0.0.1, in alternating runs under the
// same throttling (4× CPU, Slow 4G: 150 ms RTT, 1.6 Mbit/s down). A script, not a timed test:
// it prints each page's median LCP, the ratio, and the JavaScript each page needs before its
// first paint (gzipped bytes of the module scripts and modulepreloads its HTML names).
//
//   npm run build && npm run bench:lcp        RUNS=7 CPU_THROTTLE=4 to change the defaults
//   BYTES_ONLY=1 npm run bench:lcp            the first-paint JavaScript only, no browser
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { SUB_PATH, distDir, launchBrowser } from '../e2e/browser.mjs'
import { serveStatic } from '../e2e/server.mjs'

const RUNS = Number(process.env.RUNS ?? 5)
const THROTTLE = Number(process.env.CPU_THROTTLE ?? 4)
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 200_000,
  uploadThroughput: 94_000,
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The bare page: one heading and one paragraph, rendered by React 19 (inside node_modules so
 * it resolves the project's own react and react-dom). */
const buildBarePage = async () => {
  const dir = join(root, 'node_modules', '.cache', 'bare-react')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Bare React</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>',
  )
  writeFileSync(
    join(dir, 'src', 'main.jsx'),
    [
      "import { StrictMode } from 'react'",
      "import { createRoot } from 'react-dom/client'",
      'createRoot(document.getElementById("root")).render(',
      '  <StrictMode><main><h1>An HTTP request’s journey</h1><p>From the browser through DNS, TCP and TLS to the server and back, layer by layer, step by step.</p></main></StrictMode>,',
      ')',
    ].join('\n'),
  )
  await build({
    root: dir,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022' },
  })
  return join(dir, 'dist')
}

/** Gzipped bytes of the JavaScript an HTML page loads before anything else runs. */
export const firstPaintJs = (htmlFile) => {
  const html = readFileSync(htmlFile, 'utf8')
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1])
  return sources.reduce(
    (sum, src) => sum + gzipSync(readFileSync(join(dirname(htmlFile), src)), { level: 9 }).length,
    0,
  )
}

const measure = async (browser, url) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', NETWORK)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  await page.addInitScript(() => {
    window.__lcp = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  })
  await page.goto(url, { waitUntil: 'load' })
  // Lazy chunks may paint something larger after load: wait until the network has been quiet.
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {})
  await page.waitForTimeout(500)
  const lcp = await page.evaluate(() => window.__lcp)
  await context.close()
  return lcp
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const bareDist = await buildBarePage()
if (process.env.BYTES_ONLY) {
  const kB = (file) => +(firstPaintJs(file) / 1000).toFixed(1)
  console.log(
    JSON.stringify({
      firstPaintJsGzipKB: {
        bare: kB(join(bareDist, 'index.html')),
        index: kB(join(distDir, 'index.html')),
        embed: kB(join(distDir, 'embed.html')),
      },
    }),
  )
  process.exit(0)
}
const bare = await serveStatic({ root: bareDist, base: '/', gzip: true })
const app = await serveStatic({ root: distDir, base: SUB_PATH, gzip: true })
const browser = await launchBrowser()
try {
  const times = { bare: [], app: [], embed: [] }
  for (let run = 0; run < RUNS; run++) {
    times.bare.push(await measure(browser, bare.url))
    times.app.push(await measure(browser, `${app.url}index.html`))
    times.embed.push(await measure(browser, `${app.url}embed.html`))
  }
  const result = {
    runs: RUNS,
    cpuThrottle: THROTTLE,
    network: 'Slow 4G (150 ms RTT, 1.6 Mbit/s)',
    firstPaintJsGzipKB: {
      bare: +(firstPaintJs(join(bareDist, 'index.html')) / 1000).toFixed(1),
      index: +(firstPaintJs(join(distDir, 'index.html')) / 1000).toFixed(1),
      embed: +(firstPaintJs(join(distDir, 'embed.html')) / 1000).toFixed(1),
    },
    lcpMedianMs: {
      bare: Math.round(median(times.bare)),
      index: Math.round(median(times.app)),
      embed: Math.round(median(times.embed)),
    },
    lcpRuns: times,
  }
  result.ratio = {
    index: +(result.lcpMedianMs.index / result.lcpMedianMs.bare).toFixed(2),
    embed: +(result.lcpMedianMs.embed / result.lcpMedianMs.bare).toFixed(2),
  }
  console.log(JSON.stringify(result, null, 2))
  const ok =
    result.ratio.index <= 1.3 &&
    result.firstPaintJsGzipKB.index <= 100 &&
    result.firstPaintJsGzipKB.embed <= 30
  console.log(
    ok
      ? 'lcp: within target (ratio ≤ 1.3; first-paint JS ≤ 100 KB index, ≤ 30 KB embed)'
      : 'lcp: OUTSIDE target (ratio ≤ 1.3; first-paint JS ≤ 100 KB index, ≤ 30 KB embed)',
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await browser.close()
  await bare.close()
  await app.close()
}
