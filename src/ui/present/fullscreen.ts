import { useSyncExternalStore } from 'react'
import { useStore } from '../../store'

/**
 * Presentation mode's fullscreen. Browsers grant fullscreen only to a user gesture (a key press,
 * a click), so it is asked for from the gesture itself (P, the Present button, "Full screen"),
 * never from an effect: a link with `present=1` presents in the window and offers the button.
 */

/** Whether the fullscreen now showing is presentation mode's (so leaving it leaves presenting). */
let ours = false

const root = (): HTMLElement => document.documentElement

/** Whether this page may go fullscreen at all (not in a frame without `allow="fullscreen"`). */
export const canFullscreen = (): boolean =>
  typeof document !== 'undefined' &&
  document.fullscreenEnabled === true &&
  typeof root().requestFullscreen === 'function'

/**
 * Asks for fullscreen for presenting. Call it only from a user gesture's handler; a refusal
 * (no permission, an old engine that throws) leaves the page presenting in its window.
 */
export const requestPresentFullscreen = (): void => {
  if (!canFullscreen() || document.fullscreenElement) return
  try {
    root()
      .requestFullscreen({ navigationUI: 'hide' })
      .then(
        () => {
          ours = true
          // Presenting ended while the browser was still granting it: leave at once.
          if (!useStore.getState().presenting) exitPresentFullscreen()
        },
        () => undefined,
      )
  } catch {
    // Old engines throw instead of rejecting: presenting in the window is fine.
  }
}

/** Leaves presentation mode's fullscreen, if it is the one showing. */
export const exitPresentFullscreen = (): void => {
  if (!ours) return
  ours = false
  if (document.fullscreenElement) document.exitFullscreen?.().catch(() => undefined)
}

/**
 * Called on every `fullscreenchange`: returns true when presentation mode's fullscreen just
 * ended (the browser's own Esc), so presenting should end with it.
 */
export const ourFullscreenEnded = (): boolean => {
  if (!ours || document.fullscreenElement) return false
  ours = false
  return true
}

const subscribe = (onChange: () => void) => {
  document.addEventListener('fullscreenchange', onChange)
  return () => document.removeEventListener('fullscreenchange', onChange)
}

/** Whether the page is fullscreen now (re-rendering on every change). */
export const useIsFullscreen = (): boolean =>
  useSyncExternalStore(
    subscribe,
    () => document.fullscreenElement != null,
    () => false,
  )
