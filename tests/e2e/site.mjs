// One built site and one Chromium per test file: started before its tests, closed after them.
import { after, before } from 'node:test'
import { SUB_PATH, distDir, launchBrowser } from './browser.mjs'
import { serveStatic } from './server.mjs'

/**
 * Registers the file's `before`/`after` hooks and returns where their handles will be:
 * `env.site` (the dist folder served at a sub-path) and `env.browser`, set once `before` ran.
 * @returns {{ site: Awaited<ReturnType<typeof serveStatic>>, browser: import('playwright-core').Browser }}
 */
export const useBuiltSite = () => {
  const env = /** @type {any} */ ({ site: null, browser: null })
  before(async () => {
    env.site = await serveStatic({ root: distDir, base: SUB_PATH })
    env.browser = await launchBrowser()
  })
  after(async () => {
    await env.browser?.close()
    await env.site?.close()
  })
  return env
}
