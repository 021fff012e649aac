// End-to-end: a narrow window driven by a mouse (390 px, no touch) keeps every header tool,
// "?" included, on one row inside the page (issue 12: the "?" used to wrap onto a row of its own).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { useBuiltSite } from './site.mjs'

const env = useBuiltSite()

describe('the header of a narrow window with a mouse', () => {
  it('puts the eight tools on one row, inside the page, each at least 24 px wide', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    try {
      await page.goto(`${env.site.url}#scenario=get-user`)
      await page.getByRole('button', { name: 'Send request' }).first().waitFor()
      const tools = await page.evaluate(() =>
        [...document.querySelectorAll('.header-tools > *')]
          .filter((b) => b.getBoundingClientRect().width > 0)
          .map((b) => {
            const r = b.getBoundingClientRect()
            return {
              name: b.getAttribute('aria-label') ?? b.textContent?.trim(),
              top: r.top,
              left: r.left,
              right: r.right,
              width: r.width,
            }
          }),
      )
      assert.ok(
        tools.some((t) => t.name === 'Keyboard shortcuts'),
        'the "?" is shown',
      )
      assert.ok(tools.length >= 8, `eight tools, saw ${tools.length}`)
      // One row: the tops differ by at most a border's worth, not by a row's height.
      const tops = tools.map((t) => t.top)
      assert.ok(Math.max(...tops) - Math.min(...tops) < 10, `one row, saw tops ${tops.join(', ')}`)
      for (const t of tools) {
        assert.ok(t.width >= 24, `${t.name} is ${t.width} px wide`)
        assert.ok(t.left >= 0 && t.right <= 390, `${t.name} spans ${t.left}–${t.right}`)
      }
    } finally {
      await context.close()
    }
  })
})
