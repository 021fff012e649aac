import { Suspense, lazy, useCallback, useState } from 'react'

const loadDialog = () => import('./LibraryDialog')
// The library is opened now and then: its own chunk, fetched on first hover, focus or click.
const LibraryDialog = lazy(loadDialog)

function BooksIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 3.5h3.5v13H3zM8 3.5h3.5v13H8zM13 4.6l3.2-1 3 12.4-3.2 1z" />
    </svg>
  )
}

/** "Library" in the header: every scenario by theme, and the lessons, in a searchable dialog. */
export function LibraryButton() {
  const [open, setOpen] = useState(false)
  const close = useCallback(() => setOpen(false), [])
  const preload = () => void loadDialog().catch(() => undefined)
  return (
    <>
      <button
        type="button"
        className="button tool-button library-button"
        aria-haspopup="dialog"
        title="Library: every scenario and lesson"
        onClick={() => setOpen(true)}
        onPointerEnter={preload}
        onFocus={preload}
      >
        <BooksIcon />
        <span className="tool-text">Library</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <LibraryDialog onClose={close} />
        </Suspense>
      ) : null}
    </>
  )
}
