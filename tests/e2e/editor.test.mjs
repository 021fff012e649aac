// End-to-end: the App tab in the built site, in real headless Chromium.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { after, before, describe, it } from 'node:test'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { serveStatic } from './server.mjs'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** Serious and critical WCAG A/AA violations inside the App panel only (other panels have their own checks). */
const panelViolations = async (page) => {
  await page.waitForTimeout(300)
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    // @ts-expect-error injected global
    return window.axe.run(document.querySelector('[role="tabpanel"][data-tab="app"]'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    )
}

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let site
/** @type {import('playwright-core').Browser} */ let browser

before(async () => {
  // ROUNDTRIP_DIST points at another build (e.g. one not shared with other work in progress).
  site = await serveStatic({ root: process.env.ROUNDTRIP_DIST ?? distDir, base: SUB_PATH })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await site?.close()
})

const openPage = async (hash) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${site.url}${hash}`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  return { page, context, problems }
}

const openAppTab = async (page) => {
  await page.getByRole('tab', { name: 'App' }).click()
  await page.getByRole('radiogroup', { name: 'Framework and server' }).waitFor()
  return page.getByRole('tabpanel', { name: 'App' })
}

/** The middleware names in the editor's list, outermost first. */
const editorOrder = (panel) =>
  panel
    .getByRole('list', { name: 'Middleware, outermost first' })
    .locator('.ed-mw-name')
    .allTextContents()

/** Each ring of the journey's middleware onion: its name and how MiddlewareStack marks it. */
const rings = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.mw-block')].map((block) => ({
      name: block.querySelector(':scope > .mw-name .mw-name-full')?.textContent ?? '',
      current: block.getAttribute('data-current'),
      lit: block.getAttribute('data-in') ?? block.getAttribute('data-out'),
    })),
  )

const stepNumber = async (page) => {
  const text = (await page.getByRole('status').textContent()) ?? ''
  const match = /^Step (\d+) of (\d+):/.exec(text)
  return match ? { step: Number(match[1]), total: Number(match[2]), text } : null
}

/** Waits for a fresh trace on step 1 (a send or an edit that re-ran the request). */
const waitForStepOne = (page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Step 1 of \d+:/ })
    .waitFor()

/** The final status the client shows once the playhead is at the end. */
const finalStatus = async (page) => {
  // The page's keys, not a focused select's (End there would pick its last option).
  await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur())
  await page.keyboard.press('End')
  const client = page.getByRole('group', { name: 'Client' })
  await client.getByTestId('final-status').filter({ hasText: /\d{3}/ }).waitFor()
  return (await client.getByTestId('final-status').textContent())?.trim()
}

describe('the App tab', () => {
  it('moves logging inside auth by dragging, and logging is never lit for a 401', async () => {
    const { page, context, problems } = await openPage('#scenario=unauthorized')
    const panel = await openAppTab(page)
    assert.deepEqual(await editorOrder(panel), ['Logging', 'Authentication'])

    // Drag the Logging row onto the Authentication row: it lands inside (after) it.
    const row = (name) => panel.locator('.ed-mw-row').filter({ hasText: name })
    await row('Logging').dragTo(row('Authentication'))
    assert.deepEqual(await editorOrder(panel), ['Authentication', 'Logging'])
    await panel.getByText('Logging is now 2 of 2, innermost, inside Authentication.').waitFor()
    await page.screenshot({ path: screenshotPath('editor-reordered') })

    // The edit re-ran the request; send it again by hand, as a student would, and walk it.
    await waitForStepOne(page)
    const first = (await stepNumber(page))?.total ?? 0
    await page.getByRole('button', { name: 'Send request' }).click()
    // The repeat rides the kept-alive connection, so it has fewer steps: waiting for step 1 of
    // another count waits for the new trace (step 1 of the old one is on screen until it comes).
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Step 1 of (?!${first}:)\\d+:`) })
      .waitFor()
    const { total } = (await stepNumber(page)) ?? { total: 0 }
    assert.ok(total < first, `the repeat has ${total} steps, the first ${first}`)
    assert.ok(total > 10, `expected a whole journey, got ${total} steps`)

    const middlewareGroup = page.getByRole('group', { name: 'Middleware' })
    let authWasCurrent = false
    for (let step = 1; step <= total; step++) {
      if (step > 1) {
        await page.keyboard.press('ArrowRight')
        await page
          .getByRole('status')
          .filter({ hasText: new RegExp(`^Step ${step} of ${total}:`) })
          .waitFor()
      }
      const now = await rings(page)
      assert.deepEqual(
        now.map((r) => r.name),
        ['Authentication', 'Logging'],
        'the journey shows the edited order',
      )
      const logging = now.find((r) => r.name === 'Logging')
      assert.equal(logging?.current, null, `logging is the current ring at step ${step}`)
      assert.equal(logging?.lit, null, `logging is lit at step ${step}`)
      if (now.find((r) => r.name === 'Authentication')?.current === 'true') {
        authWasCurrent = true
        assert.equal(await middlewareGroup.getAttribute('aria-current'), 'step')
      }
    }
    // The check above could have failed: authentication did run and was shown as current.
    assert.ok(authWasCurrent, 'authentication was never the current ring')
    assert.equal(await finalStatus(page), '401 UNAUTHORIZED')
    await page.screenshot({ path: screenshotPath('editor-logging-inside-auth-end') })
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('exports a scenario and imports it back: the same app, the same final status', async () => {
    const { page, context, problems } = await openPage('#scenario=cors-on-errors')
    const panel = await openAppTab(page)

    // Make it an app of our own: the report view no longer raises, and errors move outermost.
    await panel.getByRole('combobox', { name: 'Behaviour user_report' }).selectOption('json')
    await waitForStepOne(page)
    await panel.getByRole('button', { name: 'Move Error handling up' }).click()
    await panel.getByRole('button', { name: 'Move Error handling up' }).click()
    assert.deepEqual(await editorOrder(panel), ['Error handling', 'Logging', 'CORS'])
    await waitForStepOne(page)
    const statusBefore = await finalStatus(page)
    assert.equal(statusBefore, '200 OK')

    const exportOnce = async () => {
      const downloading = page.waitForEvent('download')
      await panel.getByRole('button', { name: 'Export scenario' }).click()
      const download = await downloading
      assert.match(download.suggestedFilename(), /^roundtrip-flask-app\.json$/)
      return { text: await readFile(await download.path(), 'utf8'), path: await download.path() }
    }
    const exported = await exportOnce()
    const data = JSON.parse(exported.text)
    assert.equal(data.scenario.version, 1)
    assert.deepEqual(
      data.scenario.middleware.map((m) => m.kind),
      ['errors', 'logging', 'cors'],
    )

    // Back to the published app, which ends in a 500.
    await panel.getByRole('button', { name: /^Reset to / }).click()
    assert.deepEqual(await editorOrder(panel), ['Logging', 'CORS', 'Error handling'])

    // A malformed file is refused where it was put, and the open app stays.
    const broken = JSON.stringify({ ...data, scenario: { ...data.scenario, framework: 'rails' } })
    await panel.getByLabel('Scenario file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(broken),
    })
    const area = panel.getByRole('textbox', { name: 'Import scenario' })
    await panel.getByText('scenario.framework').waitFor()
    assert.equal(await area.getAttribute('aria-invalid'), 'true')
    assert.deepEqual(await editorOrder(panel), ['Logging', 'CORS', 'Error handling'])
    await area.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('editor-import-error') })

    // The exported file imports cleanly and runs.
    await panel.getByLabel('Scenario file').setInputFiles(exported.path)
    await panel.getByText(/^Imported a flask app/).waitFor()
    assert.equal(await area.getAttribute('aria-invalid'), null)
    assert.deepEqual(await editorOrder(panel), ['Error handling', 'Logging', 'CORS'])
    await waitForStepOne(page)
    assert.equal(await finalStatus(page), statusBefore)

    // Exporting again gives the very same JSON: nothing was lost or added on the way.
    assert.equal((await exportOnce()).text, exported.text)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('keeps the edited app across a reload, and reports saved data it cannot read', async () => {
    const { page, context, problems } = await openPage('#scenario=unauthorized')
    const panel = await openAppTab(page)
    await panel.getByRole('button', { name: 'Move Logging down' }).click()
    assert.deepEqual(await editorOrder(panel), ['Authentication', 'Logging'])

    // A bare address (no link state): the saved app comes back.
    await page.goto(site.url)
    const reopened = await openAppTab(page)
    assert.deepEqual(await editorOrder(reopened), ['Authentication', 'Logging'])
    await reopened.getByText('Edited').waitFor()

    // Damaged saved data: one notice, the default scenario, and the data removed.
    await page.evaluate(() => localStorage.setItem('roundtrip.app.v1', '{"version":1,"scenario":7'))
    await page.goto(site.url)
    await page
      .getByText(/Your saved app could not be read \(.+\); the default scenario is open\.$/)
      .waitFor()
    assert.equal(await page.evaluate(() => localStorage.getItem('roundtrip.app.v1')), null)
    assert.deepEqual(problems, [])
    await context.close()
  })

  for (const colorScheme of ['light', 'dark'])
    it(`passes axe in ${colorScheme} with its errors showing, and fits 1024×768`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1024, height: 768 },
        colorScheme,
      })
      const page = await context.newPage()
      await page.goto(`${site.url}#scenario=unauthorized`)
      const panel = await openAppTab(page)
      await panel.getByRole('textbox', { name: 'Pattern get_user' }).fill('/users/{id}')
      await panel.getByText(/Flask writes parameters as/).waitFor()
      await panel.getByRole('textbox', { name: 'Import scenario' }).fill('{"scenario": 1}')
      await panel.getByRole('button', { name: 'Import', exact: true }).click()
      await panel.getByRole('alert').waitFor()
      assert.deepEqual(await panelViolations(page), [])
      const fits = await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)
      assert.ok(fits, 'the App panel scrolls sideways at 1024×768')
      await page.screenshot({ path: screenshotPath(`editor-errors-1024-${colorScheme}`) })
      await context.close()
    })
})
