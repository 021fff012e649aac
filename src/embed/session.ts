/**
 * What the embedded widget does on a click or a command: start the journey (the first request is
 * sent only then), step, load another app. Shared by the start overlay and the postMessage bridge.
 */
import type { RoundtripState } from '../store'
import { selectAtEnd, selectCurrentScenario } from '../store'
import { findPageScenario } from '../engine'
import type { PageChoice } from '../link/page'
import { choiceOf, pageChoiceOf, pageView } from '../link/page'
import { stepsOf, titleOf, traceOf } from '../ui/page/model'
import type { Command, IgnoredCounts } from './api'

/** A page load's trace and steps, for the last choice asked about (the same choice, the same trace). */
let lastPage: {
  key: string
  trace: ReturnType<typeof traceOf>
  steps: ReturnType<typeof stepsOf>
  total: number
} | null = null
const pageOf = (choice: PageChoice) => {
  const key = JSON.stringify(pageChoiceOf(choice))
  if (lastPage?.key !== key) {
    const trace = traceOf(choice)
    const steps = stepsOf(trace)
    lastPage = { key, trace, steps, total: steps.length }
  }
  return lastPage
}

/** What the page load's step on screen says ("app.js leaves on c1, stream 5…"), for stepchange. */
export const pageStepText = (): string | null => {
  const view = pageView.getState()
  if (!view.open) return null
  const { steps, total } = pageOf(view)
  return steps[Math.min(view.step, total - 1)]?.text ?? null
}

/** The page-load view in the widget, as `getState` reports it; `null` when it is not open. */
interface EmbedPageState {
  readonly id: string
  readonly title: string
  /** 1-based, as the view's step line reads. */
  readonly step: number
  readonly total: number
  readonly request: string | null
  readonly playing: boolean
}

export const pageStateOf = (): EmbedPageState | null => {
  const view = pageView.getState()
  if (!view.open) return null
  const { total } = pageOf(view)
  return {
    id: view.scenarioId,
    title: titleOf(view),
    step: Math.min(view.step, total - 1) + 1,
    total,
    request: view.request,
    playing: view.playing,
  }
}
export interface StoreLike {
  getState: () => RoundtripState
  subscribe: (listener: (state: RoundtripState, previous: RoundtripState) => void) => () => void
}

/** The answer to `getState` (and to every command sent with an `id`). */
interface EmbedState {
  /** The curated scenario's id, or `null` for an app loaded as JSON. */
  readonly scenario: string | null
  readonly title: string
  /** 1-based, as the step line reads; 0 before the journey has started. */
  readonly step: number
  readonly total: number
  readonly playing: boolean
  /** The final HTTP status, or `null` (not started, or a network failure). */
  readonly status: number | null
  /** The network failure's message when the request never got an answer. */
  readonly error: string | null
  readonly ended: boolean
  readonly started: boolean
  readonly transport: 'service-worker' | 'in-process' | null
  readonly ignored: IgnoredCounts
  /** The page-load view, when the widget shows one (`load {page: id}`, a `#page=` link). */
  readonly page: EmbedPageState | null
}

export const stateOf = (s: RoundtripState, ignored: IgnoredCounts): EmbedState => ({
  scenario: s.customized ? null : s.scenarioId,
  title: s.customized ? 'Custom app' : selectCurrentScenario(s).title,
  step: s.trace ? s.playhead + 1 : 0,
  total: s.trace?.events.length ?? 0,
  playing: s.playing,
  status: s.trace?.response?.status ?? null,
  error: s.trace?.error?.message ?? null,
  ended: selectAtEnd(s),
  started: s.trace !== null,
  transport: s.transportMode,
  ignored: { ...ignored },
  page: pageStateOf(),
})

const settled = (store: StoreLike): Promise<void> =>
  new Promise((resolve) => {
    if (!store.getState().sending) return resolve()
    const stop = store.subscribe((state) => {
      if (state.sending) return
      stop()
      resolve()
    })
  })

