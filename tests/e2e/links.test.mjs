// End-to-end: a shared link reopens the same moment in a fresh browser; a broken one never throws.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

/** A fresh browser profile each time, as a student opening a link the instructor sent. */
const open = async (url) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(url)
  return { page, context, problems }
}

const statusText = (page) => page.getByRole('status').first().textContent()

const waitForStep = (page, step) =>
  page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^Step ${step} of \\d+:`) })
    .waitFor({ timeout: 30_000 })

const stepTo = async (page, step) => {
  await page.evaluate(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement.blur() : null,
  )
  for (let i = 1; i < step; i++) await page.keyboard.press('ArrowRight')
  await waitForStep(page, step)
}

describe('deep links', () => {
  it('the Share dialog’s link reopens the same step, depth and theme', async () => {
    const first = await open(`${env.site.url}#scenario=not-found`)
    await first.page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await first.page.getByRole('button', { name: 'Send request' }).click()
    await waitForStep(first.page, 1)
    await stepTo(first.page, 9)
    await first.page.getByRole('radio', { name: 'Deep' }).check()
    await first.page.getByRole('button', { name: 'Display', exact: true }).click()
    await first.page.getByRole('radio', { name: 'Dark' }).check()
    await first.page.keyboard.press('Escape')
    const shown = await statusText(first.page)
    await first.page
      .getByRole('tabpanel')
      .getByText(/^Deep: protocol and framework detail/)
      .waitFor({ timeout: 15_000 })
    const explained = await first.page.getByRole('tabpanel').innerText()

    await first.page.getByRole('button', { name: 'Share' }).click()
    const link = await first.page.getByLabel('Link to this moment').inputValue()
    assert.match(link, /scenario=not-found/)
    assert.match(link, /step=9/)
    await first.context.close()

    const second = await open(link)
    // The link sends its own request and stops on its step.
    await waitForStep(second.page, 9)
    assert.equal(await statusText(second.page), shown)
    assert.equal(await second.page.getByRole('radio', { name: 'Deep' }).isChecked(), true)
    assert.equal(await second.page.evaluate(() => document.documentElement.dataset.theme), 'dark')
    // The Explain panel's chunk loads after first paint: wait for its words, then compare them.
    await second.page
      .getByRole('tabpanel')
      .getByText(/^Deep: protocol and framework detail/)
      .waitFor({ timeout: 15_000 })
    assert.equal(await second.page.getByRole('tabpanel').innerText(), explained)
    assert.deepEqual(second.problems, [])
    await second.context.close()
  })

  it('an edited request travels in the link and comes back as sent', async () => {
    const first = await open(`${env.site.url}#scenario=get-user`)
    await first.page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await first.page.getByRole('tab', { name: 'Request' }).click()
    const url = first.page.getByRole('textbox', { name: 'URL', exact: true })
    await url.fill('https://api.example.com/users/7')
    await first.page.getByRole('tabpanel').getByRole('button', { name: 'Send request' }).click()
    await waitForStep(first.page, 1)
    await stepTo(first.page, 4)
    // The address bar follows the page (debounced).
    await first.page.waitForFunction(() => /step=4/.test(location.hash))
    const link = await first.page.evaluate(() => location.href)
    assert.match(link, /req=/)
    await first.context.close()

    const second = await open(link)
    await waitForStep(second.page, 4)
    const line = await second.page.getByRole('button', { name: /^Edit request:/ }).textContent()
    assert.match(line ?? '', /users\/7/)
    assert.deepEqual(second.problems, [])
    await second.context.close()
  })

  for (const [what, hash] of [
    [
      'a truncated app',
      '#app=1.q1YqSy0qzszPUypOLSrLTE4tVrJSMDQw0FFKT81LLUosyS9SslIqzSvJTM4sSi0uS8xJVbKqBgA&step=3',
    ],
    ['garbage', '#scenario=%E0%A4%A&step=-1&depth=loud&theme=<script>'],
    ['an unknown scenario', '#scenario=no-such-thing&step=999999'],
  ])
    it(`${what} opens the default scenario with a one-line notice`, async () => {
      const { page, context, problems } = await open(`${env.site.url}${hash}`)
      const notice = page.locator('.notice').first()
      await notice.waitFor({ timeout: 30_000 })
      assert.match((await notice.innerText()).trim(), /\S/)
      assert.equal(await page.getByRole('combobox', { name: 'Scenario' }).inputValue(), 'get-user')
      assert.deepEqual(problems, [])
      await context.close()
    })
})
