import { Controls } from '../controls/Controls'
import { useKeyboardShortcuts } from '../controls/useKeyboardShortcuts'
import { JourneyDiagram } from '../journey/JourneyDiagram'
import { Narration } from '../narration/Narration'
import { usePlaybackDriver } from '../playback/usePlaybackDriver'
import { Notices } from './Notices'
import { ScenarioGoal, ScenarioPicker } from './ScenarioPicker'
import { useScenarioHash } from './useScenarioHash'
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

/** The whole page: header with the scenario, the narration line, the journey, the controls. */
export function App() {
  usePlaybackDriver()
  useKeyboardShortcuts()
  useScenarioHash()
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <Logo />
          <h1>Roundtrip</h1>
        </div>
        <ScenarioPicker />
        <ScenarioGoal />
        <p className="shortcuts">
          Keys <kbd>Space</kbd> play <kbd>←</kbd>
          <kbd>→</kbd> step <kbd>Home</kbd>
          <kbd>End</kbd>
        </p>
      </header>
      <Notices />
      <main className="app-main">
        <Narration />
        <JourneyDiagram />
      </main>
      <footer className="app-footer">
        <Controls />
      </footer>
    </div>
  )
}
