// End-to-end: what broke in front of a class (issue 12, items 1–3). Space plays instead of
// re-sending; a link from a repeat request reopens that repeat; one Send rule for the page.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { distDir, screenshotPath } from './browser.mjs'
import { serveStatic } from './server.mjs'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

const open = async (hash, viewport = { width: 1280, height: 720 }) => {
  const context = await env.browser.newContext({ viewport })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${env.site.url}${hash}`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
  return { page, context, problems }
}

const statusText = async (page) => (await page.getByRole('status').first().textContent()) ?? ''

/** Waits for "Step N of M" and returns M. */
const waitForStep = async (page, step, of = '\\d+') => {
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^Step ${step} of ${of}:`) })
    .waitFor({ timeout: 30_000 })
  return Number(/of (\d+)/.exec(await statusText(page))?.[1])
}

/** The client band's Send (the composer has its own, inside the Request tab). */
const bandSend = (page) =>
  page.getByRole('group', { name: 'Client' }).getByRole('button', { name: 'Send request' })

describe('Space plays; a re-send never happens by accident', () => {
  it('Space after clicking Send plays the trace instead of sending again', async () => {
    const { page, context, problems } = await open('#scenario=get-user')
    await bandSend(page).click()
    const cold = await waitForStep(page, 1)
    // Focus is still on (or just after) the Send button: Space must do what the help says.
    await page.keyboard.press('Space')
    const playback = page.getByTestId('playback')
    await playback.getByRole('button', { name: 'Pause' }).waitFor({ timeout: 5_000 })
    await waitForStep(page, 3, String(cold))
    await page.keyboard.press('Space')
    await playback.getByRole('button', { name: 'Play' }).waitFor({ timeout: 5_000 })
    const after = await statusText(page)
    assert.match(after, new RegExp(`^Step \\d+ of ${cold}:`), `re-sent: ${after}`)
    assert.doesNotMatch(after, /^Step 1 of/, 'Space did not play')
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('a repeat that differs from the first trace says so, on screen and to screen readers', async () => {
    const { page, context } = await open('#scenario=get-user')
    await bandSend(page).click()
    const cold = await waitForStep(page, 1)
    await bandSend(page).click()
    const warm = await waitForStep(page, 1, '(?!' + cold + ':)\\d+')
    assert.ok(warm < cold, `repeat ${warm} steps, first ${cold}`)
    const note = page.locator('[data-testid="repeat-note"]')
    await note.waitFor({ timeout: 5_000 })
    const text = await note.innerText()
    assert.match(text, /kept-alive/i)
    assert.match(text, new RegExp(`${warm} steps`))
    assert.match(text, new RegExp(`${cold}`))
    // Read out: the note sits in a polite live region.
    assert.equal(await note.getAttribute('aria-live'), 'polite')
    await page.screenshot({ path: screenshotPath('classroom-repeat-note') })
    await context.close()
  })
})

describe('a link reopens the exact trace on screen', () => {
  it('a link from a repeat request opens the repeat at the same step', async () => {
    const first = await open('#scenario=get-user')
    await bandSend(first.page).click()
    const cold = await waitForStep(first.page, 1)
    await bandSend(first.page).click()
    const warm = await waitForStep(first.page, 1, '(?!' + cold + ':)\\d+')
    await first.page.evaluate(() =>
      document.activeElement instanceof HTMLElement ? document.activeElement.blur() : null,
    )
    for (let i = 1; i < 14; i++) await first.page.keyboard.press('ArrowRight')
    await waitForStep(first.page, 14, String(warm))
    const shown = await statusText(first.page)
    await first.page.getByRole('button', { name: 'Share' }).click()
    const link = await first.page.getByLabel('Link to this moment').inputValue()
    assert.match(link, /step=14/)
    await first.context.close()

    const second = await open(link.replace(/^.*#/, '#'))
    await waitForStep(second.page, 14, String(warm))
    assert.equal(await statusText(second.page), shown)
    assert.deepEqual(second.problems, [])
    await second.context.close()
  })
})

describe('one Send rule for the page', () => {
  it('the client band’s Send refuses an invalid draft and points at it', async () => {
    const { page, context } = await open('#scenario=create-user')
    await page.getByRole('tab', { name: 'Request' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Request' })
    const body = panel.getByRole('textbox', { name: 'Body' })
    await body.fill('{"name": "Ada",')
    await page.getByRole('tab', { name: 'Explain' }).click()
    await bandSend(page).click()
    // Refused: the Request tab is back, the bad field has focus, and nothing was sent.
    await panel.getByText(/^Not sent/).waitFor({ timeout: 5_000 })
    assert.equal(
      await page.getByRole('tab', { name: 'Request' }).getAttribute('aria-selected'),
      'true',
    )
    assert.ok(
      await body.evaluate((el) => el === document.activeElement),
      'focus is not on the body',
    )
    await page.waitForTimeout(500)
    assert.doesNotMatch(await statusText(page), /^Step/)
    await page.screenshot({ path: screenshotPath('classroom-band-send-refused') })

    // Fixed, it sends.
    await body.fill('{"name": "Ada", "email": "ada@example.com"}')
    await bandSend(page).click()
    await waitForStep(page, 1)
    await context.close()
  })
})

describe('playback controls say what they do', () => {
  it('the layer jumps read “Layer” with « / », and disabled buttons look disabled with AA text', async () => {
    const { page, context } = await open('#scenario=get-user')
    const playback = page.getByTestId('playback')
    const next = playback.getByRole('button', { name: 'Next layer' })
    assert.equal(await next.innerText(), 'Layer')
    assert.match((await next.getAttribute('data-tip')) ?? '', /next layer/)
    // Before a trace: disabled, and visibly so (dashed, unfilled), text still readable.
    const look = (name) =>
      playback.getByRole('button', { name }).evaluate((el) => {
        const style = getComputedStyle(el)
        const rgb = (text) =>
          text
            .match(/[\d.]+/g)
            .slice(0, 3)
            .map(Number)
        const lum = ([r, g, b]) => {
          const c = [r, g, b].map((v) => {
            const s = v / 255
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
          })
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        }
        const bg = getComputedStyle(document.body).backgroundColor
        const [a, b] = [lum(rgb(style.color)), lum(rgb(bg))].sort((x, y) => y - x)
        return {
          border: style.borderTopStyle,
          background: style.backgroundColor,
          contrast: (a + 0.05) / (b + 0.05),
        }
      })
    const disabled = await look('Step forward')
    assert.equal(disabled.border, 'dashed')
    assert.equal(disabled.background, 'rgba(0, 0, 0, 0)')
    assert.ok(disabled.contrast >= 4.5, `disabled text contrast ${disabled.contrast}`)
    await bandSend(page).click()
    await waitForStep(page, 1)
    assert.equal((await look('Step forward')).border, 'solid')
    await context.close()
  })
})

describe('a lesson in the embedded widget reports its answers to the host page', () => {
  /** @type {Awaited<ReturnType<typeof serveStatic>>} */ let host
  before(async () => {
    host = await serveStatic({
      root: distDir,
      base: '/nothing/',
      pages: {
        '/course.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body>
          <iframe id="w" title="Roundtrip" style="width:900px;height:640px"
            src="${env.site.url}embed.html#lesson=router-says-404&scenario=not-found"></iframe>
          <script>
            window.events = []
            addEventListener('message', (e) => {
              if (e.source !== document.querySelector('#w').contentWindow) return
              if (e.data?.name === 'answer' || e.data?.name === 'lessoncomplete')
                window.events.push({ origin: e.origin, name: e.data.name, payload: e.data.payload })
            })
          </script></body></html>`,
      },
    })
  })
  after(() => host?.close())

  it('answer per question, then lessoncomplete, to the host’s origin', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 720 } })
    const page = await context.newPage()
    await page.goto(`${host.origin}/course.html`)
    const widget = page.frameLocator('#w')
    await widget.getByRole('button', { name: /^Start/ }).click()
    const card = widget.getByRole('region', { name: /Who says “not found”\?/ })
    await card.getByRole('radio', { name: 'No' }).check({ timeout: 60_000 })
    await card.getByRole('button', { name: 'Check answer' }).click()
    await card.getByRole('radio', { name: 'Router' }).check()
    await card.getByRole('button', { name: 'Check answer' }).click()
    await card.getByText('Right.').first().waitFor()
    await page.waitForFunction(() => window.events.length >= 3, null, { timeout: 10_000 })
    const events = await page.evaluate(() => window.events)
    assert.deepEqual(
      events.map((e) => e.name),
      ['answer', 'answer', 'lessoncomplete'],
    )
    assert.ok(events.every((e) => e.origin === new URL(env.site.url).origin))
    assert.deepEqual(events[0].payload, {
      lesson: 'router-says-404',
      lessonTitle: 'Who says “not found”?',
      checkpoint: 1,
      checkpoints: 2,
      question: 'Will the handler (the view function) run?',
      chosen: 'No',
      correct: true,
      answer: 'No',
      score: { right: 1, answered: 1, total: 2 },
    })
    assert.deepEqual(events[2].payload.score, { raw: 2, min: 0, max: 2, scaled: 1 })
    await page.screenshot({ path: screenshotPath('classroom-embed-lesson') })
    await context.close()
  })
})