export interface Session {
  /**
   * Sends the request if no trace is shown yet (after `warmups` earlier sends of it, for a link's
   * repeat); rejects with a sentence if none can be made.
   */
  ensureTrace: (warmups?: number) => Promise<void>
  /**
   * The start overlay's click: the journey at `step` (paused), or playing from the start; `warm`
   * earlier sends first when the link is a repeat. With a `lesson` (the link's `lesson=`), Start
   * opens that lesson instead: its request is sent then, and it plays to its first question.
   */
  start: (step: number | null, warm?: number, lesson?: string | null) => Promise<void>
  execute: (command: Command) => Promise<void>
}

export const createSession = (store: StoreLike): Session => {
  const ensureTrace = async (warmups = 0): Promise<void> => {
    if (store.getState().trace) return
    if (!store.getState().sending)
      await store.getState().sendRequest(warmups > 0 ? { warmups } : undefined)
    // A newer send (another command, a click) may have replaced this one: wait for it too.
    await settled(store)
    const s = store.getState()
    if (!s.trace)
      throw new Error(s.sendError ?? s.transportError ?? 'the journey could not be started')
  }

  const start = async (
    step: number | null,
    warm = 0,
    lesson: string | null = null,
  ): Promise<void> => {
    if (lesson && store.getState().startLesson(lesson)) {
      await settled(store)
      const s = store.getState()
      if (!s.trace)
        throw new Error(s.sendError ?? s.transportError ?? 'the lesson could not be started')
      s.play()
      return
    }
    await ensureTrace(warm)
    if (step !== null) store.getState().seek(step - 1)
    else store.getState().play()
  }

  /** While the widget shows a page load, playback commands move its playhead (nothing is sent). */
  const executeOnPage = (command: Command): boolean => {
    const view = pageView.getState()
    if (!view.open || command.name === 'load' || command.name === 'getState') return false
    const { total } = pageOf(view)
    const to = (step: number) => {
      view.setPlaying(false)
      view.setStep(Math.max(0, Math.min(total - 1, step)))
    }
    switch (command.name) {
      case 'play':
        view.setPlaying(true)
        break
      case 'pause':
        view.setPlaying(false)
        break
      case 'step':
        to(Math.min(view.step, total - 1) + command.by)
        break
      case 'goTo':
        to(command.step - 1)
        break
    }
    return true
  }

  const loadPage = (id: string, step: number | null, request: string | null) => {
    const curated = findPageScenario(id)
    if (!curated) throw new Error(`there is no page load ${JSON.stringify(id)}`)
    const choice = choiceOf(curated)
    const { trace, total } = pageOf(choice)
    if (request !== null && !trace.requests.some((r) => r.id === request))
      throw new Error(
        `the page load ${id} has no request ${request} (it has r0 to r${trace.requests.length - 1})`,
      )
    store.getState().pause()
    pageView.getState().openPage({
      ...choice,
      // A step past the end shows the last step, as goTo does.
      step: step === null ? 0 : Math.min(step, total) - 1,
      request,
    })
  }

  const execute = async (command: Command): Promise<void> => {
    const get = store.getState
    if (executeOnPage(command)) return
    switch (command.name) {
      case 'play':
        await ensureTrace()
        get().play()
        return
      case 'pause':
        get().pause()
        return
      case 'step':
        await ensureTrace()
        get().seek(get().playhead + command.by)
        return
      case 'goTo':
        await ensureTrace()
        get().seek(command.step - 1)
        return
      case 'load': {
        const { target } = command
        if (target.kind === 'page') return loadPage(target.id, target.step, target.request)
        pageView.getState().closePage()
        if (target.kind === 'curated') get().loadScenario(target.id)
        else
          get().loadSetup({
            scenario: target.scenario,
            request: target.request ?? get().working.request,
          })
        await ensureTrace()
        // Loading the open scenario again keeps its trace: start it over, paused.
        get().seek(0)
        return
      }
      case 'getState':
        return
    }
  }

  return { ensureTrace, start, execute }
}
