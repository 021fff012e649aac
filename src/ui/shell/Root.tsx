import { StrictMode } from 'react'
import { PresenterRoot } from '../present/presenterEntry'
import { AnimationRoot } from './AnimationRoot'
import { App } from './App'

/**
 * index.html's whole tree: the app, or the presenter view (`?view=presenter`). main.tsx renders
 * it, and the build prerenders the app at rest with it (src/ui/shell/prerender.tsx), so the markup
 * the browser first paints is the one React hydrates.
 */
export function Root({ presenter = false }: { presenter?: boolean }) {
  return (
    <StrictMode>
      <AnimationRoot>{presenter ? <PresenterRoot /> : <App />}</AnimationRoot>
    </StrictMode>
  )
}
