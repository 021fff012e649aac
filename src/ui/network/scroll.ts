import { inHiddenPart } from '../common/hidden'

/**
 * The nearest ancestor that scrolls vertically (the tab panel), if any: never the page itself.
 * None in a hidden tab, which is answered without the computed styles and heights below (each a
 * layout of the page).
 */
export const scrollerOf = (element: HTMLElement): HTMLElement | null => {
  if (inHiddenPart(element)) return null
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node)
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight)
      return node
  }
  return null
}
