import { flushSync } from 'react-dom'
import { createRoot, hydrateRoot } from 'react-dom/client'
import { loadCatalogue, useStore } from './store'
import { readMotion } from './store/slices/prefs'
import { hasSavedApp } from './ui/editor/savedAppKey'
import { isPresenterView } from './ui/present/presenterEntry'
import { loadMotion } from './ui/playback/motionLoader'
import { loadLinkSync } from './ui/share/linkSync'
import { loadPresentMode } from './ui/shell/App'
import { Root } from './ui/shell/Root'
import { afterFirstPaint } from './ui/shell/afterFirstPaint'
import './ui/shell/boot.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element to render Roundtrip into')
// `?view=presenter`: the instructor's second window, fed by the projected one (a lazy chunk).
const presenter = isPresenterView(window.location.search)
const linked = window.location.hash.length > 1
// The presenter view only mirrors the projected window: it neither restores nor saves an app.
const saved = !presenter && hasSavedApp()

/**
 * Whether the app at rest that the build rendered into #root (src/ui/shell/prerender.tsx) is what
 * this visit's first render draws, so React can take it over (hydrate) instead of drawing it
 * again: a plain visit with the default motion choice. boot.js, which ran before the body was
 * parsed, decided the same and hid the markup otherwise (`data-boot="client"`).
 */
const hydrates =
  root.hasAttribute('data-prerendered') &&
  document.documentElement.dataset.boot !== 'client' &&
  !presenter &&
  !linked &&
  !saved &&
  readMotion() === 'system'

// Not the app at rest: the prerendered markup (hidden by boot.css) makes way at once, before the
// link is read, so nothing can reach its controls meanwhile.
if (!hydrates) {
  root.removeAttribute('data-prerendered')
  root.replaceChildren()
}

/**
 * What must be read before the first paint, so the page never flashes the default scenario:
 * the link, when the address has a hash, and an app edited on an earlier visit, unless the link
 * names a scenario. Both need the codec and the schemas, so a plain visit loads them after paint.
 * (The app's lesson and presentation mode follow when it mounts, with the address kept in step.)
 */
const openLinkAndSavedApp = async (): Promise<void> => {
  // The presenter view shows the projected window's scenario by name: it waits for the catalogue
  // (src/store/catalogue.ts), as a link does; a plain visit's first screen needs only the default.
  if (presenter) await loadCatalogue()
  if (!linked && !saved) return
  const [{ readAddress }, { applyLink }] = await Promise.all([
    loadLinkSync(),
    import('./link/state'),
    loadCatalogue(),
    // A link's trace shows its packet and slider moving from the first frame.
    loadMotion(),
  ])
  const link = readAddress()
  applyLink(link, { keys: [] })
  if (saved) (await import('./ui/editor/persistence')).restoreSavedApp(link.text)
  // A link that opens presenting shows the projector layout from the first frame.
  if (useStore.getState().presenting) await loadPresentMode()
}

/** A server and client render that disagree are a bug: say so plainly (the e2e tests look). */
const onRecoverableError = (error: unknown) =>
  console.error('Roundtrip: hydration fell back to rendering in the page:', error)

// Rendered at once, in this task: what waits for the first paint (below) counts from its frame.
const render = () => {
  const tree = <Root presenter={presenter} />
  if (hydrates) {
    hydrateRoot(root, tree, { onRecoverableError })
    return
  }
  const reactRoot = createRoot(root, { onRecoverableError })
  flushSync(() => reactRoot.render(tree))
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
