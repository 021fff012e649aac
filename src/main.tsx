import { StrictMode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { loadCatalogue, useStore } from './store'
import { hasSavedApp } from './ui/editor/savedAppKey'
import { PresenterRoot, isPresenterView } from './ui/present/presenterEntry'
import { loadLinkSync } from './ui/share/linkSync'
import { AnimationRoot } from './ui/shell/AnimationRoot'
import { App, loadPresentMode } from './ui/shell/App'
import { afterFirstPaint } from './ui/shell/afterFirstPaint'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element to render Roundtrip into')
// `?view=presenter`: the instructor's second window, fed by the projected one (a lazy chunk).
const presenter = isPresenterView(window.location.search)

/**
 * What must be read before the first paint, so the page never flashes the default scenario:
 * the link, when the address has a hash, and an app edited on an earlier visit, unless the link
 * names a scenario. Both need the codec and the schemas, so a plain visit loads them after paint.
 * (The app's lesson and presentation mode follow when it mounts, with the address kept in step.)
 */
const openLinkAndSavedApp = async (): Promise<void> => {
  const linked = window.location.hash.length > 1
  // The presenter view only mirrors the projected window: it neither restores nor saves an app.
  const saved = !presenter && hasSavedApp()
  // The presenter view shows the projected window's scenario by name: it waits for the catalogue
  // (src/store/catalogue.ts), as a link does; a plain visit's first screen needs only the default.
  if (presenter) await loadCatalogue()
  if (!linked && !saved) return
  const [{ readAddress }, { applyLink }] = await Promise.all([
    loadLinkSync(),
    import('./link/state'),
    loadCatalogue(),
  ])
  const link = readAddress()
  applyLink(link, { keys: [] })
  if (saved) (await import('./ui/editor/persistence')).restoreSavedApp(link.text)
  // A link that opens presenting shows the projector layout from the first frame.
  if (useStore.getState().presenting) await loadPresentMode()
}

// Rendered at once, in this task: what waits for the first paint (below) counts from its frame.
const render = () => {
  const reactRoot = createRoot(root)
  flushSync(() =>
    reactRoot.render(
      <StrictMode>
        <AnimationRoot>{presenter ? <PresenterRoot /> : <App />}</AnimationRoot>
      </StrictMode>,
    ),
  )
}

void openLinkAndSavedApp()
  .catch((error: unknown) => console.error('Roundtrip could not read its link', error))
  .then(render)
  // What the first screen does not show loads once it is painted, so it never holds the paint up.
  .then(afterFirstPaint)
  .then(() => {
    void loadCatalogue()
    if (presenter) return
    // An app edited from now on is kept for the next visit.
    void import('./ui/editor/persistence').then((m) => m.keepAppSaved())
    // The transport (msw and its worker) loads after first paint; "Send request" waits for it.
    // The presenter view sends nothing: it shows the projected window's trace.
    void import('./transport')
      .then((m) => m.startTransport())
      .then((t) => useStore.getState().setTransport(t))
      .catch((error: unknown) =>
        useStore.getState().failTransport(error instanceof Error ? error.message : String(error)),
      )
  })
