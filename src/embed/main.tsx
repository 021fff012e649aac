import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Depth } from '../store'
import { DEPTHS, useStore } from '../store'
import { EmbedApp } from '../ui/embed/EmbedApp'
import { MotionRoot } from '../ui/shell/MotionRoot'
import { startBridge } from './bridge'
import { fullAppHash, readEmbedParams } from './params'
import { createSession } from './session'

// embed.html: the widget a course page frames. Nothing is sent or played until the reader
// presses Start or the host page sends `play` / `load`.
const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('embed.html has no #root element to render Roundtrip into')

const hash = window.location.hash
const params = readEmbedParams(hash)
const store = useStore.getState()
store.loadScenarioFromHash(hash)
if ((DEPTHS as readonly (string | null)[]).includes(params.depth))
  store.setDepth(params.depth as Depth)
if (params.theme) document.documentElement.dataset.theme = params.theme
if (params.problems.length > 0 && !useStore.getState().scenarioNotice)
  store.setScenarioNotice(`Part of the link was ignored: ${params.problems.join('; ')}.`)

// The host may point the frame at another scenario by changing the hash: start that one afresh.
window.addEventListener('hashchange', () =>
  useStore.getState().loadScenarioFromHash(window.location.hash),
)

const session = createSession(useStore)
const fullAppHref = (scenario: string | null, step: number | null): string =>
  `./index.html${fullAppHash(hash, { scenario, step })}`

let bridgeStarted = false
const onRoot = (element: HTMLDivElement | null) => {
  // The bridge needs the content element for its height; it starts once, with the first one.
  if (!element || bridgeStarted) return
  bridgeStarted = true
  startBridge({ win: window, store: useStore, session, params, root: element })
}

createRoot(rootElement).render(
  <StrictMode>
    <MotionRoot>
      <EmbedApp
        onStart={() => session.start(params.step)}
        fullAppHref={fullAppHref}
        rootRef={onRoot}
      />
    </MotionRoot>
  </StrictMode>,
)

// The transport starts as in the full app: the msw worker where one can run, else in the page
// (a sandboxed frame without allow-same-origin, file://), with a notice saying so.
void import('../transport')
  .then((m) => m.startTransport())
  .then((t) => useStore.getState().setTransport(t))
  .catch((error: unknown) =>
    useStore.getState().failTransport(error instanceof Error ? error.message : String(error)),
  )
