// Runs axe-core (injected from node_modules, no network) against the page or a frame.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/**
 * The serious and critical WCAG 2.x A/AA violations on the page, as short strings.
 * @param {import('playwright-core').Page} page
 */
export const seriousViolations = async (page) => {
  // Judge the settled page, not a frame in the middle of a fade.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((done) => setTimeout(done, 2000)),
    ]),
  )
  await page.waitForTimeout(300)
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    // @ts-expect-error injected global
    const axe = window.axe
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
  })
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    )
}
