// Frame-time benchmark of the Page load view in real Chromium: a 100-request page played from
// its first step to its last under 4× CPU throttling, in the waterfall and in the connections view,
// over HTTP/1.1, HTTP/2 and HTTP/3. It measures the interval between animation frames and lists the
// long-animation-frame entries that say what a long frame spent its time on (frameProbe.mjs, shared
// with frames.mjs). A script, not a test.
//
//   npx vite build && npm run bench:page-frames              every protocol and view
//   npm run bench:page-frames -- h2:waterfall h3:connections  only these
//   CPU_THROTTLE=4 STEP_MS=120 MAX_SECONDS=90                the defaults: a step every 120 ms by
//                                                             the keyboard; STEP_MS=0 plays with the
//                                                             view's Play button (450 ms a step)
//   STEPS=100                                                 only the first 100 steps
//   TRACE=1                                                   also a trace: longest tasks by CPU
//   ROUNDTRIP_DIST=/tmp/build                                 a build other than dist/
import { THROTTLE, openBench, report, round, startProbe, verdict } from './frameProbe.mjs'

/** Steps are taken by the keyboard this often (ms); 0 plays with the view's Play button. */
const STEP_MS = Number(process.env.STEP_MS ?? 120)
const MAX_SECONDS = Number(process.env.MAX_SECONDS ?? 90)
/** STEPS=n: only the first n steps (the same work whatever the machine's load). */
const STEPS = Number(process.env.STEPS ?? Infinity)
const PROTOCOLS = { h1: 'HTTP/1.1', h2: 'HTTP/2', h3: 'HTTP/3' }
const VIEWS = { waterfall: 'Waterfall', connections: 'Connections' }

const bench = await openBench()
const { site } = bench

/** Plays one protocol in one view: `h2:waterfall`. */
const playOne = async (context, id) => {
  const [protocol, view] = id.split(':')
  const page = await context.newPage()
  const proto = { h1: 'h1', h2: 'h2', h3: 'h3' }[protocol] ?? 'h2'
  // The link opens the view on 100 requests and this protocol (HTTP/3 as a repeat visitor).
  await page.goto(
    `${site.url}#page=page-load&size=100&proto=${proto}${proto === 'h3' ? '&altsvc=known' : ''}`,
  )
  const dialog = page.getByRole('dialog', { name: 'Page load' })
  await dialog.waitFor()
  await dialog.getByRole('button', { name: VIEWS[view] ?? 'Waterfall', exact: true }).click()
  const status = dialog.getByRole('status').filter({ hasText: /^Step \d+ of \d+/ })
  await status.waitFor()
  const total = Number(/of (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)
  const rows = await dialog.locator('tbody tr').count()

  const stop = await startProbe(context, page)
  const started = Date.now()
  if (STEP_MS > 0) {
    // Stepping faster than Play does: every step of the page load, one key press each.
    await dialog.getByRole('button', { name: 'Step forward' }).focus()
    const last = Math.min(total, STEPS + 1)
    for (let i = 1; i < last && Date.now() - started < MAX_SECONDS * 1000; i++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(STEP_MS)
    }
  } else {
    await dialog.getByRole('button', { name: 'Play', exact: true }).click()
    await status
      .filter({ hasText: new RegExp(`^Step ${total} of ${total}`) })
      .waitFor({ timeout: MAX_SECONDS * 1000 })
      .catch(() => {})
  }
  await page.waitForTimeout(300)
  const figures = await stop()
  const reached = (await status.first().textContent())?.slice(0, 20) ?? null
  await page.close()
  return {
    id,
    rows,
    steps: total,
    reached,
    seconds: round((Date.now() - started) / 1000),
    ...figures,
  }
}

try {
  const context = await bench.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const asked = process.argv.slice(2)
  const ids =
    asked.length > 0
      ? asked
      : Object.keys(PROTOCOLS).flatMap((p) => Object.keys(VIEWS).map((v) => `${p}:${v}`))
  const results = []
  for (const id of ids) {
    const result = await playOne(context, id)
    results.push(result)
    report(`${id} ${result.rows} rows, ${result.steps} steps`, result)
  }
  const summary = {
    cpuThrottle: THROTTLE,
    stepMs: STEP_MS,
    worstMs: Math.max(...results.map((r) => r.worstMs)),
    framesOver50ms: results.reduce((sum, r) => sum + r.over50ms, 0),
    framesAt50ms: results.reduce((sum, r) => sum + r.threeIntervals, 0),
  }
  console.log(JSON.stringify({ summary, results }, null, 2))
  verdict('page frames', summary.framesOver50ms === 0, 'no frame over 50 ms')
} finally {
  await bench.close()
}
