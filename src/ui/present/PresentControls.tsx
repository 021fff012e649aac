import { useState } from 'react'
import { selectCurrentScenario, selectPresenting, selectSetPresenting, useStore } from '../../store'
import { canFullscreen, requestPresentFullscreen, useIsFullscreen } from './fullscreen'
import { PresentIcon } from './icons'
import { OPEN_PROBLEMS, openPresenterView } from './openPresenter'
import './present.css'

const selectTitle = (s: Parameters<typeof selectCurrentScenario>[0]) =>
  selectCurrentScenario(s).title

/** "Open presenter view": a second window for the instructor's laptop screen. */
function PresenterViewButton({ className = 'button' }: { className?: string }) {
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="true"
        onClick={() => setProblem(OPEN_PROBLEMS[openPresenterView()])}
      >
        <PresentIcon name="presenter" />
        Open presenter view
      </button>
      {problem ? (
        <p className="present-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  )
}

/**
 * The header's presentation controls: "Present" normally; while presenting, the scenario's
 * title, "Open presenter view" and "Exit presentation" (the only header items left showing).
 */
export function PresentControls() {
  const presenting = useStore(selectPresenting)
  const setPresenting = useStore(selectSetPresenting)
  const title = useStore(selectTitle)
  const fullscreen = useIsFullscreen()

  if (!presenting)
    return (
      <button
        type="button"
        className="button tool-button present-button"
        data-present-toggle=""
        aria-keyshortcuts="P"
        title="Present (P): large type, projector colours, full screen"
        onClick={() => {
          // The click is the gesture fullscreen needs: asked for here, not after the render.
          requestPresentFullscreen()
          setPresenting(true)
        }}
      >
        <PresentIcon name="present" />
        <span className="tool-text">Present</span>
      </button>
    )

  return (
    <div className="present-tools">
      <p className="present-title">{title}</p>
      <div className="present-actions">
        {/* Opened from a link (present=1) there was no gesture to go fullscreen with: offer one. */}
        {!fullscreen && canFullscreen() ? (
          <button
            type="button"
            className="button present-action"
            onClick={requestPresentFullscreen}
          >
            <PresentIcon name="fullscreen" />
            Full screen
          </button>
        ) : null}
        <PresenterViewButton className="button present-action" />
        <button
          type="button"
          className="button present-action"
          data-present-toggle=""
          aria-keyshortcuts="Escape P"
          onClick={() => setPresenting(false)}
        >
          <PresentIcon name="exit" />
          Exit presentation
        </button>
      </div>
    </div>
  )
}
