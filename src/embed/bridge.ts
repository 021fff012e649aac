/**
 * The widget's side of the postMessage API: listens for commands from the parent page, answers
 * them, and posts events (ready, stepchange, ended, resize, error, answer, lessoncomplete) to the
 * parent's origin only.
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
  readyTargets,
  replyTarget,
} from './api'
import { lessonEventsOf } from './lessonEvents'
import type { EmbedParams } from './params'
import { ancestorOriginOf } from './protocol'
import type { Session, StoreLike } from './session'
import { pageStateOf, pageStepText, stateOf } from './session'
import { pageView } from '../link/pageView'

interface BridgeOptions {
  readonly win: Window
  readonly store: StoreLike
  readonly session: Session
  readonly params: EmbedParams
  /** The element whose height is the widget's content height. */
  readonly root: Element | null
  /**
   * Messages that arrived before the bridge (embed.html's poster kept them), read first and in
   * their order, as if they came now; called once, when the bridge starts listening.
   */
  readonly takeEarlier?: () => readonly MessageEvent[]
  /** Whether to post `ready` (default true); the poster has posted it already. */
  readonly announce?: boolean
}

interface Bridge {
  readonly ignored: () => IgnoredCounts
  readonly stop: () => void
}

/** Commands waiting their turn (the running one included); more are dropped, counted as `busy`. */
export const MAX_WAITING = 100

export const startBridge = ({
  win,
  store,
  session,
  params,
  root,
  takeEarlier,
  announce = true,
}: BridgeOptions): Bridge => {
  const parent = win.parent
  const embedded = parent !== win
  const ignored = noIgnored()
  // Until a command arrives, events go to the allow-listed or referring origin; after, to the
  // origin that commanded. Never '*', except `ready` when no origin can be known, and an opaque
  // origin (`null`) that `parent=` allows, which cannot be named (see docs).
  const ancestorOrigin = ancestorOriginOf(win)
  let targets = initialTargets(params.allowList, ancestorOrigin, win.document.referrer)
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
  const currentTargets = () => (commander ? [replyTarget(commander)] : targets)
  const post = (name: EventName, payload: unknown, id?: MessageId) =>
    postRaw(eventEnvelope(name, payload, id), currentTargets())

  // Commands, and payloads to answer with an error, run one after another: each starts when the
  // one before has finished, so answers come back in the order commands were sent. An answer goes
  // to the origin its command came from.
  let queue: Promise<void> = Promise.resolve()
  let waiting = 0
  const answer = async (incoming: Answerable, origin: string) => {
    const { id } = incoming
    const reply = (name: EventName, payload: unknown) =>
      postRaw(eventEnvelope(name, payload, id), [replyTarget(origin)])
    try {
      if (incoming.type === 'invalid') throw new Error(incoming.message)
      await session.execute(incoming.command)
      if (id !== undefined || incoming.command.name === 'getState')
        reply('state', stateOf(store.getState(), ignored))
    } catch (error) {
      reply('error', {
        ...idOf(id),
        message: error instanceof Error ? error.message : String(error),
      })
    }
  }
  const enqueue = (incoming: Answerable, origin: string) => {
    if (waiting >= MAX_WAITING) {
      ignored.busy += 1
      return
    }
    waiting += 1
    queue = queue
      .then(() => answer(incoming, origin))
      // `answer` catches what it runs; a rejected link would skip every command after it.
      .catch(() => undefined)
      .finally(() => {
        waiting -= 1
      })
  }

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
      case 'command':
        commander = event.origin
        enqueue(incoming, event.origin)
    }
  }
  win.addEventListener('message', onMessage)
  for (const event of takeEarlier?.() ?? []) onMessage(event)

  // stepchange on every step of a trace; ended when the journey reaches its last step; a
  // lesson's answer and lessoncomplete as the reader commits answers.
  const stopStore = store.subscribe((state, previous) => {
    for (const lesson of lessonEventsOf(state, previous)) post(lesson.name, lesson.payload)
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

  // A page load open in the widget: stepchange on each of its steps, with `page` naming it.
  const stopPage = pageView.subscribe((view, previous) => {
    if (!view.open) return
    if (view.open === previous.open && view.step === previous.step) return
    const page = pageStateOf()
    if (page)
      post('stepchange', {
        page: page.id,
        step: page.step,
        total: page.total,
        title: pageStepText(),
      })
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
          if (params.host === 'canvas') postRaw(canvasResizeMessage(height), currentTargets())
        })
      : null
  if (root) observer?.observe(root)

  // `ready` says only which version this is; with a `parent=` list naming no usable origin, it
  // goes nowhere, as nothing else does.
  if (announce)
    postRaw(
      eventEnvelope('ready', readyPayload()),
      readyTargets(params.allowList, targets, ancestorOrigin),
    )

  return {
    ignored: () => ({ ...ignored }),
    stop: () => {
      win.removeEventListener('message', onMessage)
      stopStore()
      stopPage()
      observer?.disconnect()
      targets = []
    },
  }
}

const idOf = (id: MessageId | undefined) => (id === undefined ? {} : { id })

/** A command to run, or one whose payload was wrong: both are answered in turn. */
type Answerable = Extract<ReturnType<typeof readMessage>, { type: 'command' | 'invalid' }>
