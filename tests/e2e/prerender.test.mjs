// End-to-end: index.html carries the app at rest, rendered at build time (scripts/prerender.mjs),
// and main.tsx hydrates it: the first screen paints from the HTML, React takes that very markup
// over without redrawing it, and a link or a saved choice never shows the default scenario first.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

/**
 * Opens index.html (with `hash`) and records, from before any of the page's scripts: console
 * errors and warnings, uncaught errors, CSP violations, the prerendered app element as parsed
 * (before the module scripts run), and which scenario the page showed at every frame.
 */
const open = async (hash = '', { reducedMotion = 'no-preference', storage = {} } = {}) => {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion,
  })
  const page = await context.newPage()
  const console = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      console.push(`${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`))
  await page.addInitScript((saved) => {
    for (const [key, value] of Object.entries(saved)) localStorage.setItem(key, value)
    const w = /** @type {any} */ (window)
    w.violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    )
    // Parsed, before deferred and module scripts run.
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        w.prerendered = document.querySelector('#root > .app')
    })
    // The scenario on screen at every frame, while the app is visible.
    w.shown = []
    const look = () => {
      const root = document.getElementById('root')
      const picker = document.querySelector('#root .picker select')
      // A select with no options yet is one the HTML parser is still inside (it can yield there
      // and a frame be drawn): no scenario is shown by it.
      if (
        root &&
        picker &&
        /** @type {HTMLSelectElement} */ (picker).options.length > 0 &&
        getComputedStyle(root).visibility !== 'hidden'
      ) {
        const value = /** @type {HTMLSelectElement} */ (picker).value
        if (w.shown.at(-1) !== value) w.shown.push(value)
      }
      requestAnimationFrame(look)
    }
    requestAnimationFrame(look)
  }, storage)
  await page.goto(`${env.site.url}index.html${hash}`)
  return { page, context, console }
}

/** A console message about rendering: React's, main.tsx's hydration report, or an uncaught error. */
const aboutRendering = (message) => /hydrat|react|recoverable|^pageerror/i.test(message)

/** How many pixels of two same-sized PNGs differ by more than a shade (in a blank page). */
const changedPixels = async (a, b) => {
  const page = await env.browser.newPage()
  const urls = [a, b].map((png) => `data:image/png;base64,${png.toString('base64')}`)
  const changed = await page.evaluate(async (sources) => {
    const pixels = await Promise.all(
      sources.map(async (src) => {
        const image = new Image()
        image.src = src
        await image.decode()
        const canvas = new OffscreenCanvas(image.width, image.height)
        const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'))
        context.drawImage(image, 0, 0)
        return context.getImageData(0, 0, image.width, image.height).data
      }),
    )
    const [x, y] = /** @type {[Uint8ClampedArray, Uint8ClampedArray]} */ (pixels)
    if (x.length !== y.length) return Infinity
    let count = 0
    for (let i = 0; i < x.length; i += 4)
      if ([0, 1, 2].some((c) => Math.abs(x[i + c] - y[i + c]) > 24)) count++
    return count
  }, urls)
  await page.close()
  return changed
}

/** Sends the request and steps once: the app works after it has been taken over. */
const sendAndStep = async (page) => {
  await page.getByRole('button', { name: 'Send request' }).click()
  const status = page.getByRole('status')
  await status.filter({ hasText: /^Step 1 of \d+:/ }).waitFor()
  await page.getByRole('button', { name: /^Step forward/ }).click()
  await status.filter({ hasText: /^Step 2 of \d+:/ }).waitFor()
}

