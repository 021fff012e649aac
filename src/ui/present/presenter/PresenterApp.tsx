import type { ReactNode } from 'react'
import { Component, useEffect, useMemo } from 'react'
import { useStore as useVanillaStore } from 'zustand'
import { pageView } from '../../../link/pageView'
import {
  selectCurrentEvent,
  selectEventCount,
  selectEvents,
  selectPlayhead,
  selectPlaying,
  selectShown,
  useStore,
} from '../../../store'
import { Icon } from '../../controls/icons'
import ExplainPanel from '../../narration/ExplainPanel'
import { contextAt, courseLayerOf, explain } from '../../narration/explain'
import { RichText } from '../../narration/explain/RichText'
import { stepLine } from '../../narration/stepLine'
import type { Command } from '../channel'
import type { LinkStatus, Remote } from './usePresenterLink'
import { usePresenterLink } from './usePresenterLink'
import { PresenterPage } from './PresenterPage'
import { Timer } from './Timer'
import '../../styles/tokens.css'
import '../../styles/base.css'
import './presenter.css'

const MAX_PREVIEW = 180

/** The first sentence of an explanation, for a one-line preview ("127.0.0.1" is not a full stop). */
export const firstSentence = (text: string): string => {
  const match = /^(.+?[.!?])(?=\s|$)/.exec(text.trim())
  const sentence = match?.[1] ?? text.trim()
  return sentence.length > MAX_PREVIEW
    ? `${sentence.slice(0, MAX_PREVIEW - 1).trimEnd()}…`
    : sentence
}

type Send = (command: Command, index?: number) => void

const BUTTONS = 'button, a[href], [role="button"]'

/** The clicker and arrow keys work in this window too: they step the projected one. */
const usePresenterKeys = (send: Send, active: boolean): void => {
  useEffect(() => {
    if (!active) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return
      const view = pageView.getState()
      const playing = view.open ? view.playing : useStore.getState().playing
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
          send('stepForward')
          break
        case 'ArrowLeft':
        case 'PageUp':
          send('stepBack')
          break
        case 'Home':
          send('seek', 0)
          break
        case 'End':
          send('seek', Number.MAX_SAFE_INTEGER)
          break
        case ' ':
          if (e.target instanceof Element && e.target.closest(BUTTONS)) return
          if (!e.repeat) send(playing ? 'pause' : 'play')
          break
        default:
          return
      }
      e.preventDefault()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [send, active])
}

/** An explanation that cannot be shown (a message from a newer build) says so; the rest stays. */
class ExplainBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }
  static getDerivedStateFromError() {
    return { failed: true }
  }
  override render() {
    if (!this.state.failed) return this.props.children
    return <p className="presenter-note">This step’s explanation could not be shown here.</p>
  }
}

const LINK_TEXT: Record<LinkStatus, string> = {
  unsupported: 'Not linked',
  searching: 'Looking for the projected window…',
  connected: 'Linked to the projected window',
  lost: 'The projected window has gone',
}

function LinkBadge({ status, remote }: { status: LinkStatus; remote: Remote }) {
  const detail =
    status !== 'connected' ? null : remote.presenting ? 'presenting' : 'not in presentation mode'
  return (
    <p className="presenter-link" data-status={status}>
      <span className="presenter-link-mark" aria-hidden="true" />
      <span>
        {LINK_TEXT[status]}
        {detail ? <span className="presenter-link-detail"> · {detail}</span> : null}
      </span>
    </p>
  )
}

/** What the presenter reads when there is nothing to follow yet, or no way to follow. */
function Waiting({ status }: { status: LinkStatus }) {
  const text: Record<LinkStatus, ReactNode> = {
    unsupported: (
      <>
        This browser cannot link two windows (it has no BroadcastChannel, or the page was opened
        from a file), so this view cannot follow the projected one. Use the projected window’s own
        controls, or open Roundtrip from a web address in a current browser.
      </>
    ),
    searching: (
      <>
        No projected window has answered yet. Open Roundtrip in another window of this browser, from
        the same address, and this view connects to it.
      </>
    ),
    connected: <>Waiting for the projected window to send a request.</>,
    lost: (
      <>
        The projected window was closed or is reloading. This view reconnects as soon as it opens
        again.
      </>
    ),
  }
  return (
    <div className="presenter-waiting">
      <p className="presenter-waiting-text">{text[status]}</p>
      {status === 'connected' ? (
        <p className="presenter-note">
          Press “Send request” there; the steps appear here with their Deep explanations.
        </p>
      ) : null}
    </div>
  )
}

