import { useEffect, useRef } from 'react'
import { selectPresenting, useStore } from '../../store'
import { exitPresentFullscreen, ourFullscreenEnded } from './fullscreen'

const root = (): HTMLElement => document.documentElement

/**
 * The projector theme and the presentation layout hang off the root element: `data-theme`
 * (shared with the theme preference, restored on leaving) and `data-presenting` (ours alone).
 */
const useRootAttributes = (presenting: boolean): void => {
  useEffect(() => {
    if (!presenting) return
    const element = root()
    const before = element.dataset.theme
    element.dataset.theme = 'projector'
    element.dataset.presenting = ''
    return () => {
      delete element.dataset.presenting
      // Someone else may have chosen a theme while we presented: leave theirs alone.
      if (element.dataset.theme !== 'projector') return
      if (before === undefined) delete element.dataset.theme
      else element.dataset.theme = before
    }
  }, [presenting])
}

/**
 * Fullscreen follows presenting one way only: it is asked for by the gesture that starts
 * presenting (src/ui/present/fullscreen.ts), never here, because a page opened from a link has no
 * gesture to offer. Leaving fullscreen with the browser's own Esc leaves presentation mode too,
 * and leaving presentation mode leaves its fullscreen, so the two never disagree.
 */
const useFullscreen = (presenting: boolean): void => {
  useEffect(() => {
    if (!presenting) return
    const onChange = () => {
      if (ourFullscreenEnded()) useStore.getState().setPresenting(false)
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      exitPresentFullscreen()
    }
  }, [presenting])
}

/**
 * Focus never stays on a control that presentation mode hides (the header's tools): it moves to
 * the page, where the keyboard shortcuts answer. On leaving, it goes back to the Present button.
 */
const useFocusAcrossModes = (presenting: boolean): void => {
  const was = useRef(presenting)
  useEffect(() => {
    if (was.current === presenting) return
    was.current = presenting
    const active = document.activeElement
    if (presenting) {
      if (active instanceof HTMLElement && active !== document.body && !active.checkVisibility?.())
        active.blur()
    } else if (!active || active === document.body) {
      document.querySelector<HTMLElement>('[data-present-toggle]')?.focus()
    }
  }, [presenting])
}

/** Everything presentation mode does to the page around it; used once, by the app shell. */
export const usePresentation = (): boolean => {
  // `present=1` in the link opens the page presenting, and the address follows the mode, so a
  // reload keeps it: the `present` key is read and written with the others, in src/link.
  const presenting = useStore(selectPresenting)
  useRootAttributes(presenting)
  useFullscreen(presenting)
  useFocusAcrossModes(presenting)
  return presenting
}
