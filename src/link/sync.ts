/**
 * Deep links in the running app: a decoded hash applied to the store, and the store's shareable
 * state written back into the address bar as it changes.
 */
import { findScenario } from '../engine'
import type { RoundtripState } from '../store'
import { useStore } from '../store'
import type { Decoded, LinkState } from './hash'
import { OWNED_KEYS, decodeState, encodeState, sameJson } from './hash'

/** A link's step waiting for its trace (the link sends the request itself, then shows the step). */
let pendingStep: { step: number; cancel: () => void } | null = null

const cancelPendingStep = () => {
  pendingStep?.cancel()
  pendingStep = null
}

/**
 * Shows step `step` (from 1) of the trace for the working app and request: at once when that
 * trace is on screen, otherwise after sending the request (or waiting for the send in flight).
 */
export const showStepWhenTraced = (step: number): void => {
  cancelPendingStep()
  const s = useStore.getState()
  const traced = s.trace && s.traced && sameJson(s.traced, s.working)
  if (traced && !s.sending) return s.seek(step - 1)
  if (!s.sending) void s.sendRequest()
  const generation = useStore.getState().sendGeneration
  const unsubscribe = useStore.subscribe((state) => {
    // A newer send or another scenario makes the link's moment moot.
    if (state.sendGeneration !== generation) return cancelPendingStep()
    if (state.sending) return
    cancelPendingStep()
    if (state.trace) state.seek(step - 1)
  })
  pendingStep = { step, cancel: unsubscribe }
}

const namesAnApp = (hash: string): boolean => {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  return params.has('scenario') || params.has('app') || params.has('req')
}

/**
 * Applies a decoded link to the store. Idempotent: applying the link that is already open keeps
 * its trace. A link that names no app (only `step`, `theme`…) leaves the open app alone.
 */
export const applyLinkState = ({ state, notice }: Decoded, namesApp = true): void => {
  const store = useStore.getState()
  if (namesApp) {
    const curated = findScenario(state.scenarioId)
    const own =
      !curated ||
      !sameJson(state.scenario, curated.scenario) ||
      !sameJson(state.request, curated.request)
    const setup = { scenario: state.scenario, request: state.request }
    if (!own) store.loadScenario(state.scenarioId)
    else if (!(
      store.customized &&
      store.scenarioId === state.scenarioId &&
      sameJson(store.working, setup)
    ))
      store.loadSetup(setup, notice, state.scenarioId)
    useStore.getState().setSeed(state.seed ?? 1)
  } else if (state.seed !== undefined) store.setSeed(state.seed)
  // A link that names no app leaves the notice too (e.g. one about a saved app that failed to load).
  if (namesApp || notice) useStore.getState().setScenarioNotice(notice)
  if (state.depth) store.setDepth(state.depth)
  if (state.theme) store.setTheme(state.theme)
  if (state.step !== undefined) showStepWhenTraced(state.step)
  else cancelPendingStep()
}

/** Reads `hash` (e.g. `location.hash`) and applies it; never throws. */
export const applyHash = (hash: string): void => {
  applyLinkState(decodeState(hash), namesAnApp(hash))
}

/** Keys in `hash` that belong to other features, kept when the hash is rewritten. */
export const extraKeys = (hash: string): Record<string, string> => {
  const extra: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, '')))
    if (!(OWNED_KEYS as readonly string[]).includes(key) && !(key in extra)) extra[key] = value
  return extra
}

export interface LinkOptions {
  /** Include the step on screen (default true). */
  readonly step?: boolean
  /** The theme to write; default the one in use. */
  readonly theme?: RoundtripState['theme']
  readonly extra?: Readonly<Record<string, string>>
}

/**
 * The shareable state of the page: the app and request of the trace on screen (or the working
 * copy before any), the seed, the step, depth and theme. Defaults are left out to keep links short.
 */
export const linkStateOf = (s: RoundtripState, options: LinkOptions = {}): LinkState => {
  const shown = s.traced ?? s.working
  const theme = options.theme ?? s.theme
  const step = s.trace ? s.playhead + 1 : pendingStep?.step
  return {
    scenarioId: s.scenarioId,
    scenario: shown.scenario,
    request: shown.request,
    ...(s.seed !== 1 ? { seed: s.seed } : {}),
    ...(options.step !== false && step !== undefined ? { step } : {}),
    ...(s.depth !== 'standard' ? { depth: s.depth } : {}),
    ...(theme !== 'system' ? { theme } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  }
}

const writeHash = (hash: string) => {
  try {
    const { pathname, search } = window.location
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${search}${hash ? `#${hash}` : ''}`,
    )
  } catch {
    // Sandboxed frames may refuse history changes; the page works on without an updated link.
  }
}

const SYNC_DELAY_MS = 300

/**
 * Keeps the address bar's hash equal to the page's state (replaceState, debounced, so stepping
 * does not flood history). The address is left as it is until something shareable changes.
 * Returns a function that stops it.
 */
export const startLinkSync = (delay = SYNC_DELAY_MS): (() => void) => {
  // What a link is made of; anything else in the store (sending, transport…) leaves it alone.
  const partsOf = (s: RoundtripState) => [
    s.scenarioId,
    s.traced ?? s.working,
    s.trace,
    s.playhead,
    s.seed,
    s.depth,
    s.theme,
  ]
  let last = partsOf(useStore.getState())
  let timer: ReturnType<typeof setTimeout> | undefined
  /** A change seen while playing, written once playback stops. */
  let pending = false
  const flush = () => {
    timer = undefined
    const hash = window.location.hash
    const next = encodeState(linkStateOf(useStore.getState(), { extra: extraKeys(hash) }))
    if (next !== hash.replace(/^#/, '')) writeHash(next)
  }
  const unsubscribe = useStore.subscribe((state, before) => {
    const parts = partsOf(state)
    const changed = !parts.every((part, i) => part === last[i])
    last = parts
    // While playing, the address waits for the pause: a history write on every step costs
    // frame time, and a link to a moment is taken from a paused page anyway.
    if (state.playing) {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      pending ||= changed
      return
    }
    if (!changed && !(pending && before.playing)) return
    pending = false
    if (timer === undefined) timer = setTimeout(flush, delay)
  })
  return () => {
    unsubscribe()
    if (timer !== undefined) clearTimeout(timer)
  }
}
