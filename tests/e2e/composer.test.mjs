// End-to-end: the request composer in real Chromium, sending through fetch() and the msw worker.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { screenshotPath } from './browser.mjs'
import { fetchedUrl } from './server.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const openComposer = async (options = {}) => {
  const context = await env.browser.newContext({
    viewport: { width: 1280, height: 720 },
    ...options,
  })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}#scenario=get-user`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  await page.getByRole('tab', { name: 'Request' }).click()
  const panel = page.getByRole('tabpanel', { name: 'Request' })
  await panel.getByRole('textbox', { name: 'URL' }).waitFor()
  return { page, context, panel, problems }
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** Serious and critical WCAG A/AA violations inside the Request tab only (other panels are theirs). */
const composerViolations = async (page) => {
  await page.waitForTimeout(300)
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    // @ts-expect-error injected global
    const result = await window.axe.run(
      { include: [['[data-tab="request"]']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      },
    )
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    )
}

/** Requests the page really fetched (the msw worker answers them), by URL. */
const fetched = (page, url) =>
  page.evaluate(
    (u) => performance.getEntriesByType('resource').filter((e) => e.name === u).length,
    fetchedUrl(url, env.site.url),
  )

describe('request composer', () => {
  it('refuses invalid input, then sends the fixed request through fetch and the worker', async () => {
    const { page, context, panel, problems } = await openComposer()
    const url = 'https://api.example.com/users/7?fields=name'
    await panel.getByRole('textbox', { name: 'URL' }).fill(url.replace('https://', ''))
    await panel.getByRole('button', { name: 'Add header' }).click()
    await panel.getByRole('textbox', { name: 'Header 1 name' }).fill('X-Trace')
    await panel.getByRole('textbox', { name: 'Header 1 value' }).fill('on')
    await panel.getByRole('button', { name: 'Send request' }).click()

    const urlField = panel.getByRole('textbox', { name: 'URL' })
    assert.equal(await urlField.getAttribute('aria-invalid'), 'true')
    assert.ok(await urlField.evaluate((el) => el === document.activeElement))
    assert.equal(await fetched(page, url), 0)
    assert.doesNotMatch((await page.getByRole('status').textContent()) ?? '', /^Step 1 of/)
    // The Request tab at 1280×720 fits its pane: no sideways scroll inside it.
    const fits = await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)
    assert.ok(fits, 'the composer scrolls sideways')
    await page.screenshot({ path: screenshotPath('composer-refused') })

    await urlField.fill(url)
    assert.equal(await urlField.getAttribute('aria-invalid'), null)
    assert.equal(
      await panel.getByRole('textbox', { name: 'Parameter 1 value' }).inputValue(),
      'name',
    )
    await panel.getByRole('button', { name: 'Send request' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 1 of \d+:/ })
      .waitFor()
    assert.equal(await fetched(page, url), 1)
    await page.locator('body').click({ position: { x: 5, y: 700 } })
    await page.keyboard.press('End')
    await page.getByTestId('final-status').filter({ hasText: '200 OK' }).waitFor()
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('has no serious axe violations with errors shown, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context, panel } = await openComposer({ colorScheme })
      await panel.getByRole('combobox', { name: 'Method' }).selectOption('POST')
      await panel.getByRole('radio', { name: 'JSON' }).check()
      await panel.getByRole('textbox', { name: 'Body' }).fill('{"name": "Ada",}')
      await panel.getByRole('button', { name: 'Add cookie' }).click()
      await panel.getByRole('button', { name: 'Send request' }).click()
      const violations = await composerViolations(page)
      assert.deepEqual(violations, [], `${colorScheme}: ${JSON.stringify(violations, null, 1)}`)
      await context.close()
    }
  })

  it('fits the detail pane at 1024×768 without sideways overflow', async () => {
    const { page, context, panel } = await openComposer({ viewport: { width: 1024, height: 768 } })
    await panel.getByRole('button', { name: 'Add header' }).click()
    await panel.getByRole('button', { name: 'Add cookie' }).click()
    await panel.getByRole('button', { name: 'Paste curl' }).click()
    const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth)
    assert.ok(overflow <= 0, `the composer overflows by ${overflow}px`)
    await page.screenshot({ path: screenshotPath('composer-1024') })
    await context.close()
  })
})
