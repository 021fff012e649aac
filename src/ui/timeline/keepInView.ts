import { inHiddenPart } from '../common/hidden'

/**
 * Scrolls the nearest scrolling box around `element` just enough to show it (or, with
 * `start`, until it is at the top), leaving `top` px free for a sticky header. Unlike
 * `scrollIntoView` it never scrolls the page itself, so the timeline following the playhead
 * cannot fight the journey doing the same.
 */
export const keepInView = (
  element: HTMLElement,
  { top = 0, smooth = false, start = false } = {},
): void => {
  // A hidden tab has no boxes: nothing to show, nothing to scroll. Asked of the DOM first
  // (inHiddenPart reads no layout); getClientRects would lay out the page to answer.
  if (inHiddenPart(element) || element.getClientRects().length === 0) return
  let box = element.parentElement
  while (box && box !== document.body && box !== document.documentElement) {
    const { overflowY } = getComputedStyle(box)
    if ((overflowY === 'auto' || overflowY === 'scroll') && box.scrollHeight > box.clientHeight)
      break
    box = box.parentElement
  }
  if (!box || box === document.body || box === document.documentElement) return
  const target = element.getBoundingClientRect()
  const view = box.getBoundingClientRect()
  const margin = 6
  let delta = 0
  if (start) delta = target.top - (view.top + top + margin)
  else if (target.top < view.top + top + margin) delta = target.top - (view.top + top + margin)
  else if (target.bottom > view.bottom - margin)
    // Show its bottom, but never push its top under the header.
    delta = Math.min(target.bottom - (view.bottom - margin), target.top - (view.top + top + margin))
  if (Math.abs(delta) < 1) return
  box.scrollTo({ top: box.scrollTop + delta, behavior: smooth ? 'smooth' : 'auto' })
}
