import { useEffect } from 'react'
import { useStore } from '../../store'
import { nextLayerIndex, previousLayerIndex } from '../playback/layers'
import { requestPresentFullscreen } from '../present/fullscreen'

const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA'])
/** Controls Space presses. */
const CONTROLS = 'button, a[href], summary, [role="button"], [role="tab"], [role="link"]'
/** Controls whose state Space toggles or picks: Space is theirs wherever they are. */
const TOGGLES =
  '[role="checkbox"], [role="switch"], [role="radio"], [role^="menuitem"], [role="option"]'
/**
 * Where a focused control keeps Space (it presses the button): forms being filled in (the
 * Request and App tabs, a lesson's question), dialogs and menus, and the lesson card. Everywhere
 * else on the page Space is Play / Pause, as the help dialog says, even on a focused button:
 * Enter presses that one. A dialog or menu keeps Space even off its controls.
 */
const NATIVE_AREAS =
  'form, dialog, [role="dialog"], [role="menu"], [role="listbox"], [data-space="native"]'
const MODAL_AREAS = 'dialog, [role="dialog"], [role="menu"], [role="listbox"]'
/** Buttons whose press must never repeat by accident: Space plays on them, even inside a form. */
const SPACE_PLAYS = '[data-space="play"]'

/** Whether Space, pressed on `target`, is the page's Play / Pause rather than the control's own. */
export const spacePlaysOn = (target: EventTarget | null): boolean => {
  if (!(target instanceof Element)) return true
  if (target.closest(SPACE_PLAYS)) return true
  if (target.closest(TOGGLES)) return false
  const control = target.closest(CONTROLS)
  if (control) return !control.closest(NATIVE_AREAS)
  return !target.closest(MODAL_AREAS)
}

/** Keys that only modify another: they do not un-blank a blanked screen on their own. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn'])

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (TYPING_TAGS.has(target.tagName) || target.isContentEditable)

/**
 * Document-wide keys for a class driven from a keyboard or a presenter's clicker:
 * Space play/pause, → / ← step (PageDown / PageUp too: what clickers send), Shift+→ / Shift+←
 * or ] / [ jump a layer, Home / End, and ? for the list of all of them. P presents; while
 * presenting, B or . blanks the screen (any key brings it back) and Escape leaves. `onHelp` is `null` while
 * the help dialog is open: its own keys rule then, and the page's shortcuts wait.
 */
export const useKeyboardShortcuts = (onHelp: (() => void) | null): void => {
  useEffect(() => {
    if (!onHelp) return
    let swallowSpaceUp = false
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return
      const present = useStore.getState()
      // A blanked screen comes back with any key, and that key does nothing else.
      if (present.blanked) {
        if (MODIFIERS.has(e.key)) return
        e.preventDefault()
        present.setBlanked(false)
        return
      }
      // Inside a dialog, Escape closes the dialog and letters are the dialog's own.
      const inDialog = e.target instanceof Element && !!e.target.closest('[role="dialog"], dialog')
      const presentKey =
        e.key === 'p' || e.key === 'P' || (present.presenting && e.key === 'Escape')
      if (presentKey && !inDialog) {
        e.preventDefault()
        const presenting = e.key !== 'Escape' && !present.presenting
        // The key press is the gesture fullscreen needs: asked for here, not after the render.
        if (presenting) requestPresentFullscreen()
        present.setPresenting(presenting)
        return
      }
      const blankKey = e.key === 'b' || e.key === 'B' || e.key === '.'
      if (present.presenting && blankKey && !inDialog) {
        e.preventDefault()
        present.setBlanked(true)
        return
      }
      if (e.key === '?') {
        e.preventDefault()
        onHelp()
        return
      }
      const store = useStore.getState()
      // Before a trace there is nothing to step: leave the keys to the page (scrolling).
      if (!store.trace) return
      const events = store.trace.events
      switch (e.key) {
        case ' ':
        case 'Spacebar':
          if (!spacePlaysOn(e.target)) return
          if (!e.repeat) store.togglePlay()
          // A focused button would be pressed when Space comes up: that press is swallowed too.
          swallowSpaceUp = true
          break
        case 'ArrowRight':
          if (e.shiftKey) store.seek(nextLayerIndex(events, store.playhead))
          else store.stepForward()
          break
        case 'ArrowLeft':
          if (e.shiftKey) store.seek(previousLayerIndex(events, store.playhead))
          else store.stepBack()
          break
        case ']':
          store.seek(nextLayerIndex(events, store.playhead))
          break
        case '[':
          store.seek(previousLayerIndex(events, store.playhead))
          break
        case 'PageDown':
          store.stepForward()
          break
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
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' && e.key !== 'Spacebar') return
      if (swallowSpaceUp) e.preventDefault()
      swallowSpaceUp = false
    }
    document.addEventListener('keydown', onKeyDown)
    // Capture: the press is cancelled before the button sees Space come up.
    document.addEventListener('keyup', onKeyUp, true)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('keyup', onKeyUp, true)
    }
  }, [onHelp])
}
