import type { PlaybackSlice, RoundtripState, SliceCreator } from '../types'

const lastIndex = (state: RoundtripState): number =>
  Math.max(0, (state.trace?.events.length ?? 0) - 1)

const clamp = (index: number, state: RoundtripState): number =>
  Math.min(Math.max(0, Math.trunc(index)), lastIndex(state))

export const playbackInitial = { playhead: 0, playing: false } satisfies Partial<PlaybackSlice>

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
    set({ playing: true, playhead: state.playhead >= lastIndex(state) ? 0 : state.playhead })
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),

  advance: () =>
    set((s) => {
      const next = clamp(s.playhead + 1, s)
      return { playhead: next, playing: s.playing && next < lastIndex(s) }
    }),
})
