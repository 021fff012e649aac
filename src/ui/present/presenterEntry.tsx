import { Suspense, lazy } from 'react'

export { isPresenterView } from './openPresenter'

const PresenterApp = lazy(() => import('./presenter/PresenterApp'))

/** The presenter view, loaded only in the window that asks for it (`?view=presenter`). */
export function PresenterRoot() {
  return (
    <Suspense fallback={<p className="presenter-loading">Opening the presenter view…</p>}>
      <PresenterApp />
    </Suspense>
  )
}
