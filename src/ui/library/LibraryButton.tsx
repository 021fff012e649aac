import { lazy } from 'react'
import { LazyDialogButton } from '../common/LazyDialogButton'

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
  return (
    <LazyDialogButton
      dialog={LibraryDialog}
      preload={loadDialog}
      icon={<BooksIcon />}
      label="Library"
      className="library-button"
      title="Library: every scenario and lesson"
    />
  )
}
