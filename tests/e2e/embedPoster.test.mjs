// End-to-end: embed.html is a poster until Start or the host's first command. Five widgets on one
// course page load the poster's few kilobytes each and no app; `ready` comes at once; commands
// sent before the app has loaded are answered, in order, once it has.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { seriousViolations } from './axe.mjs'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { serveStatic } from './server.mjs'

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let site
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let host
/** @type {import('playwright-core').Browser} */ let browser

const SCENARIOS = ['get-user', 'not-found', 'unauthorized', 'cors-preflight', 'rate-limited']

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head>
  <body style="margin:0;padding:12px;font-family:sans-serif">${body}</body></html>`

before(async () => {
  site = await serveStatic({ root: distDir, base: SUB_PATH })
  const widget = `${site.url}embed.html`
  host = await serveStatic({
    root: distDir,
    base: '/nothing/',
    pages: {
      '/five.html': page(
        SCENARIOS.map(
          (id, i) =>
            `<iframe id="w${i}" title="Roundtrip ${i}" style="width:760px;height:520px;border:0" src="${widget}#scenario=${id}"></iframe>`,
        ).join('\n'),
      ),
      // The host commands as soon as the widget is ready, long before its app could have loaded.
      '/eager.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:520px;border:0"
          src="${widget}#scenario=not-found"></iframe>
        <script>
          window.events = []
          const frame = document.getElementById('w')
          const send = (name, payload, id) => frame.contentWindow.postMessage(
            { ns: 'roundtrip', v: 1, kind: 'cmd', name, payload, id }, ${JSON.stringify(site.origin)})
          addEventListener('message', (e) => {
            if (e.source !== frame.contentWindow || e.data?.ns !== 'roundtrip') return
            window.events.push(e.data)
            if (e.data.name !== 'ready') return
            window.readyAt = performance.now()
            send('goTo', { step: 3 }, 'a')
            send('step', { by: 1 }, 'b')
            send('goTo', { step: 0 }, 'c')
            send('getState', undefined, 'd')
          })
        </script>`),
    },
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all([site?.close(), host?.close()])
})

/** Gzipped bytes of a built file, by its URL. */
const gzippedSize = (url) => {
  const path = new URL(url).pathname.slice(SUB_PATH.length)
  return gzipSync(readFileSync(join(distDir, path)), { level: 9 }).length
}

const scripts = (requests) =>
  requests.filter((url) => url.startsWith(site.url) && url.endsWith('.js'))

describe('embed.html before Start', () => {
  it('five widgets on one page load five posters (≤ 30 KB of JS) and no app until a click', async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 900 } })
    const p = await context.newPage()
    const problems = []
    p.on('pageerror', (error) => problems.push(error.message))
    /** Script URLs requested by each frame, by frame name. */
    const byFrame = new Map()
    p.on('request', (request) => {
      const frame = request.frame()
      const id = frame === p.mainFrame() ? 'page' : (frame.url().split('#')[1] ?? frame.url())
      byFrame.set(id, [...(byFrame.get(id) ?? []), request.url()])
    })
    await p.goto(`${host.origin}/five.html`)
    const starts = SCENARIOS.map((_, i) =>
      p.frameLocator(`#w${i}`).getByRole('button', { name: /^Start: / }),
    )
    for (const start of starts) await start.waitFor()
    await p.waitForLoadState('networkidle')

    const titles = await Promise.all(starts.map((start) => start.textContent()))
    assert.equal(new Set(titles).size, SCENARIOS.length, 'each poster names its own scenario')
    const perFrame = [...byFrame.entries()].filter(([id]) => /^scenario=/.test(id))
    assert.equal(perFrame.length, SCENARIOS.length)
    for (const [id, requests] of perFrame) {
      const js = scripts(requests)
      const bytes = js.reduce((sum, url) => sum + gzippedSize(url), 0)
      assert.ok(bytes <= 30_000, `${id}: ${bytes} bytes of gzipped JS before Start`)
      // No React, no store, no transport: the poster's own few files and the scenario titles.
      assert.equal(
        await p
          .frameLocator(`#w${SCENARIOS.indexOf(id.slice(9))}`)
          .locator('[data-poster]')
          .count(),
        1,
      )
    }
    // Each poster shows the seven layers at rest (eight bands: the network has two).
    const bands = p.frameLocator('#w1').getByRole('group', { name: /^(Client|Network|Handler)$/ })
    assert.equal(await bands.count(), 3)
    assert.deepEqual(
      await seriousViolations(p.frames().find((f) => f.url().includes('not-found'))),
      [],
    )
    await p.screenshot({ path: screenshotPath('embed-five-posters') })

    // A click boots that widget alone; it opens started, and the others stay posters.
    const before = new Map([...byFrame].map(([id, requests]) => [id, requests.length]))
    await starts[1].click()
    const second = p.frameLocator('#w1')
    await second
      .getByRole('status')
      .filter({ hasText: /^Step 1 of/ })
      .waitFor({ timeout: 15_000 })
    assert.equal(await second.locator('[data-poster]').count(), 0)
    for (const i of [0, 2, 3, 4]) {
      assert.equal(await p.frameLocator(`#w${i}`).locator('[data-poster]').count(), 1)
      const id = `scenario=${SCENARIOS[i]}`
      assert.equal(byFrame.get(id)?.length, before.get(id), `${id} loaded nothing more`)
    }
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('answers commands sent before the app loaded, in the order they were sent', async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 700 } })
    const p = await context.newPage()
    const problems = []
    p.on('pageerror', (error) => problems.push(error.message))
    await p.goto(`${host.origin}/eager.html`)
    const answers = await p.waitForFunction(
      () => {
        const replies = window.events.filter((e) => e.id !== undefined)
        return replies.length >= 4 ? replies : null
      },
      null,
      { timeout: 20_000 },
    )
    const replies = await answers.jsonValue()
    const ready = await p.evaluate(() => window.events[0])
    assert.equal(ready.name, 'ready')
    assert.deepEqual(ready.payload.capabilities, [
      'play',
      'pause',
      'step',
      'goTo',
      'load',
      'getState',
    ])
    assert.deepEqual(
      replies.map((e) => [e.id, e.name, e.payload.step ?? e.payload.message]),
      [
        ['a', 'state', 3],
        ['b', 'state', 4],
        ['c', 'error', 'goTo needs {step: n}, a whole number from 1 (the first step)'],
        ['d', 'state', 4],
      ],
    )
    assert.equal(replies[3].payload.status, 404)
    assert.equal(replies[3].payload.started, true)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('Start works from the keyboard, and Play has the focus once the journey is shown', async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 700 } })
    const p = await context.newPage()
    await p.goto(`${site.url}embed.html#scenario=get-user&step=4`)
    const start = p.getByRole('button', { name: 'Start: Fetch a user' })
    await start.waitFor()
    await p.keyboard.press('Tab')
    await p.keyboard.press('Tab')
    assert.equal(await start.evaluate((el) => el === document.activeElement), true)
    await p.keyboard.press('Enter')
    await p
      .getByRole('status')
      .filter({ hasText: /^Step 4 of/ })
      .waitFor({ timeout: 15_000 })
    await p.waitForFunction(() => document.activeElement?.classList.contains('button-play'))
    await context.close()
  })
})
