import { lazy } from 'react'
import { LazyDialogButton } from '../common/LazyDialogButton'

const loadDialog = () => import('./PageLoadDialog')
// The page-load view and the page engine's UI are their own chunk, fetched on first hover or focus.
const PageLoadDialog = lazy(loadDialog)

function PageIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 4h14M3 8h8M6 12h9M9 16h6" />
    </svg>
  )
}

/** "Page load" in the header: many requests of one page on one timeline, over h1, h2 and h3. */
export function PageLoadButton() {
  return (
    <LazyDialogButton
      dialog={PageLoadDialog}
      preload={loadDialog}
      icon={<PageIcon />}
      label="Page load"
      className="page-load-button"
      title="Page load: every request of a whole page, over HTTP/1.1, HTTP/2 and HTTP/3"
    />
  )
}
