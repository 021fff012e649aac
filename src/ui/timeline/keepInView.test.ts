// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { keepInView } from './keepInView'

describe('keepInView', () => {
  afterEach(() => vi.restoreAllMocks())

  it('reads no layout for a row in a hidden tab panel, and does for a shown one', () => {
    document.body.innerHTML = `
      <div id="panel" hidden><ol><li id="row">row</li></ol></div>`
    const rects = vi.spyOn(Element.prototype, 'getClientRects')
    const row = document.getElementById('row')!
    keepInView(row)
    expect(rects).not.toHaveBeenCalled()
    document.getElementById('panel')!.hidden = false
    keepInView(row)
    expect(rects).toHaveBeenCalled()
  })
})
