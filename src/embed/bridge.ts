/**
 * The widget's side of the postMessage API: listens for commands from the parent page, answers
 * them, and posts events (ready, stepchange, ended, resize, error) to the parent's origin only.
 */
import { selectAtEnd } from '../store'
import type { EventName, IgnoredCounts, MessageId } from './api'
import {
  canvasResizeMessage,
  eventEnvelope,
  initialTargets,
  noIgnored,
  readMessage,
  readyPayload,
} from './api'
import type { EmbedParams } from './params'
import type { Session, StoreLike } from './session'
import { stateOf } from './session'

interface BridgeOptions {
  readonly win: Window
  readonly store: StoreLike
  readonly session: Session
  readonly params: EmbedParams
  /** The element whose height is the widget's content height. */
  readonly root: Element | null
}

interface Bridge {
  readonly ignored: () => IgnoredCounts
  readonly stop: () => void
}

const ancestorOriginOf = (win: Window): string | null => {
  try {
    return win.location.ancestorOrigins?.[0] ?? null
  } catch {
    return null
  }
}

export const startBridge = ({ win, store, session, params, root }: BridgeOptions): Bridge => {
  const parent = win.parent
  const embedded = parent !== win
  const ignored = noIgnored()
  // Until a command arrives, events go to the allow-listed or referring origin; after, to the
  // origin that commanded. Never '*', except `ready` when no origin can be known (see docs).
  let targets = initialTargets(params.allowList, ancestorOriginOf(win), win.document.referrer)
  let commander: string | null = null

  const postRaw = (message: unknown, origins: readonly string[]) => {
    if (!embedded) return
    for (const origin of origins) {
      try {
        parent.postMessage(message, origin)
      } catch {
        // An origin the browser cannot target ('null'): nothing can be delivered there.
      }
    }
  }
  const post = (name: EventName, payload: unknown, id?: MessageId) =>
    postRaw(eventEnvelope(name, payload, id), commander ? [commander] : targets)

  // Commands run one after another, so replies come back in the order they were sent.
  let queue: Promise<void> = Promise.resolve()

  const onMessage = (event: MessageEvent) => {
    const incoming = readMessage(event.data, {
      fromParent: embedded && event.source === parent,
      origin: event.origin,
      allowList: params.allowList,
      host: params.host,
    })
    switch (incoming.type) {
      case 'ignored':
        ignored[incoming.reason] += 1
        return
      case 'host':
        if (incoming.action === 'pause') store.getState().pause()
        return
      case 'invalid':
        commander = event.origin
        post('error', { ...idOf(incoming.id), message: incoming.message }, incoming.id)
        return
      case 'command': {
        commander = event.origin
        const { id, command } = incoming
        queue = queue.then(async () => {
          try {
            await session.execute(command)
            if (id !== undefined || command.name === 'getState')
              post('state', stateOf(store.getState(), ignored), id)
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            post('error', { ...idOf(id), message }, id)
          }
        })
      }
    }
  }
  win.addEventListener('message', onMessage)

  // stepchange on every step of a trace; ended when the journey reaches its last step.
  const stopStore = store.subscribe((state, previous) => {
    const trace = state.trace
    if (!trace) return
    if (trace === previous.trace && state.playhead === previous.playhead) return
    const event = trace.events[state.playhead]
    if (event)
      post('stepchange', {
        step: state.playhead + 1,
        total: trace.events.length,
        layer: event.layer,
        direction: event.direction,
        title: event.title,
      })
    const endedNow = selectAtEnd(state) && (trace !== previous.trace || !selectAtEnd(previous))
    if (endedNow)
      post(
        'ended',
        trace.error ? { error: trace.error.message } : { status: trace.response?.status ?? null },
      )
  })

  // The content height, whenever it changes, so the host can size the frame to fit.
  let lastHeight = -1
  const observer =
    root && typeof ResizeObserver !== 'undefined'
      ? new ResizeObserver(() => {
          const height = Math.ceil(root.getBoundingClientRect().height)
          if (height === lastHeight || height <= 0) return
          lastHeight = height
          post('resize', { height })
          if (params.host === 'canvas')
            postRaw(canvasResizeMessage(height), commander ? [commander] : targets)
        })
      : null
  if (root) observer?.observe(root)

  if (targets.length > 0) post('ready', readyPayload())
  // No origin is known: `ready` (which says only which version this is) may go to anyone.
  else postRaw(eventEnvelope('ready', readyPayload()), ['*'])

  return {
    ignored: () => ({ ...ignored }),
    stop: () => {
      win.removeEventListener('message', onMessage)
      stopStore()
      observer?.disconnect()
      targets = []
    },
  }
}

const idOf = (id: MessageId | undefined) => (id === undefined ? {} : { id })
