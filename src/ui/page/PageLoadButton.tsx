import { Suspense, lazy, useCallback } from 'react'
import { useStore } from 'zustand'
import { pageView } from '../../link/pageView'

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

/**
 * "Page load" in the header: many requests of one page on one timeline, over h1, h2 and h3. The
 * dialog is open while the `pageView` store says so, so a `#page=` link, the Library and the
 * presenter's projected window open it as the button does.
 */
export function PageLoadButton() {
  const open = useStore(pageView, (s) => s.open)
  const close = useCallback(() => pageView.getState().closePage(), [])
  const warm = () => void loadDialog().catch(() => undefined)
  return (
    <>
      <button
        type="button"
        className="button tool-button page-load-button"
        aria-haspopup="dialog"
        title="Page load: every request of a whole page, over HTTP/1.1, HTTP/2 and HTTP/3"
        onClick={() => pageView.getState().openPage({})}
        onPointerEnter={warm}
        onFocus={warm}
      >
        <PageIcon />
        <span className="tool-text">Page load</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <PageLoadDialog onClose={close} />
        </Suspense>
      ) : null}
    </>
  )
}
