import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useStore } from '../store'
import { EmbedApp } from '../ui/embed/EmbedApp'
import { MotionRoot } from '../ui/shell/MotionRoot'
import { startBridge } from './bridge'
import type { Decoded } from '../link/hash'
import { decodeState, encodeState } from '../link/hash'
import { applyLinkState, extraKeys, linkStateOf } from '../link/sync'
import { readEmbedParams } from './params'
import { keepScrollingInside } from './scroll'
import { createSession } from './session'

// embed.html: the widget a course page frames. Nothing is sent or played until the reader
// presses Start or the host page sends `play` / `load`.
const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('embed.html has no #root element to render Roundtrip into')

// The deep link's keys (scenario or app, request, seed, depth, theme) are applied at once; its
// step waits for Start, because applying it would send the request.
keepScrollingInside(window)
const hash = window.location.hash
const params = readEmbedParams(hash)
const withoutStep = (decoded: Decoded): Decoded => ({
  state: { ...decoded.state, step: undefined },
  notice: decoded.notice,
})
const decoded = decodeState(hash)
const startStep = decoded.state.step ?? null
applyLinkState(withoutStep(decoded))
const notice = [
  decoded.notice,
  params.problems.length > 0
    ? `Part of the link was ignored: ${params.problems.join('; ')}.`
    : null,
]
  .filter(Boolean)
  .join(' ')
useStore.getState().setScenarioNotice(notice || null)
if (decoded.state.theme && decoded.state.theme !== 'system')
  document.documentElement.dataset.theme = decoded.state.theme

// The host may point the frame at another scenario by changing the hash: open that one, unstarted.
window.addEventListener('hashchange', () =>
  applyLinkState(withoutStep(decodeState(window.location.hash))),
)

const session = createSession(useStore)
/** The full app at this moment: the same link, with the embed's own keys left out. */
const fullAppHref = (): string => {
  const extra = extraKeys(window.location.hash)
  delete extra.parent
  delete extra.host
  const link = encodeState(linkStateOf(useStore.getState(), { extra }))
  return `./index.html${link ? `#${link}` : ''}`
}

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
        onStart={() => session.start(startStep)}
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
