// Launches Debian's Chromium through playwright-core: never a downloaded browser.
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
// ROUNDTRIP_DIST points at another build (e.g. one not shared with other work in progress).
export const distDir = process.env.ROUNDTRIP_DIST ?? join(here, '..', '..', 'dist')
export const screenshotDir = join(here, '__screenshots__')
export const SUB_PATH = '/course/roundtrip/'

export const launchBrowser = async () => {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath))
    throw new Error(
      `No Chromium at ${executablePath}: apt-get install chromium, or set CHROME_PATH`,
    )
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error('No dist/index.html: run `npm run build` before the end-to-end tests')
  mkdirSync(screenshotDir, { recursive: true })
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const screenshotPath = (name) => join(screenshotDir, `${name}.png`)
