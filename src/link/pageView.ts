/**
 * The page-load view's state: which page load is open (a curated one and the choices made on top
 * of it), the step shown and the request chosen. It lives here, beside the codec, so that every
 * part that reopens or mirrors the view reads one source: the view itself (src/ui/page), the
 * address bar (`sync.ts`), the Share dialog, the Library, the embed and the presenter window. It
 * is a vanilla zustand store (no React): the UI binds it with `useStore(pageView, selector)`.
 *
 * This module imports nothing of the engine's code (only its types), so the header's "Page load"
 * button and the presenter link can hold it from the first paint; `page.ts` adds what needs the
 * curated page loads.
 */
import { createStore } from 'zustand/vanilla'
import type { PageNetwork, PageProtocol } from '../engine'

export type PageCdn = 'hit' | 'miss'
/** Does the browser already know (from an earlier visit's `Alt-Svc`) that the site offers h3? */
export type PageAltSvc = 'first' | 'known'
/** The page's size in requests: the curated shop (25) or one with 93 photos (100). */
export type PageSize = '25' | '100'
export type PageTab = 'waterfall' | 'connections' | 'compare' | 'predict'

export const PAGE_SIZES: readonly PageSize[] = ['25', '100']
export const PAGE_TABS: readonly PageTab[] = ['waterfall', 'connections', 'compare', 'predict']

/** What a page load is made of: a curated one and the choices that may differ from it. */
export interface PageChoice {
  /** The curated page load the choices started from: always one that exists. */
  readonly scenarioId: string
  readonly protocol: PageProtocol
  readonly network: PageNetwork
  readonly cdn: PageCdn
  readonly altSvc: PageAltSvc
  readonly size: PageSize
}

export interface PageViewState extends PageChoice {
  readonly open: boolean
  /** The step shown, from 0 (the view clamps it to the trace's last step). */
  readonly step: number
  /** The request chosen in the waterfall (`r0`, `r5`…), or `null`. */
  readonly request: string | null
  readonly playing: boolean
  readonly tab: PageTab
  /** One line when a link or a command could not be followed in full. */
  readonly notice: string | null
}

export interface PageViewActions {
  /**
   * Opens the view on the choices it has, with `choice` over them (callers pass a curated page
   * load's whole choice, `choiceOf(curated)`): step 0 and nothing chosen unless given.
   */
  readonly openPage: (
    choice: Partial<PageChoice> & { step?: number; request?: string | null },
    notice?: string | null,
  ) => void
  readonly closePage: () => void
  /** Changes the choices: a new page load starts from its first step. */
  readonly choose: (choice: Partial<PageChoice>) => void
  readonly setStep: (step: number) => void
  readonly setRequest: (request: string | null) => void
  readonly setPlaying: (playing: boolean) => void
  readonly setTab: (tab: PageTab) => void
  readonly setPageNotice: (notice: string | null) => void
}

export const DEFAULT_PAGE_ID = 'page-load'

/** The curated `page-load` as choices (HTTP/1.1, a good network, the CDN's HIT). */
const DEFAULT_CHOICE: PageChoice = {
  scenarioId: DEFAULT_PAGE_ID,
  protocol: 'http/1.1',
  network: 'good',
  cdn: 'hit',
  altSvc: 'first',
  size: '25',
}

const closed: PageViewState = {
  ...DEFAULT_CHOICE,
  open: false,
  step: 0,
  request: null,
  playing: false,
  tab: 'waterfall',
  notice: null,
}

const whole = (n: number) => (Number.isSafeInteger(n) && n >= 0 ? n : 0)

/** The page-load view's one store. */
export const pageView = createStore<PageViewState & PageViewActions>()((set) => ({
  ...closed,
  openPage: ({ step = 0, request = null, ...choice }, notice = null) =>
    set({
      ...choice,
      open: true,
      step: whole(step),
      request,
      playing: false,
      tab: 'waterfall',
      notice,
    }),
  closePage: () => set({ open: false, playing: false, notice: null }),
  choose: (choice) => set({ ...choice, step: 0, request: null, playing: false }),
  setStep: (step) => set({ step: whole(step) }),
  setRequest: (request) => set({ request }),
  setPlaying: (playing) => set({ playing }),
  setTab: (tab) => set({ tab }),
  setPageNotice: (notice) => set({ notice }),
}))

/** Puts the view back as it was at start-up (tests call this between cases). */
export const resetPageView = (): void => pageView.setState(closed)

/** The choices of a state, without the view's own fields. */
export const pageChoiceOf = (s: PageChoice): PageChoice => ({
  scenarioId: s.scenarioId,
  protocol: s.protocol,
  network: s.network,
  cdn: s.cdn,
  altSvc: s.altSvc,
  size: s.size,
})
