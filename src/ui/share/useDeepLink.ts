import { useEffect, useRef } from 'react'
import { selectTheme, useStore } from '../../store'
import { linkSyncIfLoaded, loadLinkSync } from './linkSync'

/**
 * The page and its address stay one: the link (its moment, lesson and presentation mode) is
 * applied on start and whenever the hash changes, and the address bar follows the page, so
 * copying it shares this very moment. src/link/sync.ts does both; this starts it with the app.
 */
export const useDeepLink = (): void => {
  // main.tsx has applied the link's moment before the first paint; applying it again is harmless
  // (the same scenario keeps its trace) and is what a page rendered without main.tsx needs.
  // The codec (fflate, the schemas) loads after first paint, unless main.tsx needed it before
  // (a hash to read): then the link's lesson and presentation mode open with the app, at once.
  useEffect(() => {
    const sync = linkSyncIfLoaded()
    if (sync) return sync.startLinkSync()
    let stop: (() => void) | null = null
    let done = false
    void loadLinkSync().then(({ startLinkSync }) => {
      if (!done) stop = startLinkSync()
    })
    return () => {
      done = true
      stop?.()
    }
  }, [])
  useThemeAttribute()
}

/**
 * The chosen theme on the root element (tokens.css switches `color-scheme` on `data-theme`);
 * `system` removes it so prefers-color-scheme decides. Untouched until a theme is chosen, so
 * presentation mode's own `data-theme` is not disturbed on start.
 */
const useThemeAttribute = (): void => {
  const theme = useStore(selectTheme)
  const chosen = useRef(false)
  useEffect(() => {
    if (theme === 'system' && !chosen.current) return
    chosen.current = true
    const root = document.documentElement
    if (theme === 'system') delete root.dataset.theme
    else root.dataset.theme = theme
  }, [theme])
}
