import { useEffect } from 'react'
import { useStore } from '../../store'

const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA'])
/** Elements that Space already activates; toggling playback too would act twice. */
const ACTIVATED_BY_SPACE =
  'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"]'

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (TYPING_TAGS.has(target.tagName) || target.isContentEditable)

/**
 * Document-wide keys for a class driven from a keyboard or a presenter's clicker:
 * Space play/pause, → / ← step (PageDown / PageUp too: what clickers send), Home / End.
 */
export const useKeyboardShortcuts = (): void => {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return
      const store = useStore.getState()
      // Before a trace there is nothing to step: leave the keys to the page (scrolling).
      if (!store.trace) return
      switch (e.key) {
        case ' ':
        case 'Spacebar':
          if (e.target instanceof Element && e.target.closest(ACTIVATED_BY_SPACE)) return
          if (!e.repeat) store.togglePlay()
          break
        case 'ArrowRight':
        case 'PageDown':
          store.stepForward()
          break
        case 'ArrowLeft':
        case 'PageUp':
          store.stepBack()
          break
        case 'Home':
          store.seek(0)
          break
        case 'End':
          store.seek(Number.MAX_SAFE_INTEGER)
          break
        default:
          return
      }
      // The key was ours: do not also scroll the page.
      e.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])
}
