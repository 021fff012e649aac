// End-to-end: the page-load lesson in real Chromium, by keyboard alone: questions at moments of
// a page load, the page's fetch() shown loading, then succeeding, then failing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

/** The page load plays a step every 300 ms: give a played stretch time on a busy machine. */
const PLAYED = { timeout: 90_000 }

const focusedName = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return `${el?.tagName ?? ''} ${el?.getAttribute('type') ?? ''} ${el?.textContent ?? ''}`.trim()
  })

/** Tab until the focused element's text matches (a bounded number of presses). */
const tabTo = async (page, pattern) => {
  for (let i = 0; i < 15; i++) {
    if (pattern.test(await focusedName(page))) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${pattern}; focus is on ${await focusedName(page)}`)
}

describe('the page-load lesson', () => {
  it(
    'runs from the link to its score by keyboard, the fetch() loading, then failing',
    { timeout: 300_000 },
    async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
      const page = await context.newPage()
      const problems = []
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(`${env.site.url}#lesson=how-a-page-loads`)

      // The lesson opens its page load by itself, and asks before anything has arrived.
      const dialog = page.getByRole('dialog', { name: 'Lesson: How a page loads' })
      await dialog.waitFor({ timeout: 30_000 })
      const status = dialog.getByRole('status')
      const stepOf = async () =>
        Number(/^Step (\d+) of/.exec((await status.textContent()) ?? '')?.[1])
      const preview = dialog.locator('.pl-preview-caption')
      const q1 = dialog.getByRole('heading', { name: /what will the screen show/ })
      await q1.waitFor()
      assert.match(await focusedName(page), /^H3 +You open the shop/)
      assert.match((await status.textContent()) ?? '', /^Step 1 of \d+: \/ discovered/)
      assert.match((await preview.textContent()) ?? '', /Blank/)

      // → at a waiting question does not move on, and says why.
      await page.keyboard.press('ArrowRight')
      assert.equal(await stepOf(), 1)
      await dialog.getByText(/^Answer first/).waitFor()
      // Only the HTML's row shows: nothing else has been discovered yet.
      assert.equal(await dialog.getByRole('button', { name: /^Open the journey of/ }).count(), 1)
      assert.deepEqual(await seriousViolations(page), [], 'question open')
      await page.screenshot({ path: screenshotPath('page-lesson-question') })

      // Tab into the choices, Space picks the first, Enter commits it.
      await page.keyboard.press('Tab')
      assert.match(await focusedName(page), /^INPUT radio/)
      await page.keyboard.press('Space')
      await page.keyboard.press('Enter')
      await dialog.getByText('Right.').waitFor()
      await dialog
        .getByText(/render-blocking/)
        .first()
        .waitFor()
      assert.match(await focusedName(page), /^BUTTON\b.*Continue/)
      assert.deepEqual(await seriousViolations(page), [], 'reveal')
      await page.screenshot({ path: screenshotPath('page-lesson-reveal') })

      // Continue plays on to the moment the HTML's first bytes are in.
      await page.keyboard.press('Enter')
      await dialog
        .getByRole('heading', {
          name: 'The first bytes of the HTML have arrived. Which requests start now?',
        })
        .waitFor(PLAYED)
      assert.match((await status.textContent()) ?? '', /\/: first byte arrives/)
      assert.match((await preview.textContent()) ?? '', /not painted yet/)
      await tabTo(page, /^INPUT radio/)
      await page.keyboard.press('ArrowDown')
      assert.equal(
        await dialog.getByRole('radio', { name: /stylesheets, scripts and images/ }).isChecked(),
        true,
      )
      await page.keyboard.press('Enter')
      await dialog.getByText('Right.').waitFor()
      await dialog
        .getByText(/preload scanner/)
        .first()
        .waitFor()

      // Space goes on, as Continue does; the next stop asks how many connections.
      await page.keyboard.press('Space')
      await dialog
        .getByRole('heading', { name: /How many connections will the browser open/ })
        .waitFor(PLAYED)
      // No connection is named yet for a request still waiting for one.
      const waiting = await dialog
        .locator('tr[data-state="waiting"] td:nth-child(4)')
        .allTextContents()
      assert.ok(
        waiting.every((text) => text.trim() === '…'),
        waiting.join(','),
      )
      await tabTo(page, /^INPUT radio/)
      await page.keyboard.press('ArrowDown') // "2": wrong on purpose
      await page.keyboard.press('Enter')
      await dialog.getByText('Not quite.').waitFor()
      await dialog.getByText(/the answer is “6”/).waitFor()
      await page.keyboard.press('Enter')

      // The page is painted; the script is about to fetch() the product list.
      await dialog.getByRole('heading', { name: /While that answer is on its way/ }).waitFor(PLAYED)
      assert.match((await preview.textContent()) ?? '', /Painted/)
      assert.equal(await dialog.locator('.pl-data').textContent(), '')
      await tabTo(page, /^INPUT radio/)
      await page.keyboard.press('Space')
      await page.keyboard.press('Enter')
      await dialog.getByText('Right.').waitFor()
      await page.keyboard.press('Enter')
      // While it is in flight the list says so: pause, and step back to the moment it left.
      await dialog.locator('.pl-data[data-state="loading"]').waitFor(PLAYED)
      await page.keyboard.press('Space')
      for (
        let i = 0;
        i < 40 && !/products discovered/.test((await status.textContent()) ?? '');
        i++
      )
        await page.keyboard.press('ArrowLeft')
      assert.match(
        (await status.textContent()) ?? '',
        /products discovered \(app\.js asks for it\)/,
      )
      await dialog.locator('.pl-data[data-state="loading"]').waitFor()
      assert.equal(await dialog.locator('.pl-data').textContent(), 'Loading products…')
      await dialog.locator('[data-moment="fetch-starts"]').waitFor()
      assert.deepEqual(await seriousViolations(page), [], 'loading')
      await page.screenshot({ path: screenshotPath('page-lesson-loading') })
      // Space plays on: the data fills the list in.
      await page.keyboard.press('Space')
      await dialog.locator('.pl-data[data-state="success"]').waitFor(PLAYED)
      await dialog
        .locator('[data-moment="data"]')
        .getByText(/fetch\(\) succeeded/)
        .waitFor(PLAYED)

      // The end of the first page load offers the second: the API fails.
      const partTwo = dialog.getByRole('button', {
        name: /^Part 2: The same page when the API fails/,
      })
      await partTwo.waitFor(PLAYED)
      assert.match(await focusedName(page), /^BUTTON\b.*Part 2/)
      await page.keyboard.press('Enter')
      await dialog.getByRole('heading', { name: /Now the API fails/ }).waitFor(PLAYED)
      await dialog.locator('.pl-data[data-state="loading"]').waitFor()
      await page.screenshot({ path: screenshotPath('page-lesson-failing') })
      await tabTo(page, /^INPUT radio/)
      await page.keyboard.press('Space')
      await page.keyboard.press('Enter')
      await dialog.getByText('Right.').waitFor()
      await page.keyboard.press('Enter')
      await dialog.locator('.pl-data[data-state="error"]').waitFor(PLAYED)
      await dialog
        .locator('[data-moment="data"]')
        .getByText(/fetch\(\) failed/)
        .waitFor(PLAYED)

      const score = dialog.getByText(/^Lesson complete: 4 of 5 right/)
      await score.waitFor(PLAYED)
      assert.match(await focusedName(page), /Lesson complete: 4 of 5 right/)
      const [, n, m] = /^Step (\d+) of (\d+)/.exec((await status.textContent()) ?? '') ?? []
      assert.equal(n, m, 'the page load ends on its last step')
      const saved = await page.evaluate(() => localStorage.getItem('roundtrip:lesson-scores'))
      assert.deepEqual(JSON.parse(saved ?? 'null'), {
        version: 1,
        scores: { 'how-a-page-loads': { right: 4, total: 5 } },
      })
      assert.deepEqual(await seriousViolations(page), [], 'score')
      await page.screenshot({ path: screenshotPath('page-lesson-score') })

      // Escape closes the page load; the lesson card beside the journey keeps the score.
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      const card = page.getByRole('region', { name: 'How a page loads' })
      // The focus comes back beside the journey, in the lesson's card.
      assert.match(await focusedName(page), /^H2 +How a page loads/)
      await card.getByText('Lesson complete: 4 of 5 right.').waitFor()
      await card.getByRole('button', { name: /^Next lesson:/ }).waitFor()
      assert.deepEqual(problems, [])
      await context.close()
    },
  )

  it(
    'is listed in the Library with the other lessons, and opens from there',
    { timeout: 120_000 },
    async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
      const page = await context.newPage()
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByRole('button', { name: 'Library' }).click()
      const link = page.getByRole('link', { name: /How a page loads/ })
      await link.waitFor({ timeout: 30_000 })
      await link.click()
      await page
        .getByRole('dialog', { name: 'Lesson: How a page loads' })
        .waitFor({ timeout: 30_000 })
      assert.match(page.url(), /lesson=how-a-page-loads/)
      await context.close()
    },
  )
})
