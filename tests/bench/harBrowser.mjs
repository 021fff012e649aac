// Reading a 10 MB, 2,000-entry HAR in real Chromium through the "Import HAR" picker: the time
// from choosing the file to the waterfall on screen, and the longest the page went without a
// frame meanwhile (the file is read in a Web Worker, so the page should keep drawing).
//   npm run build && node tests/bench/harBrowser.mjs
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SUB_PATH, distDir, launchBrowser } from '../e2e/browser.mjs'
import { serveStatic } from '../e2e/server.mjs'
import { bigHar } from './bigHar.mjs'

const RUNS = Number(process.env.RUNS ?? 5)
const file = join(tmpdir(), 'roundtrip-bench-10mb.har')
const text = bigHar(2000, 10_000_000)
writeFileSync(file, text)

const site = await serveStatic({ root: distDir, base: SUB_PATH })
const browser = await launchBrowser()
const results = []
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${site.url}#scenario=get-user`)
    await page.getByRole('button', { name: 'Send request' }).waitFor()
    // Frame gaps: the longest time between two animation frames while the file is read.
    await page.evaluate(() => {
      const w = /** @type {any} */ (window)
      w.__gaps = []
      let last = performance.now()
      const tick = (now) => {
        w.__gaps.push(now - last)
        last = now
        w.__raf = requestAnimationFrame(tick)
      }
      w.__raf = requestAnimationFrame(tick)
    })
    const started = Date.now()
    await page.getByLabel('Import HAR').setInputFiles(file)
    const dialog = page.getByRole('dialog', { name: 'Measured page load' })
    await dialog
      .getByRole('status')
      .filter({ hasText: /^Entry 1 of 2000/ })
      .waitFor({ timeout: 30_000 })
    const ms = Date.now() - started
    const longest = await page.evaluate(() => {
      const w = /** @type {any} */ (window)
      cancelAnimationFrame(w.__raf)
      return Math.max(...w.__gaps)
    })
    results.push({ ms, longest })
    console.log(
      `run ${run + 1}: ${ms} ms to the waterfall; longest frame gap ${Math.round(longest)} ms`,
    )
    await context.close()
  }
} finally {
  await browser.close()
  await site.close()
}
const sorted = results.map((r) => r.ms).sort((a, b) => a - b)
console.log(
  `${(text.length / 1e6).toFixed(1)} MB, 2,000 entries: median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted.at(-1)} ms (goal ≤ 2,000 ms)`,
)
