// End-to-end: the built site, served from a sub-path, in real headless Chromium.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { fetchedUrl, serveStatic } from './server.mjs'

/** @type {Awaited<ReturnType<typeof serveStatic>>} */ let site
/** @type {import('playwright-core').Browser} */ let browser

before(async () => {
  site = await serveStatic({
    root: distDir,
    base: SUB_PATH,
    pages: {
      // No allow-same-origin: the frame has an opaque origin, so no service worker can start.
      '/sandboxed.html': `<!doctype html><title>Host</title>
        <iframe title="Roundtrip" sandbox="allow-scripts" style="width:1260px;height:700px;border:0"
          src="${SUB_PATH}#scenario=get-user"></iframe>`,
    },
  })
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
  return { page, context, problems }
}

/** Steps with the keyboard to the end, asserting the narration changes at every step. */
const stepToEnd = async (page) => {
  const status = page.getByRole('status')
  await assert.doesNotReject(status.filter({ hasText: /^Step 1 of \d+:/ }).waitFor())
  const first = await status.textContent()
  const total = Number(/of (\d+)/.exec(first ?? '')?.[1])
  assert.ok(total > 5, `expected a trace of several steps, got "${first}"`)
  const seen = [first]
  for (let step = 2; step <= total; step++) {
    await page.keyboard.press('ArrowRight')
    await status.filter({ hasText: new RegExp(`^Step ${step} of ${total}:`) }).waitFor()
    const text = await status.textContent()
    assert.notEqual(text, seen.at(-1), `narration did not change at step ${step}`)
    seen.push(text)
  }
  return seen
}

describe('the journey of GET /users/42', () => {
  it('is answered by the service worker, stepped to the end by keyboard, and ends in 200 OK', async () => {
    const { page, context, problems } = await openPage('#scenario=get-user')
    // The worker must control the page before the request goes out, or it would hit the network.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)

    const url = fetchedUrl('https://api.example.com/users/42', site.url)
    const answered = page.waitForResponse((r) => r.url() === url)
    await page.getByRole('button', { name: 'Send request' }).click()
    const response = await answered
    assert.equal(response.status(), 200)
    assert.ok(response.fromServiceWorker(), 'the response should come from the msw service worker')
    const timing = (await response.allHeaders())['server-timing'] ?? ''
    assert.match(timing, /handler;dur=[\d.]+/)

    const seen = await stepToEnd(page)
    assert.match(seen.at(-1), /200 OK/)
    const client = page.getByRole('group', { name: 'Client' })
    await client.getByText('200 OK').first().waitFor()
    assert.equal(await page.locator('[aria-current="step"]').count(), 1)
    assert.equal(await page.getByText(/Simulated in the page/).count(), 0)

    await page.screenshot({ path: screenshotPath('get-user-end') })
    // Step back once: the playhead moves, nothing re-simulates.
    await page.keyboard.press('ArrowLeft')
    await page
      .getByRole('status')
      .filter({ hasText: /^Step \d+ of \d+:/ })
      .waitFor()
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('turns back at the router for an unknown path: 404, no handler', async () => {
    const { page, context, problems } = await openPage('#scenario=not-found')
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    await page.getByRole('button', { name: 'Send request' }).click()
    const seen = await stepToEnd(page)
    assert.ok(seen.some((line) => /404/.test(line ?? '')))
    await page.getByRole('group', { name: 'Client' }).getByText('404 NOT FOUND').first().waitFor()
    await page.screenshot({ path: screenshotPath('not-found-end') })
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('opens straight from disk (file://), simulating in the page and saying so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(
      pathToFileURL(join(distDir, 'offline', 'index.html')).href + '#scenario=get-user',
    )
    await page.getByText(/Simulated in the page \(pages opened from a file/).waitFor()
    await page.getByRole('button', { name: 'Send request' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Step 1 of/ })
      .waitFor()
    await page.keyboard.press('End')
    await page.getByRole('group', { name: 'Client' }).getByText('200 OK').first().waitFor()
    await page.screenshot({ path: screenshotPath('file-fallback') })
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('falls back to the in-process handler in a sandboxed iframe and says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    await page.goto(`${site.origin}/sandboxed.html`)
    const frame = page.frameLocator('iframe[title="Roundtrip"]')
    await frame.getByText(/Simulated in the page/).waitFor()
    await frame.getByRole('button', { name: 'Send request' }).click()
    await frame
      .getByRole('status')
      .filter({ hasText: /^Step 1 of/ })
      .waitFor()
    await frame.locator('body').press('End')
    await frame.getByRole('group', { name: 'Client' }).getByText('200 OK').first().waitFor()
    await page.screenshot({ path: screenshotPath('sandboxed-fallback') })
    await context.close()
  })
})
