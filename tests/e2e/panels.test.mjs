// End-to-end: the journey's panels, accessibility and layout in real Chromium.
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
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  return { page, context, problems }
}

const send = async (page) => {
  await page.getByRole('button', { name: 'Send request' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: /^Step 1 of \d+:/ })
    .waitFor()
  const text = await page.getByRole('status').textContent()
  return Number(/of (\d+)/.exec(text ?? '')?.[1])
}

/** Arrow keys inside a tab list move between tabs (ARIA), so step from outside it. */
const blur = (page) =>
  page.evaluate(
    () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
  )

/** Waits until the selected tab's panel has rendered real content (panels load on demand). */
const panelText = async (page) => {
  await page.waitForFunction(() => {
    const tab = document.querySelector('[role="tab"][aria-selected="true"]')
    const panel = document.getElementById(tab?.getAttribute('aria-controls') ?? '')
    const text = panel?.textContent ?? ''
    return !panel?.hidden && text.trim().length > 20 && !panel?.querySelector('.panel-loading')
  })
  return page.getByRole('tabpanel').innerText()
}

const openTab = async (page, name) => {
  await page.getByRole('tab', { name }).click()
  await page.getByRole('tab', { name, selected: true }).waitFor()
  return panelText(page)
}

const stepTo = async (page, step) => {
  await blur(page)
  await page.keyboard.press('Home')
  for (let i = 1; i < step; i++) await page.keyboard.press('ArrowRight')
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^Step ${step} of`) })
    .waitFor()
}

describe('panels and accessibility', () => {
  it('a 401 never makes the router or the handler current, and turns back in middleware', async () => {
    const { page, context, problems } = await open('#scenario=unauthorized')
    const total = await send(page)
    const router = page.getByRole('group', { name: 'Router' })
    const handler = page.getByRole('group', { name: 'Handler' })
    const current = []
    for (let step = 1; step <= total; step++) {
      if (step > 1) await page.keyboard.press('ArrowRight')
      await page
        .getByRole('status')
        .filter({ hasText: new RegExp(`^Step ${step} of`) })
        .waitFor()
      assert.equal(
        await router.getAttribute('aria-current'),
        null,
        `router current at step ${step}`,
      )
      assert.equal(
        await handler.getAttribute('aria-current'),
        null,
        `handler current at step ${step}`,
      )
      current.push(await page.locator('[aria-current="step"]').getAttribute('aria-label'))
    }
    assert.ok(current.includes('Middleware'), 'the middleware band should become current')
    await page
      .getByRole('group', { name: 'Client' })
      .getByText('401 UNAUTHORIZED')
      .first()
      .waitFor()
    await page.screenshot({ path: screenshotPath('unauthorized-end') })
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('stepping back restores the inspector exactly as it was', async () => {
    const { page, context } = await open('#scenario=get-user')
    await send(page)
    await openTab(page, 'Inspector')
    const panel = page.getByRole('tabpanel')
    await stepTo(page, 17)
    await panel
      .getByText(/x-forwarded-for/i)
      .first()
      .waitFor()
    const before = await panel.innerText()
    await page.keyboard.press('ArrowRight')
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 18 of/ })
      .waitFor()
    assert.notEqual(await panel.innerText(), before, 'the inspector should change with the step')
    await page.keyboard.press('ArrowLeft')
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 17 of/ })
      .waitFor()
    assert.equal(await panel.innerText(), before)
    await page.screenshot({ path: screenshotPath('inspector-proxy') })
    await context.close()
  })

  it('runs from the first to the last step by keyboard alone, every panel rendering', async () => {
    const { page, context, problems } = await open('#scenario=compression')
    await page.keyboard.press('Tab')
    // Reach "Send request" by keyboard, then step with the arrow keys only.
    for (let i = 0; i < 30; i++) {
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '')
      if (/Send request/.test(focused)) break
      await page.keyboard.press('Tab')
    }
    await page.keyboard.press('Enter')
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 1 of/ })
      .waitFor()
    const total = Number(/of (\d+)/.exec((await page.getByRole('status').textContent()) ?? '')?.[1])
    for (let step = 2; step <= total; step++) await page.keyboard.press('ArrowRight')
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Step ${total} of ${total}`) })
      .waitFor()
    for (const name of ['Explain', 'Inspector', 'Timeline', 'Network']) {
      const text = await openTab(page, name)
      assert.ok(text.trim().length > 20, `${name} is empty: ${JSON.stringify(text)}`)
      await page.screenshot({ path: screenshotPath(`compression-end-${name.toLowerCase()}`) })
    }
    assert.deepEqual(problems, [])
    await context.close()
  })

  for (const colorScheme of ['light', 'dark']) {
    it(`has no serious or critical axe violations (${colorScheme}: initial, mid-trace, reduced motion)`, async () => {
      const { page, context } = await open('#scenario=get-user', { colorScheme })
      assert.deepEqual(await seriousViolations(page), [], 'initial')
      await send(page)
      await stepTo(page, 15)
      assert.deepEqual(await seriousViolations(page), [], 'mid-trace')
      for (const name of ['Inspector', 'Timeline', 'Network']) {
        await openTab(page, name)
        assert.deepEqual(await seriousViolations(page), [], `${name} panel`)
      }
      // The switch lives in the header's Display menu.
      await page.getByRole('button', { name: 'Display', exact: true }).click()
      const motion = page.getByRole('switch', { name: 'Reduce motion' })
      if ((await motion.getAttribute('aria-checked')) !== 'true') await motion.click()
      assert.equal(await motion.getAttribute('aria-checked'), 'true')
      assert.deepEqual(await seriousViolations(page), [], 'reduced motion')
      await page.screenshot({ path: screenshotPath(`axe-${colorScheme}-reduced`) })
      await context.close()
    })
  }

  it('fits a 1024×768 laptop screen', async () => {
    const { page, context } = await open('#scenario=get-user', {
      viewport: { width: 1024, height: 768 },
    })
    await send(page)
    await stepTo(page, 20)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`)
    await page.screenshot({ path: screenshotPath('get-user-1024') })
    await context.close()
  })
})
