import { lazy } from 'react'
import { LazyDialogButton } from '../common/LazyDialogButton'

// The dialog and the exporters load on first use: most visits never share.
const ShareDialog = lazy(() => import('./ShareDialog'))

function ShareIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 3v12M7 8l5-5 5 5M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6" />
    </svg>
  )
}

/** The header's "Share" button: the link, the embed snippets and the exports in one dialog. */
export function ShareButton() {
  return (
    <LazyDialogButton
      dialog={ShareDialog}
      icon={<ShareIcon />}
      label="Share"
      className="share-button"
      title="Share: a link to this moment, the embed code, exports"
    />
  )
}
