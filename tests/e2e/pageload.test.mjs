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

  it('a link reopens the view at its step and chosen request, and Share writes such a link', async () => {
    const { page, context, problems } = await openApp()
    try {
      await page.goto(`${env.site.url}#scenario=get-user&page=page-load-lossy&pstep=40&preq=r6`)
      const dialog = page.getByRole('dialog', { name: 'Page load' })
      await dialog.waitFor()
      const status = dialog.getByRole('status')
      await assert.doesNotReject(status.filter({ hasText: /^Step 40 of \d+:/ }).waitFor())
      const chosen = dialog.getByRole('region', { name: /^Chosen request: / })
      await chosen.waitFor()
      assert.match(await chosen.textContent(), /over HTTP\/2 on c\d+, stream \d+/)
      // The chosen row is marked, its choose button pressed.
      assert.equal(await dialog.locator('tr[data-chosen]').count(), 1)
      await page.screenshot({ path: screenshotPath('pageload-link-chosen') })

      // A step by keyboard moves the address's pstep (written after a short pause).
      await dialog.getByRole('button', { name: 'Step forward' }).focus()
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction(() => window.location.hash.includes('pstep=41'))
      await dialog.getByRole('button', { name: 'Share or embed' }).click()
      const share = page.getByRole('dialog', { name: 'Share or embed' })
      await share.waitFor()
      const link = await share.getByRole('textbox', { name: 'Link to this page load' }).inputValue()
      assert.match(link, /#page=page-load-lossy&pstep=41&preq=r6$/)
      await page.screenshot({ path: screenshotPath('pageload-share') })
      assert.deepEqual(await seriousViolations(page), [])

      // The link opens the same moment in a fresh tab.
      const other = await context.newPage()
      await other.goto(link)
      const again = other.getByRole('dialog', { name: 'Page load' })
      await again.waitFor()
      await assert.doesNotReject(
        again
          .getByRole('status')
          .filter({ hasText: /^Step 41 of \d+:/ })
          .waitFor(),
      )
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('a 100-request page draws only the rows in view, and all of them as it scrolls', async () => {
    const { page, context, problems } = await openApp()
    try {
      await page.goto(`${env.site.url}#page=page-load&size=100&proto=h2`)
      const dialog = page.getByRole('dialog', { name: 'Page load' })
      await dialog.waitFor()
      const table = dialog.getByRole('table')
      assert.equal(await table.getAttribute('aria-rowcount'), '101')
      const drawn = await table.locator('tbody tr[data-kind]').count()
      assert.ok(drawn < 60, `only the rows in view are drawn, got ${drawn}`)
      await dialog.getByRole('button', { name: 'Step forward' }).focus()
      await page.keyboard.press('End')
      await assert.doesNotReject(
        dialog
          .getByRole('status')
          .filter({ hasText: /^Step (\d+) of \1:/ })
          .waitFor(),
      )
      await page.screenshot({ path: screenshotPath('pageload-100-top') })
      await dialog.locator('.pl-table-wrap').evaluate((el) => (el.scrollTop = el.scrollHeight))
      const lastRow = table.locator('tr[aria-rowindex="101"]')
      await assert.doesNotReject(lastRow.waitFor())
      assert.equal(await lastRow.getAttribute('data-state'), 'done')
      await page.screenshot({ path: screenshotPath('pageload-100-bottom') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('the Library lists page loads; the widget shows one from its link', async () => {
    const { page, context, problems } = await openApp()
    try {
      await page.getByRole('button', { name: 'Library' }).click()
      const library = page.getByRole('dialog', { name: 'Library' })
      const shelf = library.getByRole('region', { name: /^Page loads/ })
      await shelf.waitFor()
      await shelf.scrollIntoViewIfNeeded()
      await page.screenshot({ path: screenshotPath('pageload-library') })
      await shelf.getByRole('link', { name: 'CDN cache MISS' }).click()
      const dialog = page.getByRole('dialog', { name: 'Page load' })
      await dialog.waitFor()
      assert.equal(
        await dialog.getByRole('combobox', { name: 'Page scenario' }).inputValue(),
        'cdn-miss',
      )

      await page.goto(`${env.site.url}embed.html#page=page-load-h3&pstep=12&preq=r0`)
      const start = page.getByRole('button', {
        name: /^Start: Page load: The same page over HTTP\/3/,
      })
      await start.waitFor()
      await start.click()
      await assert.doesNotReject(
        page
          .getByRole('status')
          .filter({ hasText: /^Step 12 of \d+:/ })
          .waitFor(),
      )
      await page.getByRole('region', { name: 'Chosen request: /' }).waitFor()
      await page.screenshot({ path: screenshotPath('pageload-embed') })
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })

  it('the presenter window follows the page load and steps it', async () => {
    const { page, context, problems } = await openApp()
    try {
      await page.goto(`${env.site.url}#scenario=get-user&page=page-load-h2&pstep=5&preq=r3`)
      const dialog = page.getByRole('dialog', { name: 'Page load' })
      await dialog.waitFor()
      const presenter = await context.newPage()
      await presenter.goto(`${env.site.url}?view=presenter`)
      const view = presenter.getByRole('region', { name: 'Page load', exact: true })
      await view.waitFor()
      await assert.doesNotReject(
        view
          .getByRole('status')
          .filter({ hasText: /^Step 5 of \d+:/ })
          .waitFor(),
      )
      await view.getByRole('region', { name: /^Chosen request: / }).waitFor()
      // The presenter's keys step the projected window.
      await presenter.keyboard.press('ArrowRight')
      await assert.doesNotReject(
        dialog
          .getByRole('status')
          .filter({ hasText: /^Step 6 of \d+:/ })
          .waitFor(),
      )
      await assert.doesNotReject(
        view
          .getByRole('status')
          .filter({ hasText: /^Step 6 of \d+:/ })
          .waitFor(),
      )
      await presenter.screenshot({ path: screenshotPath('pageload-presenter') })
      assert.deepEqual(await seriousViolations(presenter), [])
      assert.deepEqual(problems, [])
    } finally {
      await context.close()
    }
  })
})
