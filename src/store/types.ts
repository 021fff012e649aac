import type { StateCreator } from 'zustand'
import type { RequestSpec, Scenario, Trace } from '../engine'
import type { Transport } from './transport'

/** The playback speeds the "Speed" control offers, as multiples of the default pace. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const
export type Speed = (typeof SPEEDS)[number]

export const isSpeed = (value: unknown): value is Speed =>
  typeof value === 'number' && (SPEEDS as readonly number[]).includes(value)

/** An app and the request sent to it: what a trace was made from. */
export interface Setup {
  readonly scenario: Scenario
  readonly request: RequestSpec
}

export interface SendOptions {
  /** Start from a cold browser (empty DNS cache, no open connection), as after an app change. */
  readonly cold?: boolean
  /**
   * Rebuild a repeat (a link's `warm=N`): from a cold browser, send the same request this many
   * times on the kept-alive connection first, and show the send after them.
   */
  readonly warmups?: number
}

export interface TraceSlice {
  /** The last trace received; the UI derives everything from it and the playhead. */
  trace: Trace | null
  /** The app and request `trace` was made from (the working copy may have changed since). */
  traced: Setup | null
  /** `true` from "Send request" until the trace (or an error) arrives. */
  sending: boolean
  /** A plain sentence when the last send failed; the previous trace is kept. */
  sendError: string | null
  transport: Transport | null
  transportMode: Transport['mode'] | null
  transportNotice: string | null
  /** Why no transport could start at all (the lazy import failed). */
  transportError: string | null
  /** Bumped by every send and scenario change, so a late answer for an old request is dropped. */
  sendGeneration: number
  /**
   * How the trace on screen was reached: 0 from a cold browser; N when it is the send after N
   * sends in a row of the same app and request on the kept-alive connection; `null` when the
   * connection it reused was left by another request or app (no link can rebuild that).
   */
  warmups: number | null
  /** The trace this one followed on the same kept-alive connection; `null` after a cold start. */
  previousTrace: Trace | null
  /** Fields to fix in the Request tab's draft. While there are any, nothing is sent. */
  draftErrors: number
  /** Bumped by each send refused because of `draftErrors`; back to 0 once the draft is valid. */
  sendRefusals: number
  /** The Request tab reports its draft's errors (0: valid, and whatever waits may be sent). */
  setDraftErrors: (count: number) => void
  setTransport: (transport: Transport) => void
  failTransport: (reason: string) => void
  /** Sends the working request to the working app; the answer replaces `trace`. */
  sendRequest: (options?: SendOptions) => Promise<void>
}

export interface PlaybackSlice {
  /** Index of the current event in `trace.events` (0 when there is no trace). */
  playhead: number
  playing: boolean
  stepForward: () => void
  stepBack: () => void
  seek: (index: number) => void
  play: () => void
  pause: () => void
  togglePlay: () => void
  restart: () => void
  /** One step on behalf of the playback driver: keeps playing, stops at the last event. */
  advance: () => void
}

export interface ScenarioSlice {
  /** The curated scenario last opened (always one that exists); `working` starts as its copy. */
  scenarioId: string
  /** `true` once the app or request differs from the curated scenario's (edited or imported). */
  customized: boolean
  /** The app and request being edited; "Send request" sends these. */
  working: Setup
  /** One line when the requested scenario could not be opened. */
  scenarioNotice: string | null
  seed: number
  /** `true` once every curated scenario and lesson is known (src/store/catalogue.ts). */
  catalogueReady: boolean
  loadScenario: (id: string) => void
  /** Replaces the working request (the composer); the trace is untouched until the next send. */
  setRequest: (request: RequestSpec) => void
  /**
   * Replaces the working app (the editor, an import) and re-runs the working request from a cold
   * browser, so the journey shows what the change did. `{ rerun: false }` only stores it.
   */
  setScenario: (scenario: Scenario, options?: { readonly rerun?: boolean }) => void
  /**
   * Opens an app and request that are not a curated scenario (an import, a deep link, a saved
   * app); `baseId` names the curated scenario it was made from, for its title and goal.
   */
  loadSetup: (setup: Setup, notice?: string | null, baseId?: string) => void
  setSeed: (seed: number) => void
  /** Sets `scenarioNotice` (a deep link or an import that could not be read). */
  setScenarioNotice: (notice: string | null) => void
}

/** How much the explanations say: the analogy, the usual account, or protocol and framework detail. */
export const DEPTHS = ['simple', 'standard', 'deep'] as const
export type Depth = (typeof DEPTHS)[number]

/** `dilated`: every step gets a readable minimum time. `proportional`: real time, stretched. */
export const PACINGS = ['dilated', 'proportional'] as const
export type Pacing = (typeof PACINGS)[number]

