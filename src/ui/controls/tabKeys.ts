import type { KeyboardEvent } from 'react'

/**
 * The ARIA tabs pattern's keys: → / ← move to the next / previous tab (wrapping), Home / End to
 * the first / last. Returns the index to select, or `undefined` when the key is not one of them
 * (or comes with a modifier, which belongs to the browser or the page).
 */
export const tabIndexForKey = (
  e: KeyboardEvent,
  index: number,
  count: number,
): number | undefined => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return undefined
  switch (e.key) {
    case 'ArrowRight':
      return (index + 1) % count
    case 'ArrowLeft':
      return (index - 1 + count) % count
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}
