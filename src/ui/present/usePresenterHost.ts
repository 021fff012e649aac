import { useEffect } from 'react'
import type { RoundtripState } from '../../store'
import { selectCurrentScenario, useStore } from '../../store'
import type { Command, Playhead, PresentLink, PresentMessage, Shown } from './channel'
import { openChannel } from './channel'

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

    link = openChannel((message: PresentMessage) => {
      if (message.type === 'hello') {
        presenterSeen = true
        sendState()
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
        state.playhead !== before.playhead ||
        state.playing !== before.playing ||
        state.presenting !== before.presenting
      ) {
        link?.post({ type: 'playhead', ...playheadOf(state) })
      }
    })
    // A presenter already open (this page was reloaded) hears of the new session and says hello.
    link.post({ type: 'playhead', ...playheadOf(useStore.getState()) })

    const bye = () => link?.post({ type: 'bye', from: 'main' })
    window.addEventListener('pagehide', bye)
    return () => {
      window.removeEventListener('pagehide', bye)
      unsubscribe()
      bye()
      link?.close()
    }
  }, [])
}
