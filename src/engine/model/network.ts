/** Link conditions between the browser and the proxy. RTT in ms, bandwidth in megabits per second. */
export interface NetworkProfile {
  readonly rttMs: number
  readonly bandwidthMbps: number
}

export const NETWORK_PRESETS = {
  localhost: { rttMs: 0.2, bandwidthMbps: 10_000 },
  fibre: { rttMs: 12, bandwidthMbps: 500 },
  cable: { rttMs: 25, bandwidthMbps: 100 },
  '4g': { rttMs: 60, bandwidthMbps: 20 },
  '3g': { rttMs: 200, bandwidthMbps: 1.6 },
  satellite: { rttMs: 600, bandwidthMbps: 25 },
} as const satisfies Record<string, NetworkProfile>

export type NetworkPresetId = keyof typeof NETWORK_PRESETS

/** A scenario's link: a preset, optionally with its round-trip time or bandwidth overridden. */
export interface NetworkConditions {
  readonly preset: NetworkPresetId
  readonly rttMs?: number
  readonly bandwidthMbps?: number
}

/**
 * The profile a scenario's link runs at: the preset's figures, with any override applied.
 * @example networkProfile({ preset: '4g', rttMs: 90 }) // { rttMs: 90, bandwidthMbps: 20 }
 */
export const networkProfile = (conditions: NetworkConditions): NetworkProfile => {
  const preset = NETWORK_PRESETS[conditions.preset]
  if (conditions.rttMs === undefined && conditions.bandwidthMbps === undefined) return preset
  return {
    rttMs: conditions.rttMs ?? preset.rttMs,
    bandwidthMbps: conditions.bandwidthMbps ?? preset.bandwidthMbps,
  }
}

/** Time for `bytes` to cross a link of `bandwidthMbps`, in ms. */
export const transferMs = (bytes: number, bandwidthMbps: number): number =>
  (bytes * 8) / (bandwidthMbps * 1000)
