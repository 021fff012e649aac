import type { PrefsSlice, SliceCreator } from '../types'
import { DEPTHS, DETAIL_TABS, MOTIONS, PACINGS, THEMES, isSpeed } from '../types'
import type { DetailTab, Motion } from '../types'

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

// ── "Reduce motion", remembered ────────────────────────────────────────────────────────────

export const MOTION_KEY = 'roundtrip:motion'

/**
 * The saved motion choice. Storage may be missing, refuse access, or hold anything: only one of
 * MOTIONS is believed; anything else reads as `system` (the operating system decides).
 */
export const readMotion = (): Motion => {
  try {
    const raw = globalThis.localStorage?.getItem(MOTION_KEY)
    return isOneOf(MOTIONS)(raw) ? raw : 'system'
  } catch {
    return 'system'
  }
}

/** Remembers the choice for the next visit; `system` forgets it. Never throws. */
export const writeMotion = (motion: Motion): void => {
  try {
    if (motion === 'system') globalThis.localStorage?.removeItem(MOTION_KEY)
    else globalThis.localStorage?.setItem(MOTION_KEY, motion)
  } catch {
    // Full or forbidden storage: the choice holds for this visit.
  }
}

export const createPrefsSlice: SliceCreator<PrefsSlice> = (set) => ({
  ...prefsInitial,
  motion: readMotion(),
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
    if (!isOneOf(MOTIONS)(motion)) return
    set({ motion })
    writeMotion(motion)
  },
  openDetailTab: (tab) => {
    if (isOneOf(DETAIL_TABS)(tab)) set({ detailTab: tab })
  },
  setTheme: (theme) => {
    if (isOneOf(THEMES)(theme)) set({ theme })
  },
})
