import type { PrefsSlice, SliceCreator } from '../types'
import { isSpeed } from '../types'

export const prefsInitial = { speed: 1 } satisfies Partial<PrefsSlice>

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set) => ({
  ...prefsInitial,
  setSpeed: (speed) => {
    if (isSpeed(speed)) set({ speed })
  },
})
