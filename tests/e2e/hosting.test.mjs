// End-to-end: the headers docs/embedding.md ("## Hosting") documents, served exactly as written,
// with the widget framed by a course page on another origin, plainly and sandboxed; the browser
// that blocks third-party storage; and msw's own storage key, corrupted.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { SUB_PATH, distDir, launchBrowser, screenshotPath } from './browser.mjs'
import { serveStatic } from './server.mjs'

const docs = readFileSync(
  fileURLToPath(new URL('../../docs/embedding.md', import.meta.url)),
  'utf8',
)

/**
 * The ```http blocks of the Hosting section, in order (the widget's server, the stricter CSP,
 * the course page's server), each as header → value with YOUR-SITE standing for `origin`.
 */
const documentedHeaders = (origin) => {
  const section = docs.slice(docs.indexOf('\n## Hosting\n'), docs.indexOf('\n## The message'))
  const blocks = [...section.matchAll(/```http\n([\s\S]*?)```/g)].map((m) => m[1])
  assert.equal(blocks.length, 3, 'the Hosting section documents three sets of headers')
  return blocks.map((block) =>
    Object.fromEntries(
      block
        .trim()
        .split('\n')
        .map((line) => {
          const colon = line.indexOf(': ')
          return [
            line.slice(0, colon),
            line.slice(colon + 2).replaceAll('https://YOUR-SITE', origin),
          ]
        }),
    ),
  )
}

/** The widget's server sends exactly `headers` (its CSP among them) and nothing else of ours. */
const serveWidget = async (headers) => {
  const { 'Content-Security-Policy': csp = '', ...rest } = headers
  return serveStatic({ root: distDir, base: SUB_PATH, headers: rest, csp })
}

/** The course page: on its own origin, with the documented headers; no script, no inline style. */
const serveCoursePage = (widgetUrl, pageHeaders) =>
  serveStatic({
    root: distDir,
    base: '/nothing/',
    pageHeaders,
    csp: '',
    pages: {
      '/plain.html': `<!doctype html><html lang="en"><title>Course page</title>
        <iframe id="w" title="Roundtrip" width="900" height="620" allow="fullscreen"
          src="${widgetUrl}embed.html#scenario=get-user"></iframe></html>`,
      '/sandboxed.html': `<!doctype html><html lang="en"><title>Course page</title>
        <iframe id="w" title="Roundtrip" width="900" height="620" sandbox="allow-scripts"
          src="${widgetUrl}embed.html#scenario=get-user"></iframe></html>`,
      '/present.html': `<!doctype html><html lang="en"><title>Course page</title>
        <iframe id="w" title="Roundtrip" width="1200" height="700" allow="fullscreen"
          src="${widgetUrl}index.html#scenario=get-user&present=1"></iframe></html>`,
    },
  })

/** @type {import('playwright-core').Browser} */ let browser
/** @type {Array<{ close: () => Promise<void> }>} */ const servers = []

before(async () => {
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await Promise.all(servers.map((s) => s.close()))
})

/**
 * A widget server sending `pick({ full, strict })` (the documented headers, or a variation), and
 * a course page on another port sending its documented headers, which name the widget's origin.
 */
const setUp = async (pick) => {
  const [full, strict] = documentedHeaders('https://YOUR-SITE')
  const widget = await serveWidget(pick({ full, strict }))
  const course = documentedHeaders(widget.origin)[2]
  const host = await serveCoursePage(widget.url, course)
  servers.push(widget, host)
  return { widget, host }
}

const open = async (url) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } })
  const page = await context.newPage()
  const problems = []
  const consoleLines = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => consoleLines.push(message.text()))
  await page.goto(url)
  return { page, context, problems, consoleLines }
}

const startAndStep = async (widget) => {
  await widget.getByRole('button', { name: /^Start: / }).click()
  await widget
    .getByRole('status')
    .filter({ hasText: /^Step 1 of \d+:/ })
    .waitFor({ timeout: 15_000 })
  await widget.getByRole('button', { name: 'Step forward' }).click()
  await widget
    .getByRole('status')
    .filter({ hasText: /^Step 2 of \d+:/ })
    .waitFor()
}

