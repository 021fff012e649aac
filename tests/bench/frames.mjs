// Frame-time benchmark in real Chromium: plays every curated scenario at 1× under 4× CPU
// throttling, from Play to the journey's last step, and measures the interval between animation
// frames. A script, not a timed test: it reports, per scenario, the median, p95 and worst frame
// and the frames over 50 ms, with the long-animation-frame entries that name what each long frame
// spent its time on (scripts by their original function and file, read from the build's source
// maps, with any layout they forced; style and layout).
//
//   npm run build && npm run bench:frames            every curated scenario (a few minutes)
//   npm run bench:frames -- get-user not-found       only these
//   npm run bench:frames -- page:h2 page:http/1.1    the Page load view, 100 requests, that protocol
//   CPU_THROTTLE=4 MAX_SECONDS=40 RUNS=1              the defaults
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { SUB_PATH, distDir, launchBrowser } from '../e2e/browser.mjs'
import { serveStatic } from '../e2e/server.mjs'

const THROTTLE = Number(process.env.CPU_THROTTLE ?? 4)
const MAX_SECONDS = Number(process.env.MAX_SECONDS ?? 40)
const RUNS = Number(process.env.RUNS ?? 1)
const LONG_MS = 50

const site = await serveStatic({ root: distDir, base: SUB_PATH })
const browser = await launchBrowser()

/** The curated scenarios, as the scenario picker lists them. */
const curatedIds = async (context) => {
  const page = await context.newPage()
  await page.goto(site.url)
  const ids = await page
    .getByRole('combobox', { name: 'Scenario' })
    .evaluate((select) => [...select.options].map((o) => o.value))
  await page.close()
  return ids
}

