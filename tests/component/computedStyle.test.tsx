import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  disagreementsWithJsdom,
  elementsWithAttribute,
  labelControls,
  subjectNeeds,
  unfilteredCheck,
} from './computedStyle'
import { renderApp } from './driver'
import { useCleanApp } from './setup'

// vitest.setup.ts speeds up jsdom's style lookups (computedStyle.ts); these hold its answers to
// jsdom's own, on the whole App and on the elements the default style sheet singles out.

/** The selectors of jsdom's default style sheet, as its style lookup passes them. */
const defaultSelectors = (): string[] => {
  const path = createRequire(import.meta.url).resolve(
    'jsdom/lib/jsdom/browser/default-stylesheet.css',
  )
  // Parsed by jsdom in this page for a moment (a document without a window parses no styles).
  const style = document.createElement('style')
  style.textContent = readFileSync(path, 'utf8')
  document.head.append(style)
  const sheet = style.sheet!
  style.remove()
  const selectors: string[] = []
  const walk = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if (rule instanceof window.CSSStyleRule)
        selectors.push(rule.selectorText.split(';').pop()!.trim())
      else if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules)
    }
  }
  walk(sheet.cssRules)
  return selectors
}

/** Elements the default style sheet treats apart, beside whatever the App draws. */
const ODD_ELEMENTS = `
  <a href="#x">link</a><a>no href</a><area href="#y"><abbr title="t">abbr</abbr>
  <div hidden>hidden</div><div hidden="until-found">until found</div><embed hidden>
  <p dir="rtl">rtl</p><p dir="auto">auto</p><bdi>bdi</bdi><bdo dir="ltr">bdo</bdo>
  <input type="hidden"><input type="TEL"><input type="checkbox"><input type="image">
  <textarea dir="auto"></textarea><select><option>o</option></select>
  <dialog>closed</dialog><dialog open>open</dialog><div popover>popover</div>
  <details open><summary>s</summary>d</details><details><summary>s</summary></details>
  <table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>
  <ul><li><ol><li>nested</li></ol></li></ul><dl><dt>t</dt><dd>d</dd></dl>
  <noscript>n</noscript><template>t</template><q>q</q><sub>s</sub><ruby>r<rt>t</rt></ruby>
  <svg><title>svg title</title><a href="#z"><text>t</text></a><foreignObject><div>f</div></foreignObject></svg>
  <marquee>m</marquee>
  <label for="odd-a">a</label><input id="odd-a"><label for="odd-p">p</label><p id="odd-p"></p>
  <label for="odd-twice">twice</label><input id="odd-twice"><select id="odd-twice"></select>
  <label for="odd-none">none</label><label for="">empty</label><label><input>inside</label><meter></meter><progress></progress><hr><br><wbr>`

describe('the faster style lookups of the component tests', () => {
  useCleanApp()

  it('reads the subjects of selectors', () => {
    expect(subjectNeeds('td, th')).toEqual([{ only: 'td' }, { only: 'th' }])
    expect(subjectNeeds('details > summary:first-of-type')).toEqual([{ name: 'summary' }])
    expect(subjectNeeds('table > tr')).toEqual([{ name: 'tr' }])
    expect(subjectNeeds('input[type="hidden" i], [hidden]:not(embed)')).toEqual([
      { name: 'input' },
      { attribute: 'hidden' },
    ])
    expect(subjectNeeds(':link, :visited')).toEqual([{ attribute: 'href' }, { attribute: 'href' }])
    for (const open of ['*', ':focus-visible', ':is(ol, ul) :is(ol, ul)', 'svg|a', 'a\\:b', 'a, *'])
      expect(subjectNeeds(open)).toBeNull()
  })

  it('answers as jsdom does: every default rule on every kind of element, and the styles read', async () => {
    const host = document.createElement('div')
    host.innerHTML = ODD_ELEMENTS
    const ui = renderApp({
      hash: '#scenario=get-user',
      extra: <div ref={(n) => n?.append(host)} />,
    })
    await ui.send()

    // One element of each name and set of attributes: the rest would be asked the same.
    const seen = new Set<string>()
    const elements = [...document.querySelectorAll('*')].filter((element) => {
      const key = `${element.namespaceURI} ${element.localName} ${element.getAttributeNames().sort().join(' ')}`
      return !seen.has(key) && seen.add(key)
    })
    expect(elements.length).toBeGreaterThan(60)
    const selectors = defaultSelectors()
    expect(selectors.length).toBeGreaterThan(100)
    const differ: string[] = []
    let matches = 0
    for (const selector of selectors) {
      for (const element of elements) {
        const { filtered, engine } = unfilteredCheck(selector, element)
        if (filtered !== engine) differ.push(`${selector} on <${element.localName}>`)
        if (engine) matches++
      }
    }
    expect(differ).toEqual([])
    expect(matches).toBeGreaterThan(50)

    // The computed styles Testing Library and user-event read, on the odd elements and on the
    // playback bar (the App's deepest nesting is no different to jsdom).
    host.querySelector('dialog')!.style.visibility = 'hidden'
    host.querySelector('p')!.style.pointerEvents = 'none'
    expect(disagreementsWithJsdom(host)).toEqual([])
    expect(disagreementsWithJsdom(screen.getByTestId('playback'))).toEqual([])
    expect(getComputedStyle(host.querySelector('[hidden]')!).display).toBe('none')
    expect(getComputedStyle(host.querySelector('dialog')!).visibility).toBe('hidden')
    expect(getComputedStyle(host.querySelector('p')!).getPropertyValue('pointer-events')).toBe(
      'none',
    )
  })

  it('answers display, visibility and pointer-events as jsdom does on every element of the App, and finds marked elements as a selector does', async () => {
    const ui = renderApp({ hash: '#scenario=get-user' })
    await ui.send()
    await ui.step(3)
    expect(disagreementsWithJsdom(document.body)).toEqual([])
    const marked = elementsWithAttribute('aria-current', 'step')
    expect(marked).toHaveLength(1)
    expect(marked).toEqual([...document.querySelectorAll('[aria-current="step"]')])
    expect(elementsWithAttribute('data-testid', 'playback')).toEqual([
      screen.getByTestId('playback'),
    ])
  })

  it('finds each label’s control as jsdom’s walk through the page does', async () => {
    const host = document.createElement('div')
    host.innerHTML = ODD_ELEMENTS
    const ui = renderApp({
      hash: '#scenario=get-user',
      extra: <div ref={(n) => n?.append(host)} />,
    })
    await ui.user.click(screen.getByRole('tab', { name: 'Request' }))
    await screen.findByRole('tabpanel', { name: 'Request' })
    const labels = [...document.querySelectorAll('label')]
    expect(labels.length).toBeGreaterThan(8)
    const differ = labels.filter((label) => {
      const { fast, walked } = labelControls(label)
      return fast !== walked
    })
    expect(differ.map((label) => label.outerHTML)).toEqual([])
    expect(labels.filter((label) => label.control).length).toBeGreaterThan(4)
    expect(document.getElementById('odd-a')!).toHaveAccessibleName('a')
  })
})
