import type { PrefsSlice, SliceCreator } from '../types'
import { DEPTHS, DETAIL_TABS, MOTIONS, PACINGS, THEMES, isSpeed } from '../types'
import type { DetailTab } from '../types'

const prefsInitial = {
  speed: 1,
  depth: 'standard',
  pacing: 'dilated',
  motion: 'system',
  theme: 'system',
  detailTab: 'explain' as DetailTab,
} satisfies Partial<PrefsSlice>

const isOneOf =
  <T extends string>(options: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (options as readonly string[]).includes(value)

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set) => ({
  ...prefsInitial,
  setSpeed: (speed) => {
    if (isSpeed(speed)) set({ speed })
  },
  setDepth: (depth) => {
    if (isOneOf(DEPTHS)(depth)) set({ depth })
  },
  setPacing: (pacing) => {
    if (isOneOf(PACINGS)(pacing)) set({ pacing })
  },
  setMotion: (motion) => {
    if (isOneOf(MOTIONS)(motion)) set({ motion })
  },
  openDetailTab: (tab) => {
    if (isOneOf(DETAIL_TABS)(tab)) set({ detailTab: tab })
  },
  setTheme: (theme) => {
    if (isOneOf(THEMES)(theme)) set({ theme })
  },
})