function NextStep() {
  const events = useStore(selectEvents)
  const playhead = useStore(selectPlayhead)
  const { scenario } = useStore(selectShown)
  const index = playhead + 1
  const next = events[index]
  const preview = useMemo(() => {
    if (!next) return null
    const ctx = contextAt(
      events,
      index,
      scenario.middleware.map((m) => m.kind),
    )
    try {
      return firstSentence(explain(next, ctx).standard)
    } catch {
      return null
    }
  }, [next, events, index, scenario])

  if (!next)
    return (
      <section className="presenter-next" aria-label="Next step">
        <h2 className="presenter-next-heading">Next</h2>
        <p className="presenter-next-title">Nothing: this is the last step.</p>
      </section>
    )
  const layer = courseLayerOf(next)
  return (
    <section className="presenter-next" aria-label="Next step" data-group={layer.group}>
      <h2 className="presenter-next-heading">
        Next: step {index + 1}
        <span className="presenter-next-layer">
          {next.direction === 'request' ? '↓' : '↑'} {layer.number} {layer.name}
          {layer.part ? ` · ${layer.part}` : ''}
        </span>
      </h2>
      <p className="presenter-next-title">{next.title}</p>
      {preview ? (
        <p className="presenter-next-line">
          <RichText text={preview} />
        </p>
      ) : null}
    </section>
  )
}

function StepButtons({ send, disabled }: { send: Send; disabled: boolean }) {
  const journeyPlaying = useStore(selectPlaying)
  const pagePlaying = useVanillaStore(pageView, (s) => (s.open ? s.playing : null))
  const playing = pagePlaying ?? journeyPlaying
  return (
    <div className="presenter-buttons" role="group" aria-label="Playback">
      <button
        type="button"
        className="button presenter-step-button"
        disabled={disabled}
        aria-keyshortcuts="ArrowLeft PageUp"
        onClick={() => send('stepBack')}
      >
        <Icon name="back" />
        Step back
      </button>
      <button
        type="button"
        className="button"
        disabled={disabled}
        aria-keyshortcuts="Space"
        onClick={() => send(playing ? 'pause' : 'play')}
      >
        <Icon name={playing ? 'pause' : 'play'} />
        {playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        className="button button-primary presenter-step-button"
        disabled={disabled}
        aria-keyshortcuts="ArrowRight PageDown"
        onClick={() => send('stepForward')}
      >
        Step forward
        <Icon name="forward" />
      </button>
    </div>
  )
}

/**
 * The presenter view: a second window for the instructor's own screen. The step's narration at
 * Deep depth, the next step, a timer, and step buttons that drive the projected window.
 */
export default function PresenterApp() {
  const { status, remote, send } = usePresenterLink()
  const event = useStore(selectCurrentEvent)
  const playhead = useStore(selectPlayhead)
  const count = useStore(selectEventCount)
  const page = useVanillaStore(pageView, (s) => s.open)
  const live = status === 'connected' && (event !== undefined || page)
  usePresenterKeys(send, live)

  useEffect(() => {
    document.title = 'Presenter view — Roundtrip'
  }, [])

  return (
    <div className="presenter">
      <header className="presenter-header">
        <div className="presenter-heading">
          <h1>Presenter view</h1>
          {remote.title ? <p className="presenter-scenario">{remote.title}</p> : null}
        </div>
        <LinkBadge status={status} remote={remote} />
        <Timer since={remote.since} />
      </header>
      {page ? (
        <main className="presenter-main">
          <PresenterPage />
          <aside className="presenter-side" aria-label="Controls">
            <StepButtons send={send} disabled={!live} />
          </aside>
        </main>
      ) : event ? (
        <main className="presenter-main">
          <section className="presenter-now" aria-label="This step">
            {status === 'lost' ? (
              <p className="presenter-banner" role="alert">
                The projected window has gone; this is the last step it showed.
              </p>
            ) : null}
            <p className="presenter-step" role="status" aria-live="polite" aria-atomic="true">
              {stepLine(playhead, count, event)}
            </p>
            <div className="presenter-explain">
              <ExplainBoundary key={event.seq}>
                <ExplainPanel />
              </ExplainBoundary>
            </div>
          </section>
          <aside className="presenter-side" aria-label="Next and controls">
            <StepButtons send={send} disabled={!live} />
            <NextStep />
            <ul className="presenter-keys" aria-label="Keys in this window">
              <li>
                <kbd>→</kbd> or <kbd>Page Down</kbd> steps forward
              </li>
              <li>
                <kbd>←</kbd> or <kbd>Page Up</kbd> steps back
              </li>
              <li>
                <kbd>Space</kbd> plays or pauses
              </li>
            </ul>
          </aside>
        </main>
      ) : (
        <main className="presenter-main presenter-main-empty">
          <Waiting status={status} />
        </main>
      )}
    </div>
  )
}
