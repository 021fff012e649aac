/**
 * embed.html: the widget a course page frames. Until the reader presses Start or the host page
 * sends a command, it is a poster (poster.ts, a few kilobytes, no React): five widgets on a page
 * cost five posters, not five apps. The poster says `ready` at once, reports its height, and keeps
 * every message that arrives; the app (app.tsx) loads on Start or on the first command, and reads
 * the kept messages first, in their order.
 */
import { readEntries } from '../link/entries'
import { inPageNotice, serviceWorkerBlocker } from '../transport/storage'
import { embedParamsOf } from './params'
import { drawPoster } from './poster'
import {
  ancestorOriginOf,
  canvasResizeMessage,
  eventEnvelope,
  initialTargets,
  looksLikeCommand,
  readyPayload,
  readyTargets,
} from './protocol'
// The app's styles: the poster is drawn in its markup, so it looks as the widget does at rest.
import '../ui/styles/tokens.css'
import '../ui/styles/base.css'
import '../ui/controls/controls.css'
import '../ui/shell/app.css'
import '../ui/journey/journey.css'
import '../ui/narration/narration.css'
import '../ui/embed/embed.css'

const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('embed.html has no #root element to render Roundtrip into')

const { entries } = readEntries(window.location.hash)
const params = embedParamsOf({ entries })
const theme = entries.get('theme')
if (theme === 'light' || theme === 'dark' || theme === 'projector')
  document.documentElement.dataset.theme = theme

// ── messages: kept for the app, which answers them once it has loaded ─────────────────────────
const earlier: MessageEvent[] = []
const onMessage = (event: MessageEvent) => {
  earlier.push(event)
  if (looksLikeCommand(event.data)) boot()
}
window.addEventListener('message', onMessage)

const embedded = window.parent !== window
const ancestorOrigin = ancestorOriginOf(window)
const targets = initialTargets(params.allowList, ancestorOrigin, document.referrer)
const post = (message: unknown, origins: readonly string[]) => {
  if (!embedded) return
  for (const origin of origins) {
    try {
      window.parent.postMessage(message, origin)
    } catch {
      // An origin the browser cannot target ('null'): nothing can be delivered there.
    }
  }
}
// `ready` at once: the host may send commands now; they wait here for the app.
post(
  eventEnvelope('ready', readyPayload()),
  readyTargets(params.allowList, targets, ancestorOrigin),
)

// ── the poster ────────────────────────────────────────────────────────────────────────────────
/** The full app at the link's moment, without the embed's own keys (the app refines it later). */
const fullAppHref = (() => {
  const kept = new URLSearchParams()
  for (const [name, value] of entries)
    if (name !== 'parent' && name !== 'host') kept.append(name, value)
  const hash = kept.toString()
  return `./index.html${hash ? `#${hash}` : ''}`
})()

let startPressed = false
// Where no service worker can run (a sandboxed frame, file://), the app will simulate in the
// page and say so: the poster says it already.
const blocker = serviceWorkerBlocker(window)
const poster = drawPoster(rootElement, {
  fullAppHref,
  notices: { parent: params.parentNotice, transport: blocker && inPageNotice(blocker) },
  onStart: () => {
    startPressed = true
    boot()
  },
})
// The title and goal come with the curated scenarios (a small chunk of data, no code).
void import('./posterText')
  .then(({ posterTextOf }) => poster.describe(posterTextOf(entries)))
  .catch(() => poster.describe({ title: 'Roundtrip', goal: null }))

// The host sizes the frame to the widget's height: the poster's, until the app reports its own.
let lastHeight = -1
const observer =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver(() => {
        const height = Math.ceil(poster.root.getBoundingClientRect().height)
        if (height === lastHeight || height <= 0) return
        lastHeight = height
        post(eventEnvelope('resize', { height }), targets)
        if (params.host === 'canvas') post(canvasResizeMessage(height), targets)
      })
observer?.observe(poster.root)

// ── the app, on Start or on the first command ────────────────────────────────────────────────
let booting = false
/** Hands the kept messages to the app's bridge, which listens from then on. */
const takeEarlier = () => {
  window.removeEventListener('message', onMessage)
  observer?.disconnect()
  return earlier.splice(0)
}

function boot() {
  if (startPressed) poster.loading()
  if (booting) return
  booting = true
  import('./app')
    .then(({ bootEmbed }) =>
      bootEmbed({ rootElement: rootElement!, takeEarlier, start: startPressed }),
    )
    .catch((error: unknown) => {
      booting = false
      poster.failed(
        `Roundtrip could not load (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`,
      )
    })
}