describe('the prerendered first screen', () => {
  it('is in index.html: the app at rest, without inline scripts or styles', async () => {
    const html = await (await fetch(`${env.site.url}index.html`)).text()
    const root = /<div id="root" data-prerendered>([\s\S]*)<\/div>\s*<noscript>/.exec(html)?.[1]
    assert.ok(root, 'index.html should have a prerendered #root')
    assert.match(root, /<h1>Roundtrip<\/h1>/)
    assert.match(root, /Send request/)
    assert.match(root, /<option value="get-user" selected="">/)
    assert.match(root, /Follow one request, layer by layer/, 'the Explain welcome (the LCP text)')
    // A strict CSP (no 'unsafe-inline') would drop inline styles and refuse inline scripts.
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script')
    assert.doesNotMatch(root, /\sstyle="/, 'no inline style in the prerendered markup')
    // Only completed Suspense boundaries: nothing left for React to fill in by script.
    assert.doesNotMatch(root, /<!--\$[?!]-->|<template/)
  })

  it('paints without JavaScript, and looks the same once hydrated', async () => {
    const still = await env.browser.newContext({
      viewport: { width: 1280, height: 720 },
      javaScriptEnabled: false,
    })
    const bare = await still.newPage()
    await bare.goto(`${env.site.url}index.html`)
    await bare.getByRole('button', { name: 'Send request' }).waitFor()
    assert.ok(
      await bare.getByRole('heading', { name: 'Follow one request, layer by layer' }).isVisible(),
    )
    const painted = await bare.screenshot({ path: screenshotPath('prerendered-without-js') })
    await still.close()

    const { page, context, console } = await open()
    // Hydrated, the catalogue, the motion parts, the transport and the Explain panel loaded.
    await page.waitForLoadState('networkidle')
    await page.getByRole('button', { name: 'Send request' }).waitFor()
    const hydrated = await page.screenshot({ path: screenshotPath('prerendered-hydrated') })
    // Anti-aliasing of a few rounded corners may differ by a shade; nothing may move or change.
    const changed = await changedPixels(painted, hydrated)
    assert.ok(changed <= 20, `${changed} pixels changed when the app took over`)
    assert.deepEqual(console, [])
    await context.close()
  })

  for (const reducedMotion of ['no-preference', 'reduce']) {
    it(`is taken over by React, not redrawn, and works (reduced motion: ${reducedMotion})`, async () => {
      const { page, context, console } = await open('', { reducedMotion })
      await page.waitForLoadState('networkidle')
      assert.deepEqual(console, [], 'no error or warning while the app loads and takes over')
      await sendAndStep(page)
      const kept = await page.evaluate(() => {
        const w = /** @type {any} */ (window)
        return w.prerendered != null && document.querySelector('#root > .app') === w.prerendered
      })
      assert.ok(kept, 'the prerendered app element should be the one on screen after hydration')
      // (Under E2E_CSP=strict the request's own fetch is refused and says so: not ours to judge.)
      assert.deepEqual(console.filter(aboutRendering), [], 'no hydration error or warning')
      const violations = await page.evaluate(() => /** @type {any} */ (window).violations)
      assert.deepEqual(
        violations.filter((v) => /^(script|style)-src/.test(v)),
        [],
      )
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).shown), ['get-user'])
      await context.close()
    })
  }

  it('a link opens its scenario without showing the default first', async () => {
    const { page, context, console } = await open('#scenario=not-found')
    await page
      .locator('.picker select')
      .filter({ has: page.locator('option[value="not-found"]:checked') })
      .waitFor()
    await page.getByRole('button', { name: 'Send request' }).waitFor()
    const shown = await page.evaluate(() => /** @type {any} */ (window).shown)
    assert.deepEqual(shown, ['not-found'], `scenarios on screen, in order: ${shown.join(', ')}`)
    const redrawn = await page.evaluate(
      () => document.querySelector('#root > .app') !== /** @type {any} */ (window).prerendered,
    )
    assert.ok(redrawn, 'a link is rendered in the page, not hydrated')
    assert.deepEqual(console, [])
    await context.close()
  })

  it('a saved motion choice is drawn in the page, from its first frame', async () => {
    const { page, context, console } = await open('', { storage: { 'roundtrip:motion': 'reduce' } })
    await sendAndStep(page)
    assert.equal(await page.locator('.journey').getAttribute('data-motion'), 'still')
    assert.equal(await page.locator('[data-testid="packet"]').getAttribute('data-motion'), 'still')
    assert.deepEqual(console.filter(aboutRendering), [])
    await context.close()
  })
})
