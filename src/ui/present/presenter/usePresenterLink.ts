import { useCallback, useEffect, useRef, useState } from 'react'
import { pageView } from '../../../link/pageView'
import { useStore } from '../../../store'
import type { Command, PresentLink, PresentMessage } from '../channel'
import { openChannel } from '../channel'

/**
 * - `unsupported`: no BroadcastChannel, so nothing can link the windows.
 * - `searching`: hello sent, no projected window has answered yet.
 * - `connected`: following a projected window (which may have no trace yet).
 * - `lost`: the projected window said goodbye (closed or reloading).
 */
export type LinkStatus = 'unsupported' | 'searching' | 'connected' | 'lost'

export interface Remote {
  readonly title: string | null
  readonly presenting: boolean
  readonly since: number | null
}

const NOBODY: Remote = { title: null, presenting: false, since: null }

/**
 * The presenter's side of the link. The projected window is the one source of truth: this window
 * shows what it is told (in its own store, so the explanation panels work unchanged) and sends
 * commands back rather than stepping on its own.
 */
export const usePresenterLink = () => {
  const [status, setStatus] = useState<LinkStatus>('searching')
  const [remote, setRemote] = useState<Remote>(NOBODY)
  const link = useRef<PresentLink | null>(null)

  useEffect(() => {
    // Deep is the presenter's depth: the protocol and framework detail to draw on while talking.
    useStore.setState({ depth: 'deep' })
    let known: string | null = null
    let asked: string | null = null
    const hello = (key: string | null) => {
      if (asked === key) return
      asked = key
      link.current?.post({ type: 'hello' })
    }

    const onMessage = (message: PresentMessage) => {
      switch (message.type) {
        case 'state': {
          known = `${message.session}:${message.traceId}`
          const { shown } = message
          useStore.setState({
            trace: shown?.trace ?? null,
            traced: shown ? { scenario: shown.scenario, request: shown.request } : null,
            playhead: message.playhead,
            playing: message.playing,
          })
          setRemote({
            title: shown?.title ?? null,
            presenting: message.presenting,
            since: message.since,
          })
          setStatus('connected')
          return
        }
        case 'playhead': {
          const key = `${message.session}:${message.traceId}`
          // A new trace, or a reloaded projected window: ask for the whole state once.
          if (key !== known) return hello(key)
          useStore.setState({ playhead: message.playhead, playing: message.playing })
          setRemote((r) =>
            r.presenting === message.presenting && r.since === message.since
              ? r
              : { ...r, presenting: message.presenting, since: message.since },
          )
          setStatus('connected')
          return
        }
        case 'page': {
          // The projected window's page-load view: simulated again here from its choice.
          const { page } = message
          if (!page) pageView.getState().closePage()
          else
            pageView.setState({
              ...page.choice,
              open: true,
              step: page.step,
              request: page.request,
              playing: page.playing,
            })
          setStatus('connected')
          return
        }
        case 'bye':
          if (message.from === 'main') {
            known = null
            asked = null
            setStatus('lost')
          }
          return
        default:
          return
      }
    }

    link.current = openChannel(onMessage)
    if (!link.current) {
      setStatus('unsupported')
      return
    }
    hello('first')
    const bye = () => link.current?.post({ type: 'bye', from: 'presenter' })
    window.addEventListener('pagehide', bye)
    return () => {
      window.removeEventListener('pagehide', bye)
      bye()
      link.current?.close()
      link.current = null
    }
  }, [])

  const send = useCallback((command: Command, index?: number) => {
    link.current?.post(
      index === undefined ? { type: 'command', command } : { type: 'command', command, index },
    )
  }, [])

  return { status, remote, send }
}
