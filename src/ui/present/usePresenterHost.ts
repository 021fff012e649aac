import { useEffect } from 'react'
import type { RoundtripState } from '../../store'
import { selectCurrentScenario, useStore } from '../../store'
import { pageChoiceOf, pageView } from '../../link/pageView'
import type { Command, PageShown, Playhead, PresentLink, PresentMessage, Shown } from './channel'
import { openChannel } from './channel'

/** The page-load view as the presenter mirrors it, or `null` when it is closed. */
const pageShownOf = (): PageShown | null => {
  const view = pageView.getState()
  return view.open
    ? {
        choice: pageChoiceOf(view),
        step: view.step,
        request: view.request,
        playing: view.playing,
      }
    : null
}

/**
 * While the page-load view is open, the presenter's commands move its playhead. The view clamps
 * a step past its last one (a presenter's End asks for the largest step there is).
 */
const applyToPage = (command: Command, index: number | undefined): boolean => {
  const view = pageView.getState()
  if (!view.open) return false
  const to = (step: number) => {
    view.setPlaying(false)
    view.setStep(Math.max(0, Math.min(100_000, step)))
  }
  switch (command) {
    case 'stepForward':
      to(view.step + 1)
      break
    case 'stepBack':
      to(view.step - 1)
      break
    case 'play':
      view.setPlaying(true)
      break
    case 'pause':
      view.setPlaying(false)
      break
    case 'restart':
      to(0)
      break
    case 'seek':
      to(index ?? view.step)
      break
  }
  return true
}

/** A fresh id per page load: a reloaded projected window is a new session to the presenter. */
const newSession = (): string =>
  globalThis.crypto?.randomUUID?.() ??
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

const titleOf = (state: RoundtripState): string => {
  const { title } = selectCurrentScenario(state)
  return state.customized ? `${title} (changed)` : title
}

const shownOf = (state: RoundtripState): Shown | null =>
  state.trace && state.traced
    ? {
        title: titleOf(state),
        scenario: state.traced.scenario,
        request: state.traced.request,
        trace: state.trace,
      }
    : null

const apply = (command: Command, index: number | undefined): void => {
  if (applyToPage(command, index)) return
  const store = useStore.getState()
  switch (command) {
    case 'stepForward':
      return store.stepForward()
    case 'stepBack':
      return store.stepBack()
    case 'play':
      return store.play()
    case 'pause':
      return store.pause()
    case 'restart':
      return store.restart()
    case 'seek':
      return store.seek(index ?? store.playhead)
  }
}

/**
 * The projected window's side of the presenter link: it answers a presenter's hello with what is
 * on screen, tells it about every step, and carries out its commands. The trace itself is sent
 * only once a presenter has said hello, and again only when it changes.
 */
export const usePresenterHost = (): void => {
  useEffect(() => {
    const session = newSession()
    let traceId = 0
    let since: number | null = useStore.getState().presenting ? Date.now() : null
    let presenterSeen = false
    let link: PresentLink | null = null

    const playheadOf = (state: RoundtripState): Playhead => ({
      session,
      traceId,
      playhead: state.playhead,
      playing: state.playing,
      presenting: state.presenting,
      since,
    })
    const sendState = () => {
      const state = useStore.getState()
      link?.post({ type: 'state', shown: shownOf(state), ...playheadOf(state) })
    }

    const sendPage = () => link?.post({ type: 'page', session, page: pageShownOf() })
    link = openChannel((message: PresentMessage) => {
      if (message.type === 'hello') {
        presenterSeen = true
        sendState()
        sendPage()
      } else if (message.type === 'command') {
        apply(message.command, message.index)
      }
    })
    if (!link) return

    const unsubscribe = useStore.subscribe((state, before) => {
      if (state.presenting !== before.presenting) since = state.presenting ? Date.now() : null
      const traceChanged = state.trace !== before.trace || state.traced !== before.traced
      if (traceChanged) traceId += 1
      if (traceChanged || state.scenarioId !== before.scenarioId) {
        if (presenterSeen) sendState()
        else link?.post({ type: 'playhead', ...playheadOf(state) })
      } else if (
        presenterSeen &&
        (state.playhead !== before.playhead ||
          state.playing !== before.playing ||
          state.presenting !== before.presenting)
      ) {
        // Only to a presenter that has said hello: posting in every step's task cost about 1 ms
        // of it at 4x CPU throttling, heard by nobody. A presenter opened later says hello and
        // is sent the whole state; one already open hears of this window from the first post.
        link?.post({ type: 'playhead', ...playheadOf(state) })
      }
    })
    // The page-load view: every change of what it shows (its step past the last is clamped there).
    const unsubscribePage = pageView.subscribe((view, before) => {
      if (
        view.open !== before.open ||
        (view.open &&
          (view.step !== before.step ||
            view.request !== before.request ||
            view.playing !== before.playing ||
            JSON.stringify(pageChoiceOf(view)) !== JSON.stringify(pageChoiceOf(before))))
      )
        sendPage()
    })
    // A presenter already open (this page was reloaded) hears of the new session and says hello.
    link.post({ type: 'playhead', ...playheadOf(useStore.getState()) })

    const bye = () => link?.post({ type: 'bye', from: 'main' })
    window.addEventListener('pagehide', bye)
    return () => {
      window.removeEventListener('pagehide', bye)
      unsubscribe()
      unsubscribePage()
      bye()
      link?.close()
    }
  }, [])
}
