// Frame-time benchmark in real Chromium: play a trace at 1× under 4× CPU throttling and
// measure the interval between animation frames. A script, not a timed test: it reports.
import { SUB_PATH, distDir, launchBrowser } from '../e2e/browser.mjs'
import { serveStatic } from '../e2e/server.mjs'

const SCENARIO = process.argv[2] ?? 'get-user'
const THROTTLE = Number(process.env.CPU_THROTTLE ?? 4)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12)

const site = await serveStatic({ root: distDir, base: SUB_PATH })
const browser = await launchBrowser()
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  await page.goto(`${site.url}#scenario=${SCENARIO}`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  await page.getByRole('button', { name: 'Send request' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: /^Step 1 of/ })
    .waitFor()

  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })

  await page.evaluate(() => {
    const stamps = []
    window.__frames = stamps
    const tick = (t) => {
      stamps.push(t)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  await page.waitForTimeout(SECONDS * 1000)
  const stamps = await page.evaluate(() => window.__frames)
  const status = await page.getByRole('status').textContent()

  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i])
    .sort((a, b) => a - b)
  const pick = (q) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))]
  const result = {
    scenario: SCENARIO,
    cpuThrottle: THROTTLE,
    seconds: SECONDS,
    frames: stamps.length,
    medianMs: Number(pick(0.5).toFixed(2)),
    p95Ms: Number(pick(0.95).toFixed(2)),
    maxMs: Number(intervals.at(-1).toFixed(2)),
    over50ms: intervals.filter((d) => d > 50).length,
    reachedStep: status,
  }
  console.log(JSON.stringify(result, null, 2))
  const ok = result.medianMs <= 17 && result.over50ms === 0
  console.log(
    ok ? 'frames: within target (median ≤ 17 ms, none over 50 ms)' : 'frames: OUTSIDE target',
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await browser.close()
  await site.close()
}
