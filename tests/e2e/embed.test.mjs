// End-to-end: embed.html framed by host pages on OTHER origins (other localhost ports), driven by
// the postMessage API; a third origin's commands ignored; the same in a sandboxed frame.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { serveStatic } from './server.mjs'

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let site
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let host
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let third
/** @type {import('playwright-core').Browser} */ let browser

/** Host-page script: records the widget's events and offers `send(name, payload, id)`. */
const recorder = (frameSelector, targetOrigin) => `<script>
  window.events = []
  const frame = () => document.querySelector(${JSON.stringify(frameSelector)})
  addEventListener('message', (e) => {
    if (e.source !== frame().contentWindow) return
    window.events.push({ origin: e.origin, data: e.data })
  })
  window.send = (name, payload, id) =>
    frame().contentWindow.postMessage({ ns: 'roundtrip', v: 1, kind: 'cmd', name, payload, id }, ${JSON.stringify(targetOrigin)})
</script>`

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head>
  <body style="margin:0;padding:12px;font-family:sans-serif">${body}</body></html>`

before(async () => {
  site = await serveStatic({ root: distDir, base: SUB_PATH })
  const widget = `${site.url}embed.html`
  // The third origin, framed beside the widget, tries to drive it through its sibling frame.
  third = await serveStatic({
    root: distDir,
    base: '/nothing/',
    pages: {
      '/intruder.html': page(`<script>
        const widget = parent.frames[0]
        window.attack = () => {
          widget.postMessage({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'goTo', payload: { step: 6 }, id: 'evil' }, '*')
          widget.postMessage({ ns: 'roundtrip', v: 1, kind: 'cmd', name: 'play' }, '*')
        }
      </script>`),
    },
  })
  host = await serveStatic({
    root: distDir,
    base: '/nothing/',
    pages: {
      '/lesson.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:500px;border:1px solid #888"
          src="${widget}#scenario=unauthorized"></iframe>
        <iframe id="x" title="Other content" style="width:200px;height:60px" src="${third.origin}/intruder.html"></iframe>
        ${recorder('#w', site.origin)}`),
      '/allow.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:500px"
          src="${widget}#scenario=get-user&parent=https://elsewhere.example"></iframe>
        ${recorder('#w', site.origin)}`),
      '/locked.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:500px"
          src="${widget}#scenario=get-user&parent=*,https://elsewhere.example/path"></iframe>
        ${recorder('#w', site.origin)}`),
      // A host page with an opaque origin (sandboxed without allow-same-origin) framing the
      // widget, which inherits the sandbox: only '*' reaches either of them.
      '/opaque.html': page(`<iframe id="h" title="Course" sandbox="allow-scripts"
        style="width:800px;height:600px" src="/opaque-host.html"></iframe>`),
      '/opaque-null.html': page(`<iframe id="h" title="Course" sandbox="allow-scripts"
        style="width:800px;height:600px" src="/opaque-host-null.html"></iframe>`),
      '/opaque-host.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:560px"
          src="${widget}#scenario=not-found"></iframe>
        ${recorder('#w', '*')}`),
      '/opaque-host-null.html': page(`
        <iframe id="w" title="Roundtrip" style="width:760px;height:560px"
          src="${widget}#scenario=not-found&parent=null"></iframe>
        ${recorder('#w', '*')}`),
      // No allow-same-origin: the frame's origin is opaque, so only '*' reaches it.
      '/sandboxed.html': page(`
        <iframe id="w" title="Roundtrip" sandbox="allow-scripts" style="width:760px;height:560px"
          src="${widget}#scenario=not-found"></iframe>
        ${recorder('#w', '*')}`),
      '/element.html': page(`
        <p>Before the widget.</p>
        <roundtrip-embed id="re" scenario="not-found" src="${site.url}"></roundtrip-embed>
        <p>After the widget.</p>
        <script>
          window.seen = []
          for (const name of ['ready', 'stepchange', 'resize', 'state', 'ended'])
            document.addEventListener('roundtrip:' + name, (e) => window.seen.push({ name, detail: e.detail }))
        </script>
        <script src="${site.url}roundtrip-embed.js"></script>`),
    },
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all([site?.close(), host?.close(), third?.close()])
})

const open = async (path, viewport = { width: 1000, height: 760 }) => {
  const context = await browser.newContext({ viewport })
  const p = await context.newPage()
  const problems = []
  p.on('pageerror', (error) => problems.push(error.message))
  await p.goto(`${host.origin}${path}`)
  return { page: p, context, problems }
}

/** Waits for the widget's event `name` (with `id`, if given) and returns its payload. */
const waitEvent = async (p, name, id, match = {}) => {
  const handle = await p.waitForFunction(
    ([name, id, match]) =>
      window.events.find(
        (e) =>
          e.data?.ns === 'roundtrip' &&
          e.data.name === name &&
          (id === null || e.data.id === id) &&
          Object.entries(match).every(([k, v]) => e.data.payload?.[k] === v),
      ),
    [name, id ?? null, match],
    { timeout: 15_000 },
  )
  return handle.jsonValue()
}

const command = async (p, name, payload, id) => {
  await p.evaluate(([n, pl, i]) => window.send(n, pl, i), [name, payload, id])
  return (await waitEvent(p, 'state', id)).data.payload
}

describe('embed.html framed by a page on another origin', () => {
  it('says ready, sends nothing until asked, then obeys load/play/pause/step/goTo/getState by id', async () => {
    const { page: p, context, problems } = await open('/lesson.html')
    const ready = await waitEvent(p, 'ready')
    assert.equal(ready.origin, site.origin)
    assert.deepEqual(ready.data.payload.capabilities, [
      'play',
      'pause',
      'step',
      'goTo',
      'load',
      'getState',
    ])
    const widget = p.frameLocator('#w')
    await widget.getByRole('button', { name: /^Start: / }).waitFor()

    // Never autoplay: nothing is sent until a command or a click.
    await p.waitForTimeout(400)
    let state = await command(p, 'getState', undefined, 'g0')
    assert.equal(state.started, false)
    assert.equal(state.step, 0)
    assert.equal(
      await p.evaluate(() => window.events.some((e) => e.data.name === 'stepchange')),
      false,
    )

    state = await command(p, 'load', { scenario: 'not-found' }, 'l1')
    assert.equal(state.scenario, 'not-found')
    assert.equal(state.status, 404)
    assert.equal(state.step, 1)
    await assert.doesNotReject(
      widget
        .getByRole('status')
        .filter({ hasText: /^Step 1 of \d+:/ })
        .waitFor(),
    )
    assert.equal(await widget.getByRole('button', { name: /^Start: / }).count(), 0)

    state = await command(p, 'goTo', { step: 5 }, 'g1')
    assert.equal(state.step, 5)
    const change = await waitEvent(p, 'stepchange', null, { step: 5 })
    assert.equal(change.data.payload.total, state.total)
    assert.equal(typeof change.data.payload.layer, 'string')
    await widget
      .getByRole('status')
      .filter({ hasText: /^Step 5 of/ })
      .waitFor()

    state = await command(p, 'step', { by: -2 }, 's1')
    assert.equal(state.step, 3)
    state = await command(p, 'step', undefined, 's2')
    assert.equal(state.step, 4)

    state = await command(p, 'play', undefined, 'p1')
    assert.equal(state.playing, true)
    await waitEvent(p, 'stepchange', null, { step: 5 + 1 })
    state = await command(p, 'pause', undefined, 'p2')
    assert.equal(state.playing, false)
    const stopped = state.step
    await p.waitForTimeout(600)
    assert.equal((await command(p, 'getState', undefined, 'g2')).step, stopped)

    // Errors come back as an error event carrying the command's id.
    await p.evaluate(() => window.send('goTo', { step: 'x' }, 'e1'))
    const error = await waitEvent(p, 'error', 'e1')
    assert.match(error.data.payload.message, /goTo/)
    await p.evaluate(() => window.send('load', { app: { version: 42 } }, 'e2'))
    assert.match((await waitEvent(p, 'error', 'e2')).data.payload.message, /version/)

    state = await command(p, 'goTo', { step: 999 }, 'end')
    assert.equal(state.ended, true)
    assert.deepEqual((await waitEvent(p, 'ended')).data.payload, { status: 404 })

    // Every event went to the host's origin only.
    const origins = await p.evaluate(() => [...new Set(window.events.map((e) => e.origin))])
    assert.deepEqual(origins, [site.origin])
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('ignores commands from a third origin and counts them under "origin"', async () => {
    const { page: p, context } = await open('/lesson.html')
    await waitEvent(p, 'ready')
    let state = await command(p, 'goTo', { step: 2 }, 'a')
    assert.equal(state.step, 2)
    const intruder = p.frames().find((f) => f.url().startsWith(third.origin))
    assert.ok(intruder, 'the third-origin frame loaded')
    await intruder.evaluate(() => window.attack())
    await p.waitForTimeout(500)
    state = await command(p, 'getState', undefined, 'b')
    assert.equal(state.step, 2)
    assert.equal(state.playing, false)
    assert.equal(state.ignored.origin, 2)
    assert.equal(
      await p.evaluate(() => window.events.some((e) => e.data.id === 'evil')),
      false,
      'no reply to the intruder',
    )
    await context.close()
  })

  it('with parent= naming another origin, obeys nobody here', async () => {
    const { page: p, context } = await open('/allow.html')
    await p
      .frameLocator('#w')
      .getByRole('button', { name: /^Start: / })
      .waitFor()
    await p.evaluate(() => window.send('play', undefined, 'x'))
    await p.waitForTimeout(600)
    // Nothing reached this page (ready went to the allowed origin only) and nothing played.
    assert.deepEqual(await p.evaluate(() => window.events), [])
    assert.equal(
      await p
        .frameLocator('#w')
        .getByRole('button', { name: /^Start: / })
        .count(),
      1,
    )
    await context.close()
  })

  it('answers in the order commands were sent, an invalid goTo after a slow load', async () => {
    const { page: p, context } = await open('/lesson.html')
    await waitEvent(p, 'ready')
    await p.evaluate(() => {
      window.send('load', { scenario: 'not-found' }, 'o1')
      window.send('goTo', { step: 0 }, 'o2')
      window.send('goTo', { step: 2 }, 'o3')
      window.send('goTo', { step: 'x' }, 'o4')
      window.send('getState', undefined, 'o5')
    })
    await waitEvent(p, 'state', 'o5')
    const replies = await p.evaluate(() =>
      window.events
        .filter((e) => e.data.name === 'state' || e.data.name === 'error')
        .map((e) => [e.data.name, e.data.id]),
    )
    assert.deepEqual(replies, [
      ['state', 'o1'],
      ['error', 'o2'],
      ['state', 'o3'],
      ['error', 'o4'],
      ['state', 'o5'],
    ])
    await context.close()
  })

  it('with a parent= list that names no valid origin, posts nothing and says why', async () => {
    const { page: p, context } = await open('/locked.html')
    const widget = p.frameLocator('#w')
    await widget.getByText(/^!?The embed's parent list has no valid origin/).waitFor()
    await p.evaluate(() => window.send('play', undefined, 'x'))
    await p.waitForTimeout(600)
    // Not even ready reached this page, and nothing played.
    assert.deepEqual(await p.evaluate(() => window.events), [])
    assert.equal(await widget.getByRole('button', { name: /^Start: / }).count(), 1)
    await context.close()
  })

  it('refuses a host with an opaque origin unless parent= lists null, then answers it', async () => {
    const hostFrame = async (p, path) => {
      await p
        .frameLocator('#h')
        .frameLocator('#w')
        .getByRole('button', { name: /^Start: / })
        .waitFor()
      const frame = p.frames().find((f) => f.url().endsWith(path))
      assert.ok(frame, `${path} loaded`)
      return frame
    }
    const refused = await open('/opaque.html')
    const closed = await hostFrame(refused.page, '/opaque-host.html')
    await closed.evaluate(() => window.send('play', undefined, 'x'))
    await refused.page.waitForTimeout(600)
    assert.deepEqual(await closed.evaluate(() => window.events), [])
    const start = refused.page
      .frameLocator('#h')
      .frameLocator('#w')
      .getByRole('button', { name: /^Start: / })
    assert.equal(await start.count(), 1)
    await refused.context.close()

    const allowed = await open('/opaque-null.html')
    const opaque = await hostFrame(allowed.page, '/opaque-host-null.html')
    await waitEvent(opaque, 'ready')
    const state = await command(opaque, 'goTo', { step: 3 }, 'g')
    assert.equal(state.step, 3)
    assert.equal(state.status, 404)
    assert.deepEqual(allowed.problems, [])
    await allowed.context.close()
  })

  it('works in a sandbox="allow-scripts" frame: in-page fallback notice, commands still obeyed', async () => {
    const { page: p, context, problems } = await open('/sandboxed.html')
    const ready = await waitEvent(p, 'ready')
    assert.equal(ready.origin, 'null')
    const widget = p.frameLocator('#w')
    await widget.getByText(/Simulated in the page/).waitFor()
    let state = await command(p, 'play', undefined, 'p')
    assert.equal(state.transport, 'in-process')
    assert.equal(state.playing, true)
    await waitEvent(p, 'stepchange', null, { step: 2 })
    state = await command(p, 'goTo', { step: 3 }, 'g')
    assert.equal(state.step, 3)
    assert.equal(state.status, 404)
    await widget
      .getByRole('status')
      .filter({ hasText: /^Step 3 of/ })
      .waitFor()
    await p.screenshot({ path: screenshotPath('embed-sandboxed') })
    assert.deepEqual(problems, [])
    await context.close()
  })
})

describe('<roundtrip-embed>', () => {
  it('creates the lazy iframe, follows the content height and re-emits events', async () => {
    const { page: p, context, problems } = await open('/element.html', { width: 820, height: 900 })
    const frame = p.locator('roundtrip-embed iframe')
    assert.equal(await frame.getAttribute('loading'), 'lazy')
    assert.equal(await frame.getAttribute('title'), 'Roundtrip: not-found')
    assert.equal(await frame.getAttribute('allow'), 'fullscreen')
    await p.waitForFunction(() => window.seen.some((e) => e.name === 'ready'))
    const fits = async () => {
      const resize = await p.evaluate(() => window.seen.filter((e) => e.name === 'resize').at(-1))
      const content = await p
        .frameLocator('roundtrip-embed iframe')
        .locator('.embed')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
      const box = await frame.boundingBox()
      return { reported: resize?.detail.height, content, frame: Math.round(box?.height ?? 0) }
    }
    await p.waitForFunction(() => window.seen.some((e) => e.name === 'resize'))
    await p.waitForTimeout(300)
    const before = await fits()
    assert.equal(before.frame, before.content, JSON.stringify(before))
    assert.notEqual(before.frame, 480, 'the frame left its default height')

    // Methods post commands and resolve with the widget's state.
    const state = await p.evaluate(() => document.getElementById('re').goTo(4))
    assert.equal(state.step, 4)
    assert.equal(state.scenario, 'not-found')
    await p.waitForFunction(() =>
      window.seen.some((e) => e.name === 'stepchange' && e.detail.step === 4),
    )
    // The journey unfolds its current band: the content grows, the frame follows.
    await p.waitForTimeout(500)
    const afterStep = await fits()
    assert.notEqual(afterStep.content, before.content)
    assert.equal(afterStep.frame, afterStep.content, JSON.stringify(afterStep))
    await assert.rejects(
      p.evaluate(() => document.getElementById('re').load('no-such-scenario')),
      /no-such-scenario/,
    )
    await p.screenshot({ path: screenshotPath('embed-element'), fullPage: true })
    assert.deepEqual(problems, [])
    await context.close()
  })
})

describe('embed.html on its own', () => {
  it('has no serious accessibility violations before and after Start, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({
        viewport: { width: 800, height: 500 },
        colorScheme,
      })
      const p = await context.newPage()
      await p.goto(`${site.url}embed.html#scenario=get-user`)
      const start = p.getByRole('button', { name: 'Start: Fetch a user' })
      await start.waitFor()
      assert.deepEqual(await seriousViolations(p), [], `${colorScheme}, before Start`)
      assert.match(
        (await p.getByRole('link', { name: /Open in Roundtrip/ }).getAttribute('href')) ?? '',
        /^\.\/index\.html#scenario=get-user/,
      )
      await start.click()
      await p
        .getByRole('status')
        .filter({ hasText: /^Step \d+ of/ })
        .waitFor()
      await p.getByRole('button', { name: 'Pause' }).click()
      await p.keyboard.press('End')
      await p.getByRole('group', { name: 'Client' }).getByText('200 OK').first().waitFor()
      assert.deepEqual(await seriousViolations(p), [], `${colorScheme}, after Start`)
      await context.close()
    }
  })
})
