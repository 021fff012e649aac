// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { inHiddenPart } from './hidden'

describe('inHiddenPart', () => {
  it('is true inside a hidden ancestor and for a hidden element, false otherwise', () => {
    document.body.innerHTML = `
      <div id="panel" hidden><p><span id="deep">x</span></p></div>
      <div id="shown"><span id="visible">y</span></div>`
    expect(inHiddenPart(document.getElementById('deep')!)).toBe(true)
    expect(inHiddenPart(document.getElementById('panel')!)).toBe(true)
    expect(inHiddenPart(document.getElementById('visible')!)).toBe(false)
    document.getElementById('panel')!.hidden = false
    expect(inHiddenPart(document.getElementById('deep')!)).toBe(false)
  })
})
