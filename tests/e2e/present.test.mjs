// End-to-end: presentation mode and the presenter window, kept on the same step both ways.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const open = async (hash) => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}${hash}`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  return { page, context, problems }
}

const stepLine = (page, step) =>
  page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^Step ${step} of \\d+:`) })
    .waitFor({ timeout: 10_000 })

const send = async (page) => {
  await page.getByRole('button', { name: 'Send request' }).click()
  await stepLine(page, 1)
}

/** The page's keys answer where no control has the focus. */
const blur = (page) =>
  page.evaluate(
    () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
  )

const isPresenting = (page) => page.evaluate(() => 'presenting' in document.documentElement.dataset)

describe('presentation mode and the presenter view', () => {
  it('P presents: projector theme, clicker keys, B blanks, Escape leaves; axe-clean', async () => {
    const { page, context, problems } = await open('#scenario=get-user')
    await send(page)
    await blur(page)
    await page.keyboard.press('p')
    await page.getByRole('button', { name: 'Exit presentation' }).waitFor()
    assert.equal(await isPresenting(page), true)
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'projector')
    // Header tools and the tabs step aside; the journey, the status line and playback stay.
    assert.equal(await page.getByRole('combobox', { name: 'Scenario' }).isVisible(), false)
    assert.equal(await page.getByRole('tablist', { name: 'Details' }).isVisible(), false)
    assert.ok(await page.getByRole('group', { name: 'Handler' }).isVisible())
    assert.ok(await page.getByRole('button', { name: 'Step forward' }).isVisible())

    // The narration is large: readable from the back row.
    const size = await page
      .getByRole('status')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    assert.ok(size >= 28, `the step line is ${size}px`)

    for (let i = 0; i < 16; i++) await page.keyboard.press('PageDown')
    await stepLine(page, 17)
    await page.keyboard.press('PageUp')
    await page.keyboard.press('ArrowRight')
    await stepLine(page, 17)

    assert.deepEqual(await seriousViolations(page), [])
    await page.screenshot({ path: screenshotPath('presentation') })
    // docs/presentation.png is a copy of this screenshot, refreshed by hand when the look changes.

    await page.keyboard.press('b')
    await page.getByTestId('blank-screen').waitFor()
    await page.keyboard.press('PageDown')
    await page.getByTestId('blank-screen').waitFor({ state: 'detached' })
    await stepLine(page, 17)

    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Present' }).waitFor()
    assert.equal(await isPresenting(page), false)
    assert.equal(await page.evaluate(() => document.fullscreenElement), null)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('the presenter window and the projected one stay on the same step, whichever steps', async () => {
    const { page, context, problems } = await open('#scenario=get-user&present=1')
    // The link is applied once its codec has loaded, which may be after the worker took control.
    await page
      .waitForFunction(() => 'presenting' in document.documentElement.dataset, null, {
        timeout: 5_000,
      })
      .catch(() => {})
    assert.equal(await isPresenting(page), true, '#present=1 opens presenting')
    await send(page)
    await blur(page)
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown')
    await stepLine(page, 5)

    const [presenter] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open presenter view' }).click(),
    ])
    presenter.on('pageerror', (error) => problems.push(`presenter: ${error.message}`))
    await presenter.setViewportSize({ width: 1100, height: 760 })
    await stepLine(presenter, 5)
    await presenter.getByText('Linked to the projected window').waitFor()
    await presenter.getByRole('region', { name: 'Next step' }).waitFor()
    assert.equal(
      await presenter.getByTestId('explanation').getAttribute('data-depth'),
      'deep',
      'the presenter reads the Deep explanation',
    )

    // Main steps: the presenter follows.
    await page.bringToFront()
    await blur(page)
    await page.keyboard.press('ArrowRight')
    await stepLine(page, 6)
    await stepLine(presenter, 6)

    // The presenter steps: the projected window's status line follows.
    await presenter.bringToFront()
    await presenter.getByRole('button', { name: 'Step forward' }).click()
    await stepLine(page, 7)
    await stepLine(presenter, 7)
    await presenter.keyboard.press('PageDown')
    await stepLine(page, 8)
    await presenter.getByRole('button', { name: 'Step back' }).click()
    await stepLine(page, 7)
    await stepLine(presenter, 7)
    assert.deepEqual(await seriousViolations(presenter), [])
    await presenter.screenshot({ path: screenshotPath('presenter-view') })

    // The projected window reloads at an address with no step (one with a step reopens that
    // trace, and the presenter follows it at once): the presenter waits for its next request,
    // then follows it.
    await page.evaluate(() => history.replaceState(null, '', '#scenario=get-user&present=1'))
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    // Generous: on a loaded CI machine the reloaded window's first message can take a while.
    await presenter
      .getByText('Waiting for the projected window to send a request.')
      .waitFor({ timeout: 30_000 })
    await send(page)
    await stepLine(presenter, 1)

    // Closing the presenter leaves the projected window as it was.
    await presenter.close()
    await blur(page)
    await page.keyboard.press('ArrowRight')
    await stepLine(page, 2)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('a presenter opened before any request says it is waiting', async () => {
    const { page, context, problems } = await open('#scenario=get-user')
    const presenter = await context.newPage()
    presenter.on('pageerror', (error) => problems.push(`presenter: ${error.message}`))
    await presenter.goto(`${env.site.url}?view=presenter`)
    await presenter.getByText('Waiting for the projected window to send a request.').waitFor()
    await send(page)
    await stepLine(presenter, 1)
    assert.deepEqual(problems, [])
    await context.close()
  })
})
