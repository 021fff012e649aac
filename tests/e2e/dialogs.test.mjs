// End-to-end: the modal dialogs (native <dialog> and showModal()) with the keyboard in real Chromium,
// where what jsdom cannot show is real: the page behind is inert and Tab never reaches it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seriousViolations } from './axe.mjs'
import { screenshotPath } from './browser.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const open = async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}#scenario=get-user`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  return { page, context, problems }
}

/** Where the focus is: in the open dialog, out of the page (the browser's own controls), or behind. */
const focusPlace = (page) =>
  page.evaluate(() => {
    if (!document.hasFocus()) return 'browser'
    const dialog = document.querySelector('dialog[open]')
    if (dialog?.contains(document.activeElement)) return 'dialog'
    const a = document.activeElement
    return `behind: ${a?.tagName} ${a?.textContent?.trim().slice(0, 40)}`
  })

/** Opens a dialog from its header button with the keyboard; returns the button and the dialog. */
const openWithKeyboard = async (page, opener, key = 'Enter') => {
  const button = page.getByRole('button', { name: opener, exact: true })
  await button.focus()
  await page.keyboard.press(key)
  const dialog = page.locator('dialog[open]')
  await dialog.waitFor()
  return { button, dialog }
}

const DIALOGS = [
  { opener: 'Keyboard shortcuts', name: 'Keyboard shortcuts' },
  { opener: 'Library', name: 'Library' },
  { opener: 'Share', name: 'Share or embed' },
  { opener: 'Compare', name: 'Compare two runs' },
]

describe('modal dialogs', () => {
  it('open from the keyboard, keep Tab off the page behind, close on Escape back to the opener', async () => {
    const { page, context, problems } = await open()
    for (const { opener, name } of DIALOGS) {
      const { button, dialog } = await openWithKeyboard(page, opener)
      assert.equal(await page.getByRole('dialog', { name }).count(), 1, name)
      assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, `${name} is modal`)
      assert.equal(await focusPlace(page), 'dialog', `${name}: the focus moved in`)

      // Round and round: the focus is in the dialog, or briefly in the browser's own controls
      // between two rounds (showModal() leaves those reachable), never on the page behind.
      const places = []
      for (let i = 0; i < 16; i++) {
        await page.keyboard.press(i < 10 ? 'Tab' : 'Shift+Tab')
        places.push(await focusPlace(page))
      }
      assert.deepEqual(
        places.filter((p) => p !== 'dialog' && p !== 'browser'),
        [],
        name,
      )
      assert.ok(places.includes('dialog'), name)
      const focusedBehind = await page.evaluate(() => {
        const behind = document.querySelector('.app button')
        behind?.focus()
        return document.activeElement === behind
      })
      assert.equal(focusedBehind, false, `${name}: the page behind is inert`)

      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      assert.equal(await button.evaluate((b) => document.activeElement === b), true, name)
    }
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('a click on the backdrop closes, one on the dialog does not; axe-clean while open', async () => {
    const { page, context, problems } = await open()
    const { button, dialog } = await openWithKeyboard(page, 'Share')
    const box = await dialog.boundingBox()
    assert.ok(box)
    await page.mouse.click(box.x + 8, box.y + 8)
    assert.equal(await dialog.count(), 1, 'a click on the dialog’s own padding keeps it')
    assert.deepEqual(await seriousViolations(page), [])
    await page.screenshot({ path: screenshotPath('share-dialog') })
    await page.mouse.click(4, box.y + box.height / 2)
    await dialog.waitFor({ state: 'detached' })
    assert.equal(await button.evaluate((b) => document.activeElement === b), true)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('Escape clears the library search first, and closes only the dialog while presenting', async () => {
    const { page, context, problems } = await open()
    const { dialog } = await openWithKeyboard(page, 'Library')
    await page.keyboard.type('404')
    await page.keyboard.press('Escape')
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), '')
    assert.equal(await dialog.count(), 1)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    await page.evaluate(
      () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
    )
    await page.keyboard.press('p')
    const exit = page.getByRole('button', { name: 'Exit presentation' })
    await exit.waitFor()
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })
    assert.equal(await exit.isVisible(), true, 'still presenting')
    assert.deepEqual(problems, [])
    await context.close()
  })
})
