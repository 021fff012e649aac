import type { ReactNode } from 'react'
import { Component, Suspense, lazy } from 'react'
import { selectPresenting, useStore } from '../../store'

const ExplainPanel = lazy(() => import('../narration/ExplainPanel'))

class Quiet extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    return this.state.failed ? null : this.props.children
  }
}

/**
 * While presenting, the detail tabs give way to the step's explanation alone, in large type at the
 * chosen depth: the part of the detail pane a class reads along with the instructor.
 */
export function PresentExplain() {
  const presenting = useStore(selectPresenting)
  if (!presenting) return null
  return (
    // A long explanation scrolls under the playback buttons: the region takes the focus (Tab) so
    // a keyboard can scroll it too.
    <div className="present-explain" role="region" aria-label="Explanation" tabIndex={0}>
      <Quiet>
        <Suspense fallback={null}>
          <ExplainPanel />
        </Suspense>
      </Quiet>
    </div>
  )
}
