import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { useStore } from '../store'
import { EmbedApp } from '../ui/embed/EmbedApp'
import { MotionRoot } from '../ui/shell/MotionRoot'
import { startBridge } from './bridge'
import type { ParsedLink } from '../link/hash'
import type { KeyName } from '../link/hash'
import { KEYS, encodeState, extraOf, momentOf, pageValuesOf } from '../link/hash'
import { pageView } from '../link/pageView'
import { applyLink, linkStateOf } from '../link/state'
import { readAddress, startLinkSync } from '../link/sync'
import { embedParamsOf } from './params'
import { keepScrollingInside } from './scroll'
import { createSession } from './session'

export interface BootOptions {
  /** Where the widget renders; the poster in it is replaced. */
  readonly rootElement: HTMLElement
  /** The messages the poster kept, in order; the bridge reads them first. Called once. */
  readonly takeEarlier: () => readonly MessageEvent[]
  /** The reader pressed the poster's Start: start at once, as the Start button does. */
  readonly start: boolean
}

/**
 * The widget itself, loaded by embed.html's poster (main.ts) on Start or on the host page's
 * first command. Nothing is sent or played until the reader presses Start or the host page
 * sends `play` / `load`.
 */
export const bootEmbed = ({ rootElement, takeEarlier, start }: BootOptions): void => {
  keepScrollingInside(window)
  const link = readAddress()
  // The bridge keeps the `parent` and `host` the widget was loaded with.
  const params = embedParamsOf(link)
  // The link's step waits for Start, because showing it would send the request.
  const startStep = momentOf(link).state.step ?? null
  // A repeat (`warm=N`) is rebuilt at Start by sending the request N times before; a lesson
  // (`lesson=`) is opened at Start, never before (its request would go out).
  const startWarm = momentOf(link).state.warm ?? 0
  const startLesson = link.values.lesson ?? null
  // A page load (`#page=`) is simulated in the widget: nothing to send, so nothing to start.
  const startJourney = () =>
    pageView.getState().open ? Promise.resolve() : session.start(startStep, startWarm, startLesson)

  /**
   * The link's moment (scenario or app, request, seed, depth, theme) opens at once, unstarted;
   * so does the one the host points the frame at later by changing its hash.
   */
  const open = (next: ParsedLink) => {
    // `parent` has its own line (params.parentNotice): it is read once, and stays after a `load`.
    const state = applyLink(next, { keys: ['host', 'page'], step: false, namesApp: true })
    if (state.theme && state.theme !== 'system')
      document.documentElement.dataset.theme = state.theme
  }
  // The widget reads its address, and never writes it: the host page owns it.
  startLinkSync({ apply: open, write: false })

  const session = createSession(useStore)
  /** The full app at this moment: the same link, with the embed's own keys left out. */
  const fullAppHref = (): string => {
    const extra = extraOf(readAddress())
    delete extra.parent
    delete extra.host
    const view = pageView.getState()
    const pageValues = pageValuesOf(view.open ? view : null)
    for (const [name, value] of Object.entries(pageValues)) {
      const text =
        value === null || value === undefined
          ? null
          : (KEYS[name as KeyName].write as (v: unknown) => string | null)(value)
      if (text === null) delete extra[name]
      else extra[name] = text
    }
    const hash = encodeState(linkStateOf(useStore.getState(), { extra }))
    return `./index.html${hash ? `#${hash}` : ''}`
  }

  let bridgeStarted = false
  const onRoot = (element: HTMLDivElement | null) => {
    // The bridge needs the content element for its height; it starts once, with the first one.
    if (!element || bridgeStarted) return
    bridgeStarted = true
    // The poster has said `ready` already.
    startBridge({
      win: window,
      store: useStore,
      session,
      params,
      root: element,
      takeEarlier,
      announce: false,
    })
  }

  // Pressed on the poster: the request goes out now, so the app opens started (no second Start).
  if (start)
    void startJourney()
      .then(() => {
        // The poster's button went away under the keyboard's focus: hand it on to Play.
        if (document.activeElement === document.body)
          document.querySelector<HTMLButtonElement>('.embed-controls .button-play')?.focus()
      })
      .catch(() => {
        // The store's notice says what went wrong; the Start button is back for another try.
      })

  createRoot(rootElement).render(
    <StrictMode>
      <MotionRoot>
        <EmbedApp
          onStart={startJourney}
          fullAppHref={fullAppHref}
          rootRef={onRoot}
          parentNotice={params.parentNotice}
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
}
