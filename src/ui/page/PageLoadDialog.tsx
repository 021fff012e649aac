import { Suspense, lazy, useCallback, useState } from 'react'
import { ModalDialog } from '../controls/ModalDialog'
import PageLoadView from './PageLoadView'

const ShareDialog = lazy(() => import('../share/ShareDialog'))

interface Props {
  readonly onClose: () => void
}

/**
 * The page-load view in a modal dialog (the header's "Page load", a `#page=` link, the Library).
 * Choosing a request's name closes it and shows that request's journey; "Share or embed" opens
 * the Share dialog on top, for this page load.
 */
export default function PageLoadDialog({ onClose }: Props) {
  const [sharing, setSharing] = useState(false)
  const stopSharing = useCallback(() => setSharing(false), [])
  return (
    <ModalDialog title="Page load" className="dialog pl-dialog" onClose={onClose} ownsKeys>
      <PageLoadView onJourney={onClose} onShare={() => setSharing(true)} />
      {sharing ? (
        <Suspense fallback={null}>
          <ShareDialog onClose={stopSharing} />
        </Suspense>
      ) : null}
    </ModalDialog>
  )
}
