import type { TraceEvent } from '../engine'
import { curatedOrDefault } from './catalogue'
import type { RoundtripState } from './types'

const NO_EVENTS: readonly TraceEvent[] = []

export const selectTrace = (s: RoundtripState) => s.trace
export const selectEvents = (s: RoundtripState): readonly TraceEvent[] =>
  s.trace?.events ?? NO_EVENTS
export const selectEventCount = (s: RoundtripState): number => s.trace?.events.length ?? 0
export const selectPlayhead = (s: RoundtripState) => s.playhead
export const selectPlaying = (s: RoundtripState) => s.playing
export const selectSpeed = (s: RoundtripState) => s.speed
export const selectDepth = (s: RoundtripState) => s.depth
export const selectPacing = (s: RoundtripState) => s.pacing
export const selectMotion = (s: RoundtripState) => s.motion
export const selectSetDepth = (s: RoundtripState) => s.setDepth
export const selectSetPacing = (s: RoundtripState) => s.setPacing
export const selectSetMotion = (s: RoundtripState) => s.setMotion
export const selectTheme = (s: RoundtripState) => s.theme
export const selectSetTheme = (s: RoundtripState) => s.setTheme
export const selectSeek = (s: RoundtripState) => s.seek
export const selectSending = (s: RoundtripState) => s.sending
export const selectPresenting = (s: RoundtripState) => s.presenting
export const selectBlanked = (s: RoundtripState) => s.blanked
export const selectSetPresenting = (s: RoundtripState) => s.setPresenting
export const selectSetBlanked = (s: RoundtripState) => s.setBlanked

/** The event under the playhead, or `undefined` before any trace. */
export const selectCurrentEvent = (s: RoundtripState): TraceEvent | undefined =>
  s.trace?.events[s.playhead]

/** `true` once the playhead stands on the trace's last event: the journey is over. */
export const selectAtEnd = (s: RoundtripState): boolean =>
  s.trace !== null && s.playhead >= s.trace.events.length - 1

export const selectScenarioId = (s: RoundtripState) => s.scenarioId
export const selectCatalogueReady = (s: RoundtripState) => s.catalogueReady
/** The curated scenario last opened: its title and goal (the working copy may differ). */
export const selectCurrentScenario = (s: RoundtripState) => curatedOrDefault(s.scenarioId)

/** The app and request the shown trace came from; before any trace, the working copy. */
export const selectShown = (s: RoundtripState) => s.traced ?? s.working
export const selectWorking = (s: RoundtripState) => s.working
export const selectCustomized = (s: RoundtripState) => s.customized
export const selectSetRequest = (s: RoundtripState) => s.setRequest
export const selectSetScenario = (s: RoundtripState) => s.setScenario

/** Use with `useShallow`: returns a fresh object. */
export const selectNotices = (s: RoundtripState) => ({
  scenarioNotice: s.scenarioNotice,
  transportNotice: s.transportNotice,
  transportError: s.transportError,
  sendError: s.sendError,
})

/** Use with `useShallow`: the actions the controls call (stable references). */
export const selectPlaybackActions = (s: RoundtripState) => ({
  stepForward: s.stepForward,
  stepBack: s.stepBack,
  seek: s.seek,
  togglePlay: s.togglePlay,
  restart: s.restart,
  setSpeed: s.setSpeed,
})

export const selectAdvance = (s: RoundtripState) => s.advance
export const selectSendRequest = (s: RoundtripState) => s.sendRequest
export const selectLoadScenario = (s: RoundtripState) => s.loadScenario

/** Use with `useShallow`: the side-by-side comparison and how to run one. */
export const selectCompare = (s: RoundtripState) => ({
  status: s.compareStatus,
  result: s.compareResult,
  error: s.compareError,
  runCompare: s.runCompare,
})

export const selectDetailTab = (s: RoundtripState) => s.detailTab
export const selectOpenDetailTab = (s: RoundtripState) => s.openDetailTab
