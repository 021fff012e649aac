import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import type * as PresentModeExports from '../present/PresentMode'
import { CompareButton } from '../compare/CompareButton'
import { Controls } from '../controls/Controls'
import { useKeyboardShortcuts } from '../controls/useKeyboardShortcuts'
import { JourneyDiagram } from '../journey/JourneyDiagram'
import { LessonSlot } from '../lessons/LessonSlot'
import { useLessonHash } from '../lessons/useLessonHash'
import { LibraryButton } from '../library/LibraryButton'
import { Narration } from '../narration/Narration'
import { HarImport } from '../har/HarImport'
import { PageLoadButton } from '../page/PageLoadButton'
import { PlayheadMotion } from '../playback/PlayheadMotion'
import { useMotionReduced } from '../playback/useMotionReduced'
import { usePlaybackDriver } from '../playback/usePlaybackDriver'
import { PresentControls } from '../present/PresentControls'
import { PresentExplain } from '../present/PresentExplain'
import { afterFirstPaint } from './afterFirstPaint'
import { DetailTabs } from './DetailTabs'
import { DisplayMenu } from './DisplayMenu'
import { Notices } from './Notices'
import { ScenarioGoal, ScenarioPicker } from './ScenarioPicker'
import { ShareButton } from '../share/ShareButton'
import { useStore } from '../../store'
import { useDeepLink } from '../share/useDeepLink'
import '../styles/tokens.css'
import '../styles/base.css'
import './app.css'

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="1" y="1" width="30" height="30" rx="8" />
      <path d="M11 7v15M7 18l4 4 4-4M21 25V10M17 14l4-4 4 4" />
    </svg>
  )
}

/** CSS reads the effective motion choice from the root element (transitions off when reduced). */
const useMotionAttribute = (): void => {
  const reduced = useMotionReduced()
  useEffect(() => {
    document.documentElement.dataset.motion = reduced ? 'reduce' : 'full'
  }, [reduced])
}

// Not needed to draw the first screen: the shortcuts list loads when it is first asked for (and
// is fetched once the page is up), presentation mode's page-wide parts just after first paint.
const loadHelpDialog = () => import('../controls/HelpDialog')
const HelpDialog = lazy(() => loadHelpDialog().then((m) => ({ default: m.HelpDialog })))
type PresentModeModule = typeof PresentModeExports
let presentMode: PresentModeModule | null = null

/**
 * Presentation mode's page-wide parts (root attributes, fullscreen, the presenter channel). A page
 * whose link opens it presenting loads them before its first render (main.tsx), so the first frame
 * already has the projector layout.
 */
export const loadPresentMode = (): Promise<PresentModeModule> =>
  import('../present/PresentMode').then((m) => (presentMode = m))

function PresentModeSlot() {
  const [loaded, setLoaded] = useState(presentMode)
  useEffect(() => {
    if (loaded) return
    let live = true
    const start = useStore.getState().presenting ? Promise.resolve() : afterFirstPaint()
    void start
      .then(loadPresentMode)
      .then((m) => live && setLoaded(m))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [loaded])
  return loaded ? <loaded.PresentMode /> : null
}

/** Playback timing lives in its own leaf, so a step re-renders it, not the whole page. */
function PlaybackDriver() {
  usePlaybackDriver()
  return null
}

/**
 * The whole page: the scenario on top; the journey on the left and, on the right, the step in
 * words with the detail tabs; playback along the bottom.
 */
export function App() {
  const [helpOpen, setHelpOpen] = useState(false)
  const openHelp = useCallback(() => setHelpOpen(true), [])
  const closeHelp = useCallback(() => setHelpOpen(false), [])
  useKeyboardShortcuts(helpOpen ? null : openHelp)
  useDeepLink()
  useLessonHash()
  useMotionAttribute()
  useEffect(
    () =>
      void afterFirstPaint()
        .then(loadHelpDialog)
        .catch(() => {}),
    [],
  )

  return (
    <PlayheadMotion>
      <PlaybackDriver />
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <Logo />
            <h1>Roundtrip</h1>
          </div>
          <ScenarioPicker />
          <ScenarioGoal />
          <div className="header-tools">
            <LibraryButton />
            <PresentControls />
            <ShareButton />
            <CompareButton />
            <PageLoadButton />
            <HarImport />
            <DisplayMenu />
            <button
              type="button"
              className="button help-button"
              aria-label="Keyboard shortcuts"
              aria-keyshortcuts="?"
              aria-haspopup="dialog"
              onClick={openHelp}
            >
              <span className="help-mark" aria-hidden="true">
                ?
              </span>
            </button>
          </div>
        </header>
        <Notices />
        <main className="app-main">
          <section className="journey-pane" aria-label="Journey">
            <JourneyDiagram />
          </section>
          <section className="detail-pane" aria-label="This step">
            <Narration />
            <LessonSlot />
            <DetailTabs />
            <PresentExplain />
          </section>
        </main>
        <footer className="app-footer">
          <Controls />
        </footer>
      </div>
      <Suspense fallback={null}>
        <HelpDialog open={helpOpen} onClose={closeHelp} />
      </Suspense>
      <PresentModeSlot />
    </PlayheadMotion>
  )
}
