import { useEffect, useRef } from 'react'
import { applyHash, startLinkSync } from '../../link/sync'
import { selectTheme, useStore } from '../../store'

/**
 * The page and its address stay one: the link's state is applied on start and whenever the hash
 * changes (a link clicked on the same page), and the address bar follows the page (debounced
 * replaceState), so copying it shares this very moment.
 */
export const useDeepLink = (): void => {
  useEffect(() => {
    // main.tsx has applied the link before the first paint; applying it again is harmless
    // (the same scenario keeps its trace) and is what a page rendered without main.tsx needs.
    applyHash(window.location.hash)
    const onHashChange = () => applyHash(window.location.hash)
    window.addEventListener('hashchange', onHashChange)
    const stopSync = startLinkSync()
    return () => {
      window.removeEventListener('hashchange', onHashChange)
      stopSync()
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
