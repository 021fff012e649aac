import type { StateCreator } from 'zustand'
import type { Trace } from '../engine'
import type { Transport } from './transport'

/** The playback speeds the "Speed" control offers, as multiples of the default pace. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const
export type Speed = (typeof SPEEDS)[number]

export const isSpeed = (value: unknown): value is Speed =>
  typeof value === 'number' && (SPEEDS as readonly number[]).includes(value)

export interface TraceSlice {
  /** The last trace received; the UI derives everything from it and the playhead. */
  trace: Trace | null
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
  setTransport: (transport: Transport) => void
  failTransport: (reason: string) => void
  sendRequest: () => Promise<void>
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
  /** A curated scenario id (always one that exists). */
  scenarioId: string
  /** One line when the requested scenario could not be opened. */
  scenarioNotice: string | null
  seed: number
  loadScenario: (id: string) => void
  loadScenarioFromHash: (hash: string) => void
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

export interface PrefsSlice {
  speed: Speed
  depth: Depth
  pacing: Pacing
  motion: Motion
  setSpeed: (speed: Speed) => void
  setDepth: (depth: Depth) => void
  setPacing: (pacing: Pacing) => void
  setMotion: (motion: Motion) => void
}

export type RoundtripState = TraceSlice & PlaybackSlice & ScenarioSlice & PrefsSlice

export type SliceCreator<Slice> = StateCreator<RoundtripState, [], [], Slice>
