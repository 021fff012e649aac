import { Suspense, lazy, useCallback, useState } from 'react'

const loadDialog = () => import('./CompareDialog')
// Compare is opened now and then: its own chunk, fetched on first hover, focus or click.
const CompareDialog = lazy(loadDialog)

function CompareIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 5h9M3 9h6M3 13h11M3 17h4M16 3v15" />
    </svg>
  )
}

/** "Compare" in the header: the same request run twice, side by side, on one time axis. */
export function CompareButton() {
  const [open, setOpen] = useState(false)
  const close = useCallback(() => setOpen(false), [])
  const preload = () => void loadDialog().catch(() => undefined)
  return (
    <>
      <button
        type="button"
        className="button tool-button compare-button"
        aria-haspopup="dialog"
        title="Compare: the same request twice, side by side"
        onClick={() => setOpen(true)}
        onPointerEnter={preload}
        onFocus={preload}
      >
        <CompareIcon />
        <span className="tool-text">Compare</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <CompareDialog onClose={close} />
        </Suspense>
      ) : null}
    </>
  )
}
