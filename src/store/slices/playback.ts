import type { PlaybackSlice, RoundtripState, SliceCreator } from '../types'
import { lessonLimit } from './lessons'

const endIndex = (state: RoundtripState): number =>
  Math.max(0, (state.trace?.events.length ?? 0) - 1)

/** The furthest step playback may reach: the end, or the step before a waiting lesson question. */
const lastIndex = (state: RoundtripState): number => Math.min(endIndex(state), lessonLimit(state))

const clamp = (index: number, state: RoundtripState): number =>
  Math.min(Math.max(0, Math.trunc(index)), lastIndex(state))

/**
 * A step, End or Play that would pass a lesson's question. After the reveal it moves the lesson
 * on, as Continue does, so the journey plays on; while the question waits it is refused, and the
 * nudge makes the lesson card say "answer first" instead of nothing happening.
 */
const pastQuestion = (s: RoundtripState, target: number): Partial<RoundtripState> => {
  if (target <= lastIndex(s) || lastIndex(s) >= endIndex(s)) return {}
  if (s.lessonAnswer)
    return { lessonCheckpoint: s.lessonCheckpoint + 1, lessonAnswer: null, lessonHeld: [] }
  return { lessonNudges: s.lessonNudges + 1 }
}

/** Moves the playhead towards `target`, through `pastQuestion`; a manual move pauses. */
const moveTo = (s: RoundtripState, target: number): Partial<RoundtripState> => {
  const lesson = pastQuestion(s, target)
  return { ...lesson, playhead: clamp(target, { ...s, ...lesson }), playing: false }
}

const playbackInitial = { playhead: 0, playing: false } satisfies Partial<PlaybackSlice>

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get) => ({
  ...playbackInitial,

  // A manual step takes control: playback pauses so the class can look at this step.
  stepForward: () => set((s) => moveTo(s, s.playhead + 1)),
  stepBack: () => set((s) => ({ playhead: clamp(s.playhead - 1, s), playing: false })),
  seek: (index) => set((s) => (Number.isFinite(index) ? moveTo(s, index) : { playing: false })),
  restart: () => set({ playhead: 0, playing: false }),

  play: () => {
    const state = get()
    if (!state.trace || state.trace.events.length < 2) return
    // Play at the last step replays the journey from the start.
    if (state.playhead >= endIndex(state)) return set({ playing: true, playhead: 0 })
    // Stopped at a lesson's question: answered, Play moves on; waiting, "answer first".
    if (state.playhead >= lastIndex(state)) {
      const lesson = pastQuestion(state, state.playhead + 1)
      if (!('lessonCheckpoint' in lesson)) return set(lesson)
      return set({ ...lesson, playing: true })
    }
    set({ playing: true })
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),

  advance: () =>
    set((s) => {
      const next = clamp(s.playhead + 1, s)
      return { playhead: next, playing: s.playing && next < lastIndex(s) }
    }),
})