describe('the documented headers', () => {
  it('fully: a plain frame on another origin runs the worker on the real URL', async () => {
    const { host } = await setUp(({ full }) => full)
    const { page, context, problems } = await open(`${host.origin}/plain.html`)
    const frame = page.frameLocator('#w')
    await frame.getByRole('button', { name: /^Start: / }).waitFor()
    const widgetFrame = page.frame({ url: /embed\.html/ })
    // The poster registers no worker: Start loads the app, which starts it before the request.
    const answered = page.waitForResponse((r) => r.url() === 'https://api.example.com/users/42')
    await startAndStep(frame)
    const response = await answered
    assert.ok(response.fromServiceWorker())
    assert.equal(await frame.locator('.notices').count(), 0)
    // Allowed to go full screen by allow="fullscreen" and the page's Permissions-Policy.
    assert.equal(await widgetFrame?.evaluate(() => document.fullscreenEnabled), true)
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('fully: a sandboxed frame (opaque origin) renders and simulates in the page', async () => {
    const { host } = await setUp(({ full }) => full)
    const { page, context, problems } = await open(`${host.origin}/sandboxed.html`)
    const frame = page.frameLocator('#w')
    await startAndStep(frame)
    await frame.getByText(/Simulated in the page \(this frame is sandboxed/).waitFor()
    assert.deepEqual(problems, [])
    await context.close()
  })

  it('without Access-Control-Allow-Origin a sandboxed frame stays blank (why it is documented)', async () => {
    const { host } = await setUp(({ full }) => ({
      'Content-Security-Policy': full['Content-Security-Policy'],
    }))
    const { page, context } = await open(`${host.origin}/sandboxed.html`)
    await page.waitForTimeout(1500)
    assert.equal(await page.frameLocator('#w').getByRole('button').count(), 0)
    await context.close()
  })

  it('under the stricter CSP: plain and sandboxed frames still start and step', async () => {
    const { host } = await setUp(({ full, strict }) => ({
      'Access-Control-Allow-Origin': full['Access-Control-Allow-Origin'],
      ...strict,
    }))
    const plain = await open(`${host.origin}/plain.html`)
    const frame = plain.page.frameLocator('#w')
    await frame.getByRole('button', { name: /^Start: / }).waitFor()
    await startAndStep(frame)
    await frame.getByText(/sends each one to its own address/).waitFor()
    await plain.page.screenshot({ path: screenshotPath('hosting-strict-csp') })
    assert.deepEqual(plain.problems, [])
    await plain.context.close()

    const sandboxed = await open(`${host.origin}/sandboxed.html`)
    await startAndStep(sandboxed.page.frameLocator('#w'))
    assert.deepEqual(sandboxed.problems, [])
    await sandboxed.context.close()
  })

  it('present=1 in a frame presents without asking for full screen, and offers the button', async () => {
    const { host } = await setUp(({ full }) => full)
    const { page, context, problems, consoleLines } = await open(`${host.origin}/present.html`)
    const frame = page.frameLocator('#w')
    const button = frame.getByRole('button', { name: 'Full screen' })
    await button.waitFor()
    assert.ok(await frame.getByRole('button', { name: 'Exit presentation' }).isVisible())
    const app = page.frame({ url: /index\.html/ })
    assert.equal(await app?.evaluate(() => document.fullscreenElement), null)
    await button.click()
    await app?.waitForFunction(() => document.fullscreenElement != null)
    await button.waitFor({ state: 'detached' })
    assert.deepEqual(
      consoleLines.filter((line) => /fullscreen|user gesture/i.test(line)),
      [],
      'no request for full screen without a gesture',
    )
    assert.deepEqual(problems, [])
    await context.close()
  })
})

describe('a browser that blocks third-party storage', () => {
  it('names that, not a sandbox, and still starts', async () => {
    const { widget } = await setUp(({ full }) => full)
    // Another site, not just another origin: the widget on localhost, the page on 127.0.0.1.
    const widgetUrl = widget.url.replace('127.0.0.1', 'localhost')
    const host = await serveCoursePage(widgetUrl, {})
    servers.push(host)
    // Chromium's own setting ("Block third-party cookies"), which also denies those frames storage.
    const profile = mkdtempSync(join(tmpdir(), 'roundtrip-3p-'))
    mkdirSync(join(profile, 'Default'))
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
    )
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(`${host.origin}/plain.html`)
      const frame = page.frameLocator('#w')
      await startAndStep(frame)
      const notice = frame.getByText(/blocks storage for embedded pages from another site/)
      await notice.waitFor()
      assert.doesNotMatch((await notice.textContent()) ?? '', /sandboxed/)
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })
})

describe("msw's own storage key", () => {
  it('a corrupted __msw-cookie-store__ is removed, and the worker still answers', async () => {
    const { widget } = await setUp(({ full }) => full)
    const { page, context, problems } = await open(`${widget.url}#scenario=get-user`)
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
    for (const corrupted of ['{}', '42']) {
      await page.evaluate((value) => localStorage.setItem('__msw-cookie-store__', value), corrupted)
      await page.reload()
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
      const answered = page.waitForResponse((r) => r.url() === 'https://api.example.com/users/42')
      await page.getByRole('button', { name: 'Send request' }).click()
      assert.ok((await answered).fromServiceWorker(), `the worker answers after ${corrupted}`)
      await page
        .getByRole('status')
        .filter({ hasText: /^Step 1 of \d+:/ })
        .waitFor()
      assert.equal(await page.getByText(/Simulated in the page/).count(), 0)
      const left = await page.evaluate(() => localStorage.getItem('__msw-cookie-store__'))
      assert.ok(left === null || Array.isArray(JSON.parse(left)), `left ${left}`)
    }
    assert.deepEqual(problems, [])
    await context.close()
  })
})
