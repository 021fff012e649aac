// End-to-end: a predict-then-reveal lesson in real Chromium, driven by the keyboard alone.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const open = async (hash, options = {}) => {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 720 },
    ...options,
  })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}${hash}`)
  return { page, context, problems }
}

/** Playback runs at a readable pace: give a played stretch time on a busy machine. */
const PLAYED = { timeout: 90_000 }

const stepNumber = async (page) =>
  Number(/^Step (\d+) of/.exec((await page.getByRole('status').textContent()) ?? '')?.[1])

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

describe('lessons', () => {
  it('runs a lesson to its score by keyboard alone', { timeout: 240_000 }, async () => {
    const { page, context, problems } = await open('#lesson=logging-order')
    const card = page.getByRole('region', { name: 'Logging inside auth' })
    await card.waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 1 of \d+:/ })
      .waitFor({ timeout: 30_000 })
    // The lesson announces itself: focus is on its title.
    assert.match(await focusedName(page), /^H2 +Logging inside auth/)
    // Readable pacing waits until a step's explanation can be read (15 s and more for 50
    // words): this test plays in real time, stretched, with the page's keys.
    await page.getByRole('combobox', { name: 'Pacing' }).selectOption('proportional')
    await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement)?.blur())

    // Space plays; playback stops by itself before the first answer and asks.
    await page.keyboard.press('Space')
    const first = card.getByRole('heading', { name: /Will the logging middleware record/ })
    await first.waitFor(PLAYED)
    const stoppedAt = await stepNumber(page)
    assert.equal(
      await page.getByRole('button', { name: 'Play', exact: true }).count(),
      1,
      'playback paused',
    )
    assert.match(await focusedName(page), /^H3 +Will the logging middleware/)
    // → cannot go past the question; the middleware band is not current yet.
    await page.keyboard.press('ArrowRight')
    assert.equal(await stepNumber(page), stoppedAt)
    assert.equal(
      await page
        .getByRole('group', { name: 'Middleware', exact: true })
        .getAttribute('aria-current'),
      null,
    )
    assert.deepEqual(await seriousViolations(page), [], 'question open')
    await page.screenshot({ path: screenshotPath('lesson-question') })

    // Tab into the choices, an arrow picks "No", Enter commits it.
    await page.keyboard.press('Tab')
    assert.match(await focusedName(page), /^INPUT radio/)
    await page.keyboard.press('ArrowDown')
    assert.equal(await card.getByRole('radio', { name: 'No' }).isChecked(), true)
    await page.keyboard.press('Enter')
    await card.getByText('Right.').waitFor()
    await card.getByText(/never hears of it/).waitFor()
    assert.match(await focusedName(page), /^BUTTON\b.*Continue/)
    assert.deepEqual(await seriousViolations(page), [], 'reveal')
    await page.screenshot({ path: screenshotPath('lesson-reveal') })

    // Continue plays on to the next question.
    await page.keyboard.press('Enter')
    await card.getByRole('heading', { name: 'Which status will come back?' }).waitFor(PLAYED)
    assert.ok((await stepNumber(page)) >= stoppedAt)
    await tabTo(page, /^INPUT radio/)
    // Choices: 200, 401, 403, 404. A wrong one this time: 403.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    assert.equal(await card.getByRole('radio', { name: '403' }).isChecked(), true)
    await page.keyboard.press('Enter')
    await card.getByText('Not quite.').waitFor()
    await card.getByText(/the answer is “401”/).waitFor()
    await page.keyboard.press('Enter')

    // Playback runs to the last step; the score waits there.
    const score = card.getByText('Lesson complete: 1 of 2 right.')
    await score.waitFor(PLAYED)
    const status = (await page.getByRole('status').textContent()) ?? ''
    const [, n, m] = /^Step (\d+) of (\d+)/.exec(status) ?? []
    assert.equal(n, m, `the journey ends on its last step: ${status}`)
    await page
      .getByRole('group', { name: 'Client' })
      .getByText('401 UNAUTHORIZED')
      .first()
      .waitFor()
    assert.match(await focusedName(page), /Lesson complete: 1 of 2 right/)
    const saved = await page.evaluate(() => localStorage.getItem('roundtrip:lesson-scores'))
    assert.deepEqual(JSON.parse(saved ?? 'null'), {
      version: 1,
      scores: { 'logging-order': { right: 1, total: 2 } },
    })
    assert.deepEqual(await seriousViolations(page), [], 'score')
    await page.screenshot({ path: screenshotPath('lesson-score') })

    // "Next lesson" is one Tab away and opens by Enter.
    await tabTo(page, /^BUTTON\b.*Next lesson:/)
    await page.keyboard.press('Enter')
    await page.getByRole('region', { name: 'CORS inside error handling' }).waitFor()
    assert.match(page.url(), /lesson=cors-order/)
    assert.deepEqual(problems, [])
    await context.close()
  })

  for (const colorScheme of ['light', 'dark']) {
    it(`opens the library from the header, searches and shows scores (${colorScheme})`, async () => {
      const { page, context, problems } = await open('#scenario=get-user', { colorScheme })
      await page.getByRole('button', { name: 'Library' }).focus()
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Library' })
      await dialog.waitFor()
      assert.deepEqual(await seriousViolations(page), [], 'library open')
      await page.screenshot({ path: screenshotPath(`library-${colorScheme}`) })
      await page.keyboard.type('cors')
      await dialog.getByText(/^\d+ scenarios? and \d+ lessons? match\.$/).waitFor()
      await tabTo(page, /Order matters: CORS outside error handling/)
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'detached' })
      assert.match(page.url(), /scenario=cors-on-errors/)
      assert.match(await focusedName(page), /Library/)
      assert.deepEqual(problems, [])
      await context.close()
    })
  }
  // Issue 12, item 6: a question used to squeeze Explain to a sliver (its text had about 25 px at
  // 1024x768) and cut the choices off inside the card.
  for (const [width, height] of [
    [1280, 720],
    [1024, 768],
  ]) {
    it(
      `keeps the question whole and Explain readable at ${width}x${height}`,
      { timeout: 120_000 },
      async () => {
        const { page, context, problems } = await open('#lesson=view-vs-database', {
          viewport: { width, height },
        })
        await page
          .getByRole('status')
          .filter({ hasText: /^Step 1 of \d+:/ })
          .waitFor({ timeout: 30_000 })
        await page.evaluate(() => /** @type {HTMLElement} */ (document.activeElement)?.blur())
        // End goes as far as the lesson lets it: to the first question.
        await page.keyboard.press('End')
        const question = page.locator('.lesson-question')
        await question.waitFor(PLAYED)
        const measure = () =>
          page.evaluate(() => {
            const card = /** @type {HTMLElement} */ (document.querySelector('.lesson-card'))
            const panel = /** @type {HTMLElement} */ (
              document.querySelector('[role="tabpanel"]:not([hidden])')
            )
            const box = (el) => el.getBoundingClientRect()
            const check = /** @type {HTMLElement} */ (
              [...card.querySelectorAll('button')].find((b) => b.textContent === 'Check answer')
            )
            return {
              cardClipped: card.scrollHeight > card.clientHeight + 1,
              checkVisible: box(check).bottom <= window.innerHeight,
              panelHeight: box(panel).height,
              panelName: document.querySelector('[role="tab"][aria-selected="true"]')?.textContent,
              pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
            }
          })
        const atQuestion = await measure()
        assert.equal(atQuestion.panelName, 'Explain')
        assert.equal(atQuestion.cardClipped, false, 'the whole question shows, no scroll inside it')
        assert.equal(atQuestion.checkVisible, true, 'Check answer is in view with the question')
        assert.ok(atQuestion.panelHeight >= 280, `Explain is ${atQuestion.panelHeight} px tall`)
        assert.equal(atQuestion.pageOverflow, 0)
        await page.screenshot({ path: screenshotPath(`lesson-question-${width}`) })
        // Explain is below the question in the same scrolling pane, with room for its text.
        await page.getByRole('tab', { name: 'Explain' }).hover()
        await page.mouse.wheel(0, 1000)
        await page.waitForTimeout(300)
        const text = await page.evaluate(() => {
          const panel = /** @type {HTMLElement} */ (
            document.querySelector('[role="tabpanel"]:not([hidden])')
          )
          const box = panel.getBoundingClientRect()
          return Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0)
        })
        assert.ok(text >= 280, `Explain shows ${text} px once scrolled to`)
        await page.screenshot({ path: screenshotPath(`lesson-question-${width}-explain`) })
        assert.deepEqual(problems, [])
        await context.close()
      },
    )
  }
})