const round = (n) => Math.round(n * 10) / 10

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** One source map's segments by generated line: [column, source, line, column, name?]. */
const decodeMappings = (mappings) => {
  const lines = []
  const state = [0, 0, 0, 0, 0]
  for (const text of mappings.split(';')) {
    const segments = []
    state[0] = 0
    for (const segment of text.split(',')) {
      if (!segment) continue
      const values = []
      let value = 0
      let shift = 0
      for (const char of segment) {
        const digit = BASE64.indexOf(char)
        value += (digit & 31) << shift
        if (digit & 32) shift += 5
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      values.forEach((delta, i) => (state[i] += delta))
      segments.push(state.slice(0, values.length))
    }
    lines.push(segments)
  }
  return lines
}

const sourceMaps = new Map()

/**
 * Where a script position of the built site comes from, from its source map: the original
 * function's name and file:line (the minified names, `a` or `h`, say nothing).
 */
const originalOf = (url, charPosition) => {
  if (!url || !(charPosition >= 0)) return null
  const file = join(distDir, 'assets', basename(new URL(url).pathname))
  if (!sourceMaps.has(file)) {
    const map = existsSync(`${file}.map`) ? JSON.parse(readFileSync(`${file}.map`, 'utf8')) : null
    const code = map ? readFileSync(file, 'utf8') : ''
    sourceMaps.set(file, map && { map, code, lines: decodeMappings(map.mappings) })
  }
  const entry = sourceMaps.get(file)
  if (!entry) return null
  const before = entry.code.slice(0, charPosition)
  const line = before.split('\n').length - 1
  const column = before.length - before.lastIndexOf('\n') - 1
  const segment = (entry.lines[line] ?? []).filter((s) => s[0] <= column && s.length >= 4).at(-1)
  if (!segment) return null
  const source = entry.map.sources[segment[1]]?.split('/').pop()
  const name = segment.length >= 5 ? entry.map.names[segment[4]] : null
  return `${name ?? '?'} (${source}:${segment[2] + 1})`
}

/** What a long animation frame spent its time on, in a line a person can read. */
const causeOf = (entry) => {
  const scripts = entry.scripts
    .filter((s) => s.duration >= 5)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((s) => {
      const original = originalOf(s.sourceURL, s.sourceCharPosition)
      const where = original ?? (s.sourceFunctionName || s.invoker || s.invokerType)
      const file = original ? '' : (s.sourceURL ?? '').split('/').pop()
      const forced = s.forcedStyleAndLayoutDuration
        ? `, forced layout ${round(s.forcedStyleAndLayoutDuration)} ms`
        : ''
      return `${where}${file ? ` (${file})` : ''} ${round(s.duration)} ms${forced}`
    })
  return {
    durationMs: round(entry.duration),
    styleAndLayoutMs: round(entry.styleAndLayoutMs),
    scripts,
  }
}

/** `page:<protocol>`: the Page load view with 100 requests, played in its own dialog. */
const openPageLoad = async (page, id) => {
  await page.goto(site.url)
  await page.getByRole('button', { name: 'Page load', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Page load' })
  await dialog.getByRole('radio', { name: '100 requests' }).check()
  const protocol = { 'page:http/1.1': 'HTTP/1.1', 'page:h2': 'HTTP/2', 'page:h3': 'HTTP/3' }[id]
  await dialog.getByRole('radio', { name: protocol ?? 'HTTP/2', exact: true }).check()
  return dialog.getByRole('status').filter({ hasText: /^Step \d+ of \d+/ })
}

const playOne = async (context, id) => {
  const page = await context.newPage()
  let status
  if (id.startsWith('page:')) status = await openPageLoad(page, id)
  else {
    await page.goto(`${site.url}#scenario=${id}`)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await page.getByRole('button', { name: 'Send request' }).click()
    status = page.getByRole('status').filter({ hasText: /^Step \d+ of \d+/ })
  }
  await status.waitFor()
  const total = Number(/of (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)

  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  await page.evaluate(() => {
    const w = /** @type {any} */ (window)
    w.__frames = []
    w.__loaf = []
    const tick = (t) => {
      w.__frames.push(t)
      if (!w.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__loaf.push({
          startTime: e.startTime,
          duration: e.duration,
          styleAndLayoutMs: e.styleAndLayoutStart
            ? e.startTime + e.duration - e.styleAndLayoutStart
            : 0,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            invokerType: s.invokerType,
            sourceURL: s.sourceURL,
            sourceFunctionName: s.sourceFunctionName,
            sourceCharPosition: s.sourceCharPosition,
            duration: s.duration,
            forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
          })),
        })
    }).observe({ type: 'long-animation-frame' })
  })
  const started = Date.now()
  const scope = id.startsWith('page:') ? page.getByRole('dialog', { name: 'Page load' }) : page
  await scope.getByRole('button', { name: 'Play', exact: true }).click()
  // Until the last step is shown (the driver stops there), or the time cap.
  await status
    .filter({ hasText: new RegExp(`^Step ${total} of ${total}`) })
    .waitFor({ timeout: MAX_SECONDS * 1000 })
    .catch(() => {})
  await page.waitForTimeout(400)
  const { stamps, loaf } = await page.evaluate(() => {
    const w = /** @type {any} */ (window)
    w.__stop = true
    return { stamps: w.__frames, loaf: w.__loaf }
  })
  const reached = await status.first().textContent()
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await page.close()

  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i])
    .sort((a, b) => a - b)
  const pick = (q) => intervals[Math.min(intervals.length - 1, Math.floor(q * intervals.length))]
  const long = loaf.filter((e) => e.duration > LONG_MS).sort((a, b) => b.duration - a.duration)
  return {
    scenario: id,
    steps: total,
    seconds: round((Date.now() - started) / 1000),
    frames: stamps.length,
    medianMs: round(pick(0.5)),
    p95Ms: round(pick(0.95)),
    worstMs: round(intervals.at(-1) ?? 0),
    over50ms: intervals.filter((d) => d > LONG_MS).length,
    reached: reached?.slice(0, 24) ?? null,
    longFrames: long.slice(0, 3).map(causeOf),
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const asked = process.argv.slice(2)
  const ids = asked.length > 0 ? asked : await curatedIds(context)
  const results = []
  for (let run = 0; run < RUNS; run++)
    for (const id of ids) {
      const result = await playOne(context, id)
      results.push(result)
      const line = `${id.padEnd(28)} median ${String(result.medianMs).padStart(5)} ms  p95 ${String(result.p95Ms).padStart(5)} ms  worst ${String(result.worstMs).padStart(6)} ms  >50 ms: ${result.over50ms}`
      console.error(line)
      for (const cause of result.longFrames)
        console.error(`    long frame: ${JSON.stringify(cause)}`)
    }
  const all = results.map((r) => r.medianMs).sort((a, b) => a - b)
  const summary = {
    cpuThrottle: THROTTLE,
    runs: RUNS,
    scenarios: ids.length,
    medianOfMediansMs: all[Math.floor(all.length / 2)],
    worstMs: Math.max(...results.map((r) => r.worstMs)),
    framesOver50ms: results.reduce((sum, r) => sum + r.over50ms, 0),
    scenariosWithLongFrames: results.filter((r) => r.over50ms > 0).map((r) => r.scenario),
  }
  console.log(JSON.stringify({ summary, results }, null, 2))
  const ok = summary.framesOver50ms === 0 && results.every((r) => r.medianMs <= 17)
  console.log(
    ok
      ? 'frames: within target (every median ≤ 17 ms, no frame over 50 ms)'
      : 'frames: OUTSIDE target (every median ≤ 17 ms, no frame over 50 ms)',
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await browser.close()
  await site.close()
}
