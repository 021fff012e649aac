import { lazy } from 'react'
import { LazyDialogButton } from '../common/LazyDialogButton'

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
  return (
    <LazyDialogButton
      dialog={CompareDialog}
      preload={loadDialog}
      icon={<CompareIcon />}
      label="Compare"
      className="compare-button"
      title="Compare: the same request twice, side by side"
    />
  )
}
