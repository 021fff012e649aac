import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { applyLink } from './link/state'
import { readAddress } from './link/sync'
import { useStore } from './store'
import { keepAppSaved, restoreSavedApp } from './ui/editor/persistence'
import { PresenterRoot, isPresenterView } from './ui/present/presenterEntry'
import { App } from './ui/shell/App'
import { MotionRoot } from './ui/shell/MotionRoot'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element to render Roundtrip into')
// `?view=presenter`: the instructor's second window, fed by the projected one (a lazy chunk).
const presenter = isPresenterView(window.location.search)

// Open the linked scenario before the first paint, so the page never flashes the default one.
// (The app's lesson and presentation mode follow when it mounts, with the address kept in step.)
const link = readAddress()
applyLink(link, { keys: [] })
// An app edited on an earlier visit comes back, unless the link names a scenario. The presenter
// view only mirrors the projected window, so it must neither restore nor overwrite the saved app.
if (!presenter) {
  restoreSavedApp(link.text)
  keepAppSaved()
}

createRoot(root).render(
  <StrictMode>
    <MotionRoot>{presenter ? <PresenterRoot /> : <App />}</MotionRoot>
  </StrictMode>,
)

// The transport (msw and its worker) loads after first paint; "Send request" waits for it.
// The presenter view sends nothing: it shows the projected window's trace.
if (!presenter)
  void import('./transport')
    .then((m) => m.startTransport())
    .then((t) => useStore.getState().setTransport(t))
    .catch((error: unknown) =>
      useStore.getState().failTransport(error instanceof Error ? error.message : String(error)),
    )
