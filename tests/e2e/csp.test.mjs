// End-to-end under a locked-down course site's Content-Security-Policy: `default-src 'self'` with
// no connect-src exception and no inline styles. The real fetch() to https://api.example.com is
// refused before the service worker sees it, so the transport sends the same request to the app's
// own origin (connect-src 'self'), where the worker answers it; where even that is refused
// (connect-src 'none'), it simulates in the page. Either way it says so in one line, once.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { STRICT_CSP, serveStatic } from './server.mjs'

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let strict
/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let closed
/** @type {import('playwright-core').Browser} */ let browser

const SAME_ORIGIN_NOTICE =
  /Content-Security-Policy blocks requests to other sites, so Roundtrip sends each one to its own address/
const IN_PAGE_NOTICE =
  /This page's Content-Security-Policy blocks the request to the simulated server, so Roundtrip simulates it in the page/

before(async () => {
  strict = await serveStatic({ root: distDir, base: SUB_PATH, csp: STRICT_CSP })
  // Not even the app's own origin may be fetched: only the in-page simulation is left.
  closed = await serveStatic({
    root: distDir,
    base: SUB_PATH,
    csp: `${STRICT_CSP}; connect-src 'none'`,
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all([strict?.close(), closed?.close()])
})

/**
 * Opens `url` and records the page's CSP violations (directive and what was blocked) and its
 * uncaught errors. The listener is installed before any of the page's scripts run.
 */
const open = async (url, viewport = { width: 1280, height: 800 }) => {
  const context = await browser.newContext({ viewport, acceptDownloads: true })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.addInitScript(() => {
    // @ts-expect-error a test global
    window.violations = []
    document.addEventListener('securitypolicyviolation', (e) =>
      // @ts-expect-error a test global
      window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    )
  })
  await page.goto(url)
  return { page, context, problems }
}

/** @returns {Promise<string[]>} */
const violationsOf = (page) => page.evaluate(() => /** @type {any} */ (window).violations)

const stepLine = (scope, step) =>
  scope
    .getByRole('status')
    .filter({ hasText: new RegExp(`^Step ${step} of \\d+:`) })
    .waitFor({ timeout: 10_000 })

/** The page's keys answer where no control has the focus. */
const blur = (page) =>
  page.evaluate(
    () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
  )

/** Inspector body at the last step, then the Markdown export through the Share dialog. */
const inspectAndExport = async (page) => {
  await blur(page)
  await page.keyboard.press('End')
  await page.getByRole('tab', { name: 'Inspector' }).click()
  const body = page.getByRole('tabpanel').getByTestId('body-text')
  await body.filter({ hasText: 'Ada Lovelace' }).first().waitFor()

  await page.getByRole('button', { name: 'Share', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Share or embed' })
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Markdown' }).click()
  const download = await downloading
  assert.match(download.suggestedFilename(), /\.md$/)
  const text = await readFile(await download.path(), 'utf8')
  assert.match(text, /200 OK/)
  await dialog.getByText('Saved the Markdown transcript.').waitFor()
  await page.keyboard.press('Escape')
}

describe('under a strict Content-Security-Policy', () => {
  it('index.html: the worker answers on the own origin; steps, Inspector and export work', async () => {
    const { page, context, problems } = await open(`${strict.url}#scenario=get-user`)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    const answered = page.waitForResponse((r) => r.url().includes('/__roundtrip/'))
    await page.getByRole('button', { name: 'Send request' }).click()
    const response = await answered
    // Still a real request DevTools shows, answered by the worker, on the app's own origin.
    assert.equal(response.url(), `${strict.url}__roundtrip/https/api.example.com/users/42`)
    assert.equal(response.status(), 200)
    assert.ok(response.fromServiceWorker(), 'the msw service worker should answer it')
    assert.match((await response.allHeaders())['server-timing'] ?? '', /handler;dur=/)
    await stepLine(page, 1)
    await page.getByText(SAME_ORIGIN_NOTICE).waitFor()

    await blur(page)
    await page.keyboard.press('ArrowRight')
    await stepLine(page, 2)
    await inspectAndExport(page)

    // Sent again: straight to the own origin, no second refusal.
    await page.getByRole('button', { name: /Send request|Send again/ }).click()
    await stepLine(page, 1)
    const violations = await violationsOf(page)
    assert.deepEqual(violations, ['connect-src https://api.example.com/users/42'])
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('embed.html: Start and stepping work the same way', async () => {
    const { page, context, problems } = await open(`${strict.url}embed.html#scenario=get-user`, {
      width: 900,
      height: 700,
    })
    // The poster registers no worker: Start loads the app, which starts it before the request.
    await page.getByRole('button', { name: /^Start: / }).click()
    await stepLine(page, 1)
    await page.getByText(SAME_ORIGIN_NOTICE).waitFor()
    await page.getByRole('button', { name: 'Step forward' }).click()
    await stepLine(page, 2)
    assert.deepEqual(await violationsOf(page), ['connect-src https://api.example.com/users/42'])
    assert.deepEqual(problems, [])
    await context.close()
  })
})

describe('where the CSP refuses every fetch (connect-src none)', () => {
  it('index.html simulates in the page, says why once, and does not retry the blocked fetch', async () => {
    const { page, context, problems } = await open(`${closed.url}#scenario=get-user`)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await page.getByRole('button', { name: 'Send request' }).click()
    await stepLine(page, 1)
    const notice = page.getByText(IN_PAGE_NOTICE)
    await notice.waitFor()
    assert.equal(await notice.count(), 1)
    await page.screenshot({ path: screenshotPath('csp-fallback') })
    const refused = await violationsOf(page)
    assert.equal(refused.length, 2, refused.join('\n'))
    assert.ok(refused.every((v) => v.startsWith('connect-src ')))

    await blur(page)
    await page.keyboard.press('ArrowRight')
    await stepLine(page, 2)
    await inspectAndExport(page)
    await page.getByRole('button', { name: /Send request|Send again/ }).click()
    await stepLine(page, 1)
    // Sticky: the second send went straight to the page, with no new refusal.
    assert.deepEqual(await violationsOf(page), refused)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('embed.html simulates in the page and says why', async () => {
    const { page, context, problems } = await open(`${closed.url}embed.html#scenario=get-user`, {
      width: 900,
      height: 700,
    })
    // The poster registers no worker: Start loads the app, which starts it before the request.
    await page.getByRole('button', { name: /^Start: / }).click()
    await stepLine(page, 1)
    await page.getByText(IN_PAGE_NOTICE).waitFor()
    await page.getByRole('button', { name: 'Step forward' }).click()
    await stepLine(page, 2)
    await page.screenshot({ path: screenshotPath('csp-fallback-embed') })
    assert.deepEqual(problems, [])
    await context.close()
  })
})
