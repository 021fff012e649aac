import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react'
import { useStore as useVanillaStore } from 'zustand'
import { pageView } from '../../link/pageView'
import {
  selectCurrentScenario,
  selectCustomized,
  selectEventCount,
  selectPlayhead,
  selectSending,
  selectTrace,
  useStore,
} from '../../store'
import { HelpDialog } from '../controls/HelpDialog'
import { Icon } from '../controls/icons'
import {
  PlayButton,
  RestartButton,
  StepBackButton,
  StepForwardButton,
} from '../controls/PlaybackButtons'
import { PlayheadSlider } from '../controls/PlayheadSlider'
import { useKeyboardShortcuts } from '../controls/useKeyboardShortcuts'
import { JourneyDiagram } from '../journey/JourneyDiagram'
import { LessonSlot } from '../lessons/LessonSlot'
import { Narration } from '../narration/Narration'
import { PlayheadMotion } from '../playback/PlayheadMotion'
import { useMotionReduced } from '../playback/useMotionReduced'
import { usePlaybackDriver } from '../playback/usePlaybackDriver'
import { Notices } from '../shell/Notices'
import '../styles/tokens.css'
import '../styles/base.css'
import '../controls/controls.css'
import '../shell/app.css'
import './embed.css'

interface EmbedAppProps {
  /** Sends the first request and starts the journey (the start overlay's click). */
  readonly onStart: () => Promise<void>
  /** The full app's address for the moment on screen. */
  readonly fullAppHref: () => string
  /** Receives the element whose height is the widget's content height. */
  readonly rootRef?: (element: HTMLDivElement | null) => void
  /**
   * A line for the host page's author about the address's `parent=` list (entries left out, or
   * that it lets no page command the widget), shown for as long as the widget is open.
   */
  readonly parentNotice?: string | null
}

// The page-load view is its own chunk, fetched only when the widget shows a page load.
const PageLoadView = lazy(() => import('../page/PageLoadView'))

function PlaybackDriver() {
  usePlaybackDriver()
  return null
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="1" y="1" width="30" height="30" rx="8" />
      <path d="M11 7v15M7 18l4 4 4-4M21 25V10M17 14l4-4 4 4" />
    </svg>
  )
}

/** Before the first request: one clear action, and nothing sent or played until it is taken. */
function StartOverlay({ onStart }: { onStart: () => void }) {
  const scenario = useStore(selectCurrentScenario)
  const customized = useStore(selectCustomized)
  const title = customized ? 'Custom app' : scenario.title
  return (
    <div className="embed-start">
      <div className="embed-start-card">
        <button type="button" className="button embed-start-button" onClick={onStart}>
          <Icon name="play" />
          <span>Start: {title}</span>
        </button>
        {customized ? null : <p className="embed-start-goal">{scenario.goal}</p>}
        <p className="embed-start-hint">
          Sends one request, then plays its journey step by step. Pause or step at any time.
        </p>
      </div>
    </div>
  )
}

/** Compact playback: the buttons the contract names, the playhead slider, the step count. */
function EmbedControls() {
  const count = useStore(selectEventCount)
  const playhead = useStore(selectPlayhead)
  const noTrace = count === 0
  return (
    <div className="embed-controls" role="group" aria-label="Playback">
      <RestartButton />
      <StepBackButton className="embed-step" labelClassName="embed-label" />
      <PlayButton />
      <StepForwardButton className="embed-step" labelClassName="embed-label" />
      <div className="embed-playhead">
        {noTrace ? <span className="embed-track-empty" aria-hidden="true" /> : <PlayheadSlider />}
        <span className="embed-count" aria-hidden="true">
          {noTrace ? '–' : `${playhead + 1} / ${count}`}
        </span>
      </div>
    </div>
  )
}

function OpenLink({ fullAppHref }: Pick<EmbedAppProps, 'fullAppHref'>) {
  // Re-rendered as the step, app or scenario changes, so the link opens this very moment.
  useStore((s) => s.playhead)
  useStore((s) => s.traced ?? s.working)
  useVanillaStore(pageView, (s) => `${s.open} ${s.scenarioId} ${s.step} ${s.request}`)
  return (
    <a className="embed-open" href={fullAppHref()} target="_blank" rel="noopener">
      Open in Roundtrip
      <span className="embed-open-mark" aria-hidden="true">
        ↗
      </span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  )
}

/**
 * The embeddable widget: the journey, the step in words and compact playback, sized to its
 * frame. Nothing is sent or played until the reader presses Start (or the host page commands).
 */
export function EmbedApp({ onStart, fullAppHref, rootRef, parentNotice = null }: EmbedAppProps) {
  const page = useVanillaStore(pageView, (s) => s.open)
  const pageId = useVanillaStore(pageView, (s) => s.scenarioId)
  const trace = useStore(selectTrace)
  const sending = useStore(selectSending)
  const scenario = useStore(selectCurrentScenario)
  const customized = useStore(selectCustomized)
  const [helpOpen, setHelpOpen] = useState(false)
  const openHelp = useCallback(() => setHelpOpen(true), [])
  const closeHelp = useCallback(() => setHelpOpen(false), [])
  useKeyboardShortcuts(helpOpen ? null : openHelp)

  const reduced = useMotionReduced()
  useEffect(() => {
    document.documentElement.dataset.motion = reduced ? 'reduce' : 'full'
  }, [reduced])

  const started = trace !== null || sending
  const playButtonFocus = useRef(false)
  const start = useCallback(() => {
    playButtonFocus.current = true
    onStart().catch(() => {
      // The store's notice says what went wrong; the Start button stays for another try.
    })
  }, [onStart])
  // The start button disappears under the keyboard's focus: hand focus on to Play.
  useEffect(() => {
    if (!trace || !playButtonFocus.current) return
    playButtonFocus.current = false
    document.querySelector<HTMLButtonElement>('.embed-controls .button-play')?.focus()
  }, [trace])

  return (
    <PlayheadMotion>
      <PlaybackDriver />
      <div className="embed" ref={rootRef} data-started={started ? 'true' : 'false'}>
        <header className="embed-header">
          <Logo />
          <h1 className="embed-title">
            {page ? 'Page load' : customized ? 'Custom app' : scenario.title}
          </h1>
          <OpenLink fullAppHref={fullAppHref} />
        </header>
        {parentNotice ? (
          <div className="notices">
            <p className="notice notice-error">
              <span className="notice-icon" aria-hidden="true">
                !
              </span>
              {parentNotice}
            </p>
          </div>
        ) : null}
        <Notices />
        {page ? (
          <main className="embed-main embed-page" data-page={pageId}>
            <Suspense fallback={<p className="embed-start-hint">Loading the page load…</p>}>
              <PageLoadView embedded />
            </Suspense>
          </main>
        ) : null}
        <main className="embed-main" hidden={page}>
          <div className="embed-stage" inert={!started}>
            <div className="embed-narration" data-sticky="top">
              <Narration />
            </div>
            {/* A lesson (the address's lesson=, opened at Start): its questions and results. */}
            <LessonSlot />
            <section className="embed-journey" aria-label="Journey">
              <JourneyDiagram />
            </section>
          </div>
          {started ? null : <StartOverlay onStart={start} />}
        </main>
        <footer className="embed-footer" inert={!started} hidden={page} data-sticky="bottom">
          <EmbedControls />
        </footer>
      </div>
      <HelpDialog open={helpOpen} onClose={closeHelp} />
    </PlayheadMotion>
  )
}
