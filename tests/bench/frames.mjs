// Frame-time benchmark in real Chromium: plays every curated scenario at 1× under 4× CPU
// throttling, from Play to the journey's last step, and measures the interval between animation
// frames. A script, not a timed test: it reports, per scenario, the median, p95 and worst frame
// and the frames over 50 ms, with the long-animation-frame entries that name what each long frame
// spent its time on (frameProbe.mjs: scripts by their original function and file, with any layout
// they forced; style and layout).
//
//   npm run build && npm run bench:frames            every curated scenario (a few minutes)
//   npm run bench:frames -- get-user not-found       only these
//   npm run bench:frames -- page:h2 page:http/1.1    the Page load view, 100 requests, that protocol
//   CPU_THROTTLE=4 MAX_SECONDS=40 RUNS=1              the defaults
//   PACING=proportional                               the default: every step within the time
//                                                     cap (PACING=dilated: the reader's pace)
//   TRACE=1                                           also a trace: the longest tasks by CPU time
//   ROUNDTRIP_DIST=/tmp/build                         a build other than dist/
//   CSS='.band { contain: paint }'                    a style tried before it is written
import { THROTTLE, openBench, report, round, startProbe, verdict } from './frameProbe.mjs'

const MAX_SECONDS = Number(process.env.MAX_SECONDS ?? 40)
const PACING = process.env.PACING ?? 'proportional'
const RUNS = Number(process.env.RUNS ?? 1)

const bench = await openBench()
const { site } = bench

/** The curated scenarios, as the scenario picker lists them. */
const curatedIds = async (context) => {
  const page = await context.newPage()
  await page.goto(site.url)
  // The picker lists the default pair at first; the whole catalogue arrives after first paint.
  const picker = page.getByRole('combobox', { name: 'Scenario' })
  await picker.evaluate(
    (select) =>
      new Promise((resolve) => {
        const check = () => (select.options.length > 2 ? resolve(true) : setTimeout(check, 50))
        check()
      }),
  )
  const ids = await picker.evaluate((select) => [...select.options].map((o) => o.value))
  await page.close()
  return ids
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
  // CSS='…': a style tried on the built site before it is written into the source.
  if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS })
  const total = Number(/of (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0)

  // Readable pacing holds a step for as long as its words take to read (15 s for fifty), so 40 s
  // at 1× saw three steps; proportional pacing plays the whole journey, every step's commit and
  // every band's unfolding, in a few seconds (PACING=dilated for the reader's pace).
  if (!id.startsWith('page:'))
    await page.getByRole('combobox', { name: 'Pacing' }).selectOption(PACING)
  // Play is found before the CPU is throttled and pressed by the mouse where it is: finding it
  // by role under throttling ran Playwright's accessible-name queries in the first frames.
  const scope = id.startsWith('page:') ? page.getByRole('dialog', { name: 'Page load' }) : page
  const play = await scope.getByRole('button', { name: 'Play', exact: true }).boundingBox()
  if (!play) throw new Error(`${id}: no Play button on screen`)
  const stop = await startProbe(context, page)
  const started = Date.now()
  // Pressed as a hand presses it: the pointer arrives, then the button goes down and comes up
  // 80 ms later. Playwright's click sends the move, the press and the release at once, which put
  // the hover, the press and Play's render in one frame that no reader's click makes.
  await page.mouse.move(play.x + play.width / 2, play.y + play.height / 2)
  await page.waitForTimeout(150)
  await page.mouse.down()
  await page.waitForTimeout(80)
  await page.mouse.up()
  // Until the last step is shown (the driver stops there), or the time cap. Watched by a
  // MutationObserver in the page: a Playwright locator's wait would query the page by role on
  // every animation frame, under the same throttling, and its script would be in the frames.
  await page.evaluate(
    ([last, ms]) =>
      new Promise((resolve) => {
        const done = () =>
          [...document.querySelectorAll('[role="status"]')].some((el) =>
            el.textContent?.startsWith(last),
          )
        if (done()) return resolve(true)
        const observer = new MutationObserver(() => {
          if (!done()) return
          observer.disconnect()
          resolve(true)
        })
        observer.observe(document.body, { subtree: true, childList: true, characterData: true })
        setTimeout(() => (observer.disconnect(), resolve(false)), ms)
      }),
    [`Step ${total} of ${total}`, MAX_SECONDS * 1000],
  )
  await page.waitForTimeout(400)
  const figures = await stop()
  const reached = await status.first().textContent()
  await page.close()
  return {
    scenario: id,
    steps: total,
    seconds: round((Date.now() - started) / 1000),
    reached: reached?.slice(0, 24) ?? null,
    ...figures,
  }
}

try {
  const context = await bench.browser.newContext({ viewport: { width: 1280, height: 720 } })
  const asked = process.argv.slice(2)
  const ids = asked.length > 0 ? asked : await curatedIds(context)
  const results = []
  for (let run = 0; run < RUNS; run++)
    for (const id of ids) {
      const result = await playOne(context, id)
      results.push(result)
      report(id, result)
    }
  const all = results.map((r) => r.medianMs).sort((a, b) => a - b)
  const summary = {
    cpuThrottle: THROTTLE,
    runs: RUNS,
    scenarios: ids.length,
    medianOfMediansMs: all[Math.floor(all.length / 2)],
    worstMs: Math.max(...results.map((r) => r.worstMs)),
    framesOver50ms: results.reduce((sum, r) => sum + r.over50ms, 0),
    framesAt50ms: results.reduce((sum, r) => sum + r.threeIntervals, 0),
    scenariosWithLongFrames: results.filter((r) => r.over50ms > 0).map((r) => r.scenario),
  }
  console.log(JSON.stringify({ summary, results }, null, 2))
  verdict(
    'frames',
    summary.framesOver50ms === 0 && results.every((r) => r.medianMs <= 17),
    'every median ≤ 17 ms, no frame over 50 ms',
  )
} finally {
  await bench.close()
}
