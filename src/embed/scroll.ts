/**
 * A widget must never scroll the page that frames it. `scrollIntoView` (the journey keeps its
 * current band in view) scrolls every ancestor, frames included, so a playing widget would tug
 * the course page along. In embed.html it is replaced by a version that scrolls only this
 * document, and only as far as needed to clear the sticky step line and playback bar.
 */
export const keepScrollingInside = (win: Window): void => {
  const doc = win.document
  const insets = (target: DOMRect) => {
    let top = 0
    let bottom = doc.documentElement.clientHeight
    for (const el of doc.querySelectorAll<HTMLElement>('[data-sticky]')) {
      const r = el.getBoundingClientRect()
      // Only bars that sit over the target's column cover it.
      if (r.right <= target.left || r.left >= target.right) continue
      if (el.dataset.sticky === 'top') top = Math.max(top, r.bottom)
      else bottom = Math.min(bottom, r.top)
    }
    return { top, bottom }
  }
  ;(win as Window & typeof globalThis).Element.prototype.scrollIntoView = function (
    this: Element,
    arg?: boolean | ScrollIntoViewOptions,
  ) {
    const rect = this.getBoundingClientRect()
    const { top, bottom } = insets(rect)
    const margin = 8
    let dy = 0
    if (rect.top < top) dy = rect.top - top - margin
    else if (rect.bottom > bottom)
      dy = Math.min(rect.top - top - margin, rect.bottom - bottom + margin)
    if (dy === 0) return
    const smooth = typeof arg === 'object' && arg.behavior === 'smooth'
    win.scrollBy({ top: dy, behavior: smooth ? 'smooth' : 'auto' })
  }
}
