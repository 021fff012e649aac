// End-to-end: a real HAR file through the "Import HAR" picker in Chromium, read in a Web Worker,
// opens the measured waterfall; an entry is stepped to by keyboard and its Inspector shows the
// file's real headers (secrets masked until the toggle is cleared); a bad file dropped on the page
// says what is wrong and leaves the open recording as it was. No HAR code is in the first paint.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()
const fixture = (name) => fileURLToPath(new URL(`../fixtures/har/${name}.har`, import.meta.url))

describe('Import HAR', () => {
  it('opens a measured waterfall; an entry is stepped to by keyboard and inspected', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const problems = []
    const scripts = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('request', (request) => scripts.push(request.url()))
    try {
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByRole('button', { name: 'Send request' }).waitFor()
      await page.waitForLoadState('networkidle')
      assert.deepEqual(
        scripts.filter((url) =>
          /\/assets\/(har-|harWorker|loadHar|walk-|MeasuredDialog|ExplainRequestDialog)/.test(url),
        ),
        [],
        'no HAR code before a file is imported',
      )

      await page.getByLabel('Import HAR').setInputFiles(fixture('chrome'))
      const dialog = page.getByRole('dialog', { name: 'Measured page load' })
      await dialog.waitFor()
      assert.ok(
        scripts.some((url) => /harWorker/.test(url)),
        'the file is read in the Web Worker',
      )
      const banner = dialog.getByRole('note', { name: 'Measured' })
      assert.match(await banner.textContent(), /9 requests recorded by Chrome or Edge DevTools/)
      assert.match(await banner.textContent(), /nothing was sent anywhere/)
      const rows = dialog.locator('.har-waterfall > tbody > tr')
      assert.equal(await rows.count(), 9)
      for (let i = 0; i < 9; i++) assert.match(await rows.nth(i).textContent(), /Measured/)

      // Step to the document (entry 2) by keyboard: the status says so, the Inspector shows it.
      const status = dialog.getByRole('status')
      await assert.doesNotReject(status.filter({ hasText: /^Entry 1 of 9/ }).waitFor())
      await page.keyboard.press('ArrowRight')
      await assert.doesNotReject(
        status.filter({ hasText: /^Entry 2 of 9: GET shop\.example\.test, 200/ }).waitFor(),
      )
      // The main view's reading panels, as tabs, each marked Measured.
      const tabs = dialog.getByRole('tablist', { name: 'Details' })
      const explain = dialog.getByRole('region', { name: 'Explain' })
      assert.match(await explain.textContent(), /^Explain Measured/)
      assert.match(await explain.textContent(), /Reported by the server.*proxy 91\.2 ms \(nginx\)/)
      assert.match(await explain.textContent(), /Priority Highest/)
      // Tabs by keyboard: focus the selected tab, → moves to the next one, not to the next entry.
      await tabs.getByRole('tab', { name: 'Explain' }).focus()
      await page.keyboard.press('ArrowRight')
      const inspector = dialog.getByRole('region', { name: 'Inspector' })
      await inspector.waitFor()
      assert.match(await status.textContent(), /^Entry 2 of 9/)
      const headers = inspector.locator('.headers-table')
      assert.match(await headers.textContent(), /Cookiesession=••••••; theme=••••••/)
      await inspector.getByRole('button', { name: 'Response' }).click()
      assert.match(await headers.textContent(), /Server-Timingproxy;dur=91\.2/)
      await page.screenshot({ path: screenshotPath('har-import-inspector') })
      await tabs.getByRole('tab', { name: 'Timeline' }).click()
      const timeline = dialog.getByRole('region', { name: 'Timeline' })
      assert.match(await timeline.textContent(), /Waiting \(TTFB\)96\.4 ms/)
      assert.equal(await timeline.locator('.har-reported').count(), 3)
      await tabs.getByRole('tab', { name: 'Network' }).click()
      const network = dialog.getByRole('region', { name: 'Network' })
      assert.match(await network.textContent(), /opened by this request/)
      assert.deepEqual(await seriousViolations(page), [])
      await page.screenshot({ path: screenshotPath('har-import-chrome') })
      await tabs.getByRole('tab', { name: 'Inspector' }).click()
      await inspector.getByRole('button', { name: 'Request' }).click()

      // The mask is a toggle: cleared, the file's own values show.
      await dialog
        .getByRole('checkbox', { name: 'Mask cookies, Authorization and tokens' })
        .uncheck()
      assert.match(await headers.textContent(), /session=8f14e45fceea167a5a36dedd4bea2543/)

      // A bad file dropped on the page: a named error, and the recording on screen stays.
      const bad = readFileSync(fixture('chrome'), 'utf8').replace('"wait": 18.3', '"wait": "slow"')
      await page.evaluate((text) => {
        const data = new DataTransfer()
        data.items.add(new File([text], 'broken.har', { type: 'application/json' }))
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }))
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }))
      }, bad)
      const alert = dialog.getByRole('alert')
      await alert.waitFor()
      assert.match(
        await alert.textContent(),
        /^broken\.har: log\.entries\[2\]\.timings\.wait is the text "slow"; HAR needs a number of ms/,
      )
      assert.equal(await rows.count(), 9)
      await assert.doesNotReject(status.filter({ hasText: /^Entry 2 of 9/ }).waitFor())
      await page.screenshot({ path: screenshotPath('har-import-error') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('opens a recording of the real nginx + uvicorn stack, Server-Timing inside the wait', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByLabel('Import HAR').setInputFiles(fixture('nginx-uvicorn-h1-cdp.recorded'))
      const dialog = page.getByRole('dialog', { name: 'Measured page load' })
      await dialog.waitFor()
      const rows = dialog.locator('.har-waterfall > tbody > tr')
      assert.equal(await rows.count(), 11)
      assert.equal(await rows.filter({ hasText: 'Measured' }).count(), 11)
      // The document, after nginx's 301: its wait opened into nginx's and the app's own spans.
      await page.keyboard.press('ArrowRight')
      const status = dialog.getByRole('status')
      await assert.doesNotReject(
        status.filter({ hasText: /^Entry 2 of 11: GET roundtrip\.test:8443, 200/ }).waitFor(),
      )
      await dialog.getByRole('tab', { name: 'Timeline' }).click()
      const timeline = dialog.getByRole('region', { name: 'Timeline' })
      const reported = timeline.locator('.har-reported')
      assert.deepEqual(
        (await reported.allTextContents()).map((t) => t.replace(/[\d.]+ ms.*/, '')),
        ['proxy (nginx)', 'app (FastAPI)', 'db (SQLite)'],
      )
      // On the tabs End is the last tab; from the panel it is the last entry.
      await timeline.click()
      await page.keyboard.press('End')
      await assert.doesNotReject(
        status.filter({ hasText: /^Entry 11 of 11: GET 404, 404/ }).waitFor(),
      )
      await page.screenshot({ path: screenshotPath('har-import-recorded') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('exports a page load as HAR and imports it again: the same requests, marked Simulated', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByRole('button', { name: 'Page load', exact: true }).click()
      const pageLoad = page.getByRole('dialog', { name: 'Page load' })
      await pageLoad.waitFor()
      const requests = await pageLoad.locator('.pl-waterfall > tbody > tr').count()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        pageLoad.getByRole('button', { name: 'Export HAR' }).click(),
      ])
      const path = await download.path()
      const har = JSON.parse(readFileSync(path, 'utf8'))
      assert.equal(har.log.version, '1.2')
      assert.equal(har.log.entries.length, requests)
      assert.ok(har.log.entries.every((e) => e._roundtrip.source === 'simulated'))
      await pageLoad.getByRole('button', { name: 'Close' }).click()

      await page.getByLabel('Import HAR').setInputFiles(path)
      const dialog = page.getByRole('dialog', { name: 'Simulated page load' })
      await dialog.waitFor()
      assert.match(
        await dialog.getByRole('note', { name: 'Simulated' }).textContent(),
        /written by Roundtrip.*they are simulated, not measured/,
      )
      const rows = dialog.locator('.har-waterfall > tbody > tr')
      assert.equal(await rows.count(), requests)
      assert.equal(await rows.filter({ hasText: 'Measured' }).count(), 0)
      await page.keyboard.press('End')
      await assert.doesNotReject(
        dialog
          .getByRole('status')
          .filter({ hasText: new RegExp(`^Entry ${requests} of ${requests}`) })
          .waitFor(),
      )
      await page.screenshot({ path: screenshotPath('har-reimport-simulated') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('explains a curl command from the Request tab, walks it and steps it by keyboard', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByRole('tab', { name: 'Request' }).click()
      const panel = page.getByRole('tabpanel', { name: 'Request' })
      await panel.getByRole('button', { name: 'Paste curl' }).click()
      await panel
        .getByRole('textbox', { name: 'curl command' })
        .fill(
          `curl -X POST https://example.org/users -H 'Content-Type: application/json' -d '{"name":"Ada","email":"ada@example.com"}'`,
        )
      await panel.getByRole('button', { name: 'Explain my request' }).click()
      const dialog = page.getByRole('dialog', { name: 'Explain my request' })
      const result = dialog.getByRole('region', { name: 'Your request in the model' })
      await result.waitFor()
      const text = await result.textContent()
      assert.match(text, /From your command\s*POST \/users, 1 header, a body\./)
      assert.match(text, /Measured\s*Nothing: a curl command records no times/)
      assert.match(text, /Model \(inferred\)\s*Nearest scenario: “/)
      assert.match(
        await result.getByRole('table', { name: 'What the model infers' }).textContent(),
        /Status201/,
      )
      assert.deepEqual(await seriousViolations(page), [])
      await page.screenshot({ path: screenshotPath('har-explain-curl') })

      // Walked in the main view: the model's trace, the notice saying it is inferred.
      await result.getByRole('button', { name: 'Walk it step by step in the model' }).click()
      await dialog.waitFor({ state: 'detached' })
      assert.match(
        await page
          .locator('.notice')
          .filter({ hasText: /Explain my request: your curl command walked through/ })
          .textContent(),
        /Every step and time is the model's \(inferred\), not measured/,
      )
      await page.locator('body').press('ArrowRight')
      const live = page.getByRole('status').filter({ hasText: /^Step 2 of \d+/ })
      await assert.doesNotReject(live.waitFor())
      await page.screenshot({ path: screenshotPath('har-explain-curl-walked') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })
})
