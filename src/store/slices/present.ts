import type { PresentSlice, SliceCreator } from '../types'

const presentInitial = { presenting: false, blanked: false } satisfies Partial<PresentSlice>

export const createPresentSlice: SliceCreator<PresentSlice> = (set) => ({
  ...presentInitial,
  setPresenting: (presenting) =>
    set(presenting === true ? { presenting: true } : { presenting: false, blanked: false }),
  // Blanking pauses playback: the class should not miss steps while the screen is black.
  setBlanked: (blanked) =>
    set(blanked === true ? { blanked: true, playing: false } : { blanked: false }),
})
