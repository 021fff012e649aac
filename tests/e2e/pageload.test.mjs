// End-to-end: the Page load view in real Chromium. It is stepped by keyboard, its protocols change
// what is drawn, and choosing a request in the waterfall opens that request's own journey.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const openApp = async (viewport = { width: 1440, height: 900 }) => {
  const context = await env.browser.newContext({ viewport })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}#scenario=get-user`)
  return { page, context, problems }
}

const openPageLoad = async (page) => {
  const button = page.getByRole('button', { name: 'Page load', exact: true })
  await button.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Page load' })
  await dialog.waitFor()
  return dialog
}

describe('page load', () => {
  it('is stepped by keyboard and shows the page being built', async () => {
    const { page, context, problems } = await openApp()
    try {
      const dialog = await openPageLoad(page)
      const status = dialog.getByRole('status')
      await assert.doesNotReject(
        status.filter({ hasText: /^Step 1 of \d+: \/ discovered/ }).waitFor(),
      )
      // The arrow keys step from wherever the focus is in the dialog (not in a field).
      await page.keyboard.press('ArrowRight')
      await assert.doesNotReject(status.filter({ hasText: /^Step 2 of/ }).waitFor())
      await page.keyboard.press('End')
      const total = Number((await status.textContent()).match(/of (\d+)/)[1])
      assert.ok(total > 40, `a page load has many moments, got ${total}`)
      await assert.doesNotReject(
        status.filter({ hasText: new RegExp(`^Step ${total} of ${total}`) }).waitFor(),
      )
      // Every request done: 25 rows, the page painted with its data.
      const rows = dialog.locator('tbody tr[data-state="done"]')
      assert.equal(await rows.count(), 25)
      assert.match(await dialog.locator('.pl-preview').textContent(), /Painted: .*data success/)
      await page.screenshot({ path: screenshotPath('pageload-h1-waterfall') })

      // HTTP/1.1 opens six connections to the CDN; HTTP/2 one.
      await dialog.getByRole('button', { name: 'Connections' }).click()
      const cdnLanes = dialog
        .getByRole('region', { name: 'Connections to https://cdn.example.net' })
        .locator('li')
      assert.equal(await cdnLanes.count(), 6)
      await dialog.getByRole('radio', { name: 'HTTP/2' }).check()
      // In a radio group the arrows choose; from a button they step.
      await dialog.getByRole('button', { name: 'Step forward' }).focus()
      await page.keyboard.press('End')
      assert.equal(await cdnLanes.count(), 1)
      assert.match(await cdnLanes.first().textContent(), /streams so far: 1 /)
      await page.screenshot({ path: screenshotPath('pageload-h2-connections') })

      await dialog.getByRole('button', { name: 'Compare protocols' }).click()
      const good = dialog.getByRole('table', { name: /^Good network/ })
      await good.waitFor()
      assert.match(await good.locator('caption').textContent(), /HTTP\/(2|3) finishes first/)
      assert.match(
        await dialog
          .getByRole('table', { name: /^Lossy network/ })
          .locator('caption')
          .textContent(),
        /HTTP\/3 finishes first/,
      )
      await page.screenshot({ path: screenshotPath('pageload-compare') })
      assert.deepEqual(await seriousViolations(page), [])
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('opens a request of the waterfall as its own journey', async () => {
    const { page, context, problems } = await openApp()
    try {
      const dialog = await openPageLoad(page)
      const open = dialog.getByRole('button', {
        name: 'Open the journey of theme.css (stylesheet)',
      })
      await open.focus()
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'detached' })
      const status = page.getByRole('status').filter({ hasText: /^Step 1 of \d+:/ })
      await assert.doesNotReject(status.waitFor())
      // Its own trace: the CDN's edge answered it.
      await page.keyboard.press('End')
      await assert.doesNotReject(page.getByText('200 OK').first().waitFor())
      await page.screenshot({ path: screenshotPath('pageload-journey') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })
})
