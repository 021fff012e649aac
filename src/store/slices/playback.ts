import type { PlaybackSlice, RoundtripState, SliceCreator } from '../types'
import { lessonLimit } from './lessons'

const endIndex = (state: RoundtripState): number =>
  Math.max(0, (state.trace?.events.length ?? 0) - 1)

/** The furthest step playback may reach: the end, or the step before a waiting lesson question. */
const lastIndex = (state: RoundtripState): number => Math.min(endIndex(state), lessonLimit(state))

const clamp = (index: number, state: RoundtripState): number =>
  Math.min(Math.max(0, Math.trunc(index)), lastIndex(state))

const playbackInitial = { playhead: 0, playing: false } satisfies Partial<PlaybackSlice>

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get) => ({
  ...playbackInitial,

  // A manual step takes control: playback pauses so the class can look at this step.
  stepForward: () => set((s) => ({ playhead: clamp(s.playhead + 1, s), playing: false })),
  stepBack: () => set((s) => ({ playhead: clamp(s.playhead - 1, s), playing: false })),
  seek: (index) =>
    set((s) => ({
      playhead: Number.isFinite(index) ? clamp(index, s) : s.playhead,
      playing: false,
    })),
  restart: () => set({ playhead: 0, playing: false }),

  play: () => {
    const state = get()
    if (!state.trace || state.trace.events.length < 2) return
    // Play at the last step replays the journey from the start.
    if (state.playhead >= endIndex(state)) return set({ playing: true, playhead: 0 })
    // Stopped before a lesson's question: it has to be answered first.
    if (state.playhead >= lastIndex(state)) return
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