/** `system` follows prefers-reduced-motion; the others override it from inside the app. */
export const MOTIONS = ['system', 'reduce', 'full'] as const
export type Motion = (typeof MOTIONS)[number]

/** `system` follows prefers-color-scheme; `projector` is presentation mode's high-contrast theme. */
export const THEMES = ['system', 'light', 'dark', 'projector'] as const
export type Theme = (typeof THEMES)[number]

/** The detail pane's tabs: reading the step (first five), then changing the request and the app. */
export const DETAIL_TABS = [
  'explain',
  'inspector',
  'timeline',
  'network',
  'code',
  'request',
  'app',
] as const
export type DetailTab = (typeof DETAIL_TABS)[number]

export interface PrefsSlice {
  /** The open detail tab; other parts open one (the client band's "Edit request" opens Request). */
  detailTab: DetailTab
  openDetailTab: (tab: DetailTab) => void
  speed: Speed
  depth: Depth
  pacing: Pacing
  motion: Motion
  theme: Theme
  setSpeed: (speed: Speed) => void
  setDepth: (depth: Depth) => void
  setPacing: (pacing: Pacing) => void
  setMotion: (motion: Motion) => void
  setTheme: (theme: Theme) => void
}

/** Presentation mode: the projected page (large type, projector theme, chrome hidden). */
export interface PresentSlice {
  presenting: boolean
  /** The projected screen is black (B or "." in presentation mode); any key shows it again. */
  blanked: boolean
  /** Turning presentation off also un-blanks the screen. */
  setPresenting: (presenting: boolean) => void
  setBlanked: (blanked: boolean) => void
}

export type RoundtripState = TraceSlice &
  PlaybackSlice &
  ScenarioSlice &
  PrefsSlice &
  PresentSlice &
  LessonsSlice &
  CompareSlice

export type SliceCreator<Slice> = StateCreator<RoundtripState, [], [], Slice>

// ── Compare and lessons: their slices' shapes live here with the others, so no slice and this
// file import each other.

/** One side of a comparison: what to send, and what to call it. */
export interface CompareSide {
  /** e.g. "First visit", shown over its column. */
  readonly label: string
  /** How the summary names it in a sentence, e.g. "the repeat". */
  readonly name: string
  readonly setup: Setup
  /** Send over the connection (and DNS cache) the other side's run left open: a repeat visit. */
  readonly afterLeft?: boolean
}

export interface CompareSpec {
  readonly id: string
  readonly title: string
  readonly left: CompareSide
  readonly right: CompareSide
}

export interface CompareResult {
  readonly spec: CompareSpec
  readonly left: Trace
  readonly right: Trace
}

export interface CompareSlice {
  compareStatus: 'idle' | 'running' | 'done' | 'error'
  compareResult: CompareResult | null
  /** A plain sentence when a run could not be made; the previous result is cleared. */
  compareError: string | null
  /** Bumped by each run, so a late answer for an older comparison is dropped. */
  compareGeneration: number
  /** Runs both sides through the store's transport (the same path as "Send request"). */
  runCompare: (spec: CompareSpec) => Promise<void>
}

/** An answer the learner committed, and whether it was right. */
export interface LessonAnswer {
  readonly value: string | number
  readonly correct: boolean
}

/** An answer whose reveal waits for the next question, which stops at the same step. */
export interface HeldAnswer extends LessonAnswer {
  /** The checkpoint it answers (its index in the lesson). */
  readonly checkpoint: number
}

/** The last finished run of a lesson. */
export interface LessonScore {
  readonly right: number
  readonly total: number
}

export interface LessonsSlice {
  /** The lesson opened last; it is active only while its scenario is open, unedited. */
  lessonId: string | null
  /** The checkpoint being worked on; equals the number of checkpoints once all are answered. */
  lessonCheckpoint: number
  /** The committed answer to the current checkpoint (revealed), `null` while it waits. */
  lessonAnswer: LessonAnswer | null
  /** Right or wrong, for each checkpoint answered in this run. */
  lessonResults: readonly boolean[]
  /**
   * Answers whose reveal is held back: when the next question stops at the same step, the
   * reveal waits until that one is answered too, so one reveal never gives the next answer away.
   */
  lessonHeld: readonly HeldAnswer[]
  /** Bumped when a step, End or Play is refused because a question waits ("answer first"). */
  lessonNudges: number
  /** Lesson id → last finished score; kept in localStorage. */
  lessonScores: Readonly<Record<string, LessonScore>>
  /** Opens the lesson's scenario and sends its request from a cold browser; `false` if unknown. */
  startLesson: (id: string) => boolean
  /** Commits an answer to the waiting question; the reveal follows. */
  answerCheckpoint: (value: string | number) => void
  /** After a reveal: on to the next checkpoint, and playback resumes to show why. */
  continueLesson: () => void
  exitLesson: () => void
}
