/**
 * Links and the running page: a parsed link applied to the store, and the store's state as the
 * link that reopens it. Pure of the address bar: `sync.ts` reads and writes that.
 */
import { findScenario } from '../engine'
import type { RoundtripState } from '../store'
import { selectActiveLesson, useStore } from '../store'
import type { KeyName, LinkState, LinkWrite, ParsedLink } from './hash'
import {
  KEYS,
  PAGE_KEYS,
  cutProblems,
  extraOf,
  momentOf,
  momentValuesOf,
  namesApp,
  pageLinkOf,
  pageValuesOf,
  sameJson,
  serializeLink,
} from './hash'
import { pageChoiceOf, pageView } from './page'
import { noticeOf } from './words'

/** A link's step waiting for its trace (the link sends the request itself, then shows the step). */
let pendingStep: { step: number; cancel: () => void } | null = null

const cancelPendingStep = () => {
  pendingStep?.cancel()
  pendingStep = null
}

/**
 * Shows step `step` (from 1) of the trace for the working app and request, reached the way the
 * link says (`warm` earlier sends of it on the kept-alive connection, 0 for a cold browser): at
 * once when that trace is on screen, otherwise after sending (or after the send in flight, and
 * then once more if that one was reached another way).
 */
const showStepWhenTraced = (step: number, warm: number, resent = false): void => {
  cancelPendingStep()
  const s = useStore.getState()
  const traced = s.trace && s.traced && sameJson(s.traced, s.working) && s.warmups === warm
  if (traced && !s.sending) return s.seek(step - 1)
  if (!s.sending) void s.sendRequest({ warmups: warm })
  const generation = useStore.getState().sendGeneration
  const unsubscribe = useStore.subscribe((state) => {
    // A newer send or another scenario makes the link's moment moot.
    if (state.sendGeneration !== generation) return cancelPendingStep()
    if (state.sending) return
    cancelPendingStep()
    if (!state.trace) return
    if (state.warmups === warm || resent) state.seek(step - 1)
    else showStepWhenTraced(step, warm, true)
  })
  pendingStep = { step, cancel: unsubscribe }
}

/**
 * Opens a link's moment. Idempotent: applying the link that is already open keeps its trace. A
 * link that names no app (only `step`, `theme`…) leaves the open app alone.
 */
const applyMoment = (state: LinkState, namesApp: boolean, withStep: boolean): void => {
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
      store.loadSetup(setup, null, state.scenarioId)
    useStore.getState().setSeed(state.seed ?? 1)
  } else if (state.seed !== undefined) store.setSeed(state.seed)
  if (state.depth) store.setDepth(state.depth)
  if (state.theme) store.setTheme(state.theme)
  if (withStep && state.step !== undefined) showStepWhenTraced(state.step, state.warm ?? 0)
  else cancelPendingStep()
}

/** The keys besides the moment's that a page reads (`page` stands for all the page-load keys). */
type FeatureKey = Exclude<
  KeyName,
  | 'scenario'
  | 'app'
  | 'req'
  | 'seed'
  | 'step'
  | 'warm'
  | 'depth'
  | 'theme'
  | Exclude<(typeof PAGE_KEYS)[number], 'page'>
>

/**
 * Opens the page-load view a link names, at its step and chosen request; a link that names a
 * page load that does not exist leaves the view as it was. A link to the app alone (no page
 * keys) closes the view, as following a link to another scenario does. Returns the sentences
 * for what could not be read; they are shown in the view when it is open.
 */
const applyPage = (link: ParsedLink, named: boolean): string[] => {
  const { page, problems } = pageLinkOf(link)
  const view = pageView.getState()
  const hasPageKeys = PAGE_KEYS.some((k) => link.entries.has(k))
  if (page) {
    const same =
      view.open &&
      sameJson(pageChoiceOf(view), page.choice) &&
      view.step === page.step &&
      view.request === page.request
    if (!same) view.openPage({ ...page.choice, step: page.step, request: page.request })
  } else if (!hasPageKeys && named && view.open) view.closePage()
  if (pageView.getState().open) {
    pageView.getState().setPageNotice(noticeOf(problems))
    return []
  }
  return problems
}

interface ApplyOptions {
  /**
   * The other features' keys this page reads: the full app opens the link's lesson and follows
   * `present`; the embed reads `parent` and `host` (for its bridge). Their problems join the notice.
   */
  readonly keys?: readonly FeatureKey[]
  /** Show the link's step, sending the request (default); the embed waits for Start. */
  readonly step?: boolean
  /** Open the link's app (or the default one) even when the link names none, as the embed does. */
  readonly namesApp?: boolean
}

/**
 * Applies a parsed link to the page: its moment, then the features' keys this page reads, and one
 * notice naming what could not be read (left alone when the link names no app and all was read).
 * Returns the moment it opened. Never throws.
 */
export const applyLink = (
  link: ParsedLink,
  {
    keys = ['lesson', 'present', 'page'],
    step = true,
    namesApp: always = false,
  }: ApplyOptions = {},
): LinkState => {
  const { state, problems } = momentOf(link)
  const named = always || namesApp(link)
  applyMoment(state, named, step)
  const pageProblems = keys.includes('page') ? applyPage(link, named) : []

  const store = useStore.getState()
  const lesson = link.values.lesson
  // A lesson already running keeps its progress.
  if (
    keys.includes('lesson') &&
    lesson &&
    !(store.lessonId === lesson && selectActiveLesson(store))
  )
    store.startLesson(lesson)
  if (keys.includes('present')) {
    const wanted = link.values.present ?? false
    if (wanted !== useStore.getState().presenting) useStore.getState().setPresenting(wanted)
  }

  const notice = noticeOf([
    ...problems,
    ...keys.flatMap((name) =>
      name === 'page' || link.problems[name] === undefined ? [] : [link.problems[name]],
    ),
    ...pageProblems,
    ...cutProblems(link),
  ])
  // A link that names no app leaves the notice too (e.g. one about a saved app that failed to load).
  if (named || notice) useStore.getState().setScenarioNotice(notice)
  return state
}

interface LinkOptions {
  /** Include the step on screen (default true). */
  readonly step?: boolean
  /** The theme to write; default the one in use. */
  readonly theme?: RoundtripState['theme']
  readonly extra?: Readonly<Record<string, string>>
}

/**
 * The shareable moment of the page: the app and request of the trace on screen (or the working
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
    ...(s.seed !== KEYS.seed.fallback ? { seed: s.seed } : {}),
    ...(options.step !== false && step !== undefined ? { step } : {}),
    // A repeat is rebuilt by sending the request as often again (one that followed another
    // request cannot be: the Share dialog says so, and the link opens it cold).
    ...(s.trace && s.warmups ? { warm: s.warmups } : {}),
    ...(s.depth !== KEYS.depth.fallback ? { depth: s.depth } : {}),
    ...(theme !== KEYS.theme.fallback ? { theme } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  }
}

/**
 * The hash (without `#`) for the page as it is, written over `address`: the moment, the lesson,
 * the page-load view and presentation mode from the page; a lesson the link names that does not exist stays for the
 * reader to see; every other key (`parent`, `host`, unknown ones) is kept as it was.
 */
export const hashOf = (s: RoundtripState, address: ParsedLink): string => {
  const view = pageView.getState()
  const values: LinkWrite = {
    ...momentValuesOf(linkStateOf(s)),
    ...pageValuesOf(view.open ? view : null),
    present: s.presenting,
  }
  if (s.lessonId) values.lesson = s.lessonId
  else if (address.problems.lesson === undefined) values.lesson = null
  return serializeLink(values, extraOf(address))
}
