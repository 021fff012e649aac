import type { Trace } from '../../engine'
import type { RoundtripState, Setup, SliceCreator } from '../types'
import { transportReady } from './trace'

/** One side of a comparison: what to send, and what to call it. */
export interface CompareSide {
  /** e.g. "First visit", shown over its column. */
  readonly label: string
  /** How the summary names it in a sentence, e.g. "the repeat". */
  readonly name: string
  readonly setup: Setup
  /** Send over the connection (and DNS cache) the other side's run left open: a repeat visit. */
  readonly afterLeft?: boolean
}

export interface CompareSpec {
  readonly id: string
  readonly title: string
  readonly left: CompareSide
  readonly right: CompareSide
}

export interface CompareResult {
  readonly spec: CompareSpec
  readonly left: Trace
  readonly right: Trace
}

export interface CompareSlice {
  compareStatus: 'idle' | 'running' | 'done' | 'error'
  compareResult: CompareResult | null
  /** A plain sentence when a run could not be made; the previous result is cleared. */
  compareError: string | null
  /** Bumped by each run, so a late answer for an older comparison is dropped. */
  compareGeneration: number
  /** Runs both sides through the store's transport (the same path as "Send request"). */
  runCompare: (spec: CompareSpec) => Promise<void>
}

export const compareInitial = {
  compareStatus: 'idle',
  compareResult: null,
  compareError: null,
  compareGeneration: 0,
} satisfies Partial<CompareSlice>

const reasonOf = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : String(error)

export const createCompareSlice: SliceCreator<CompareSlice> = (set, get, api) => ({
  ...compareInitial,

  runCompare: async (spec) => {
    const generation = get().compareGeneration + 1
    set({ compareStatus: 'running', compareError: null, compareGeneration: generation })
    const current = () => get().compareGeneration === generation
    try {
      const transport = await transportReady(get as () => RoundtripState, api.subscribe)
      const { seed } = get()
      // Each side starts from a cold browser unless it is the repeat of the other.
      const left = await transport.send({ ...spec.left.setup, seed })
      const right = await transport.send({
        ...spec.right.setup,
        seed,
        ...(spec.right.afterLeft ? { connection: left.connection } : {}),
      })
      if (!current()) return
      set({ compareStatus: 'done', compareResult: { spec, left, right } })
    } catch (error) {
      if (!current()) return
      set({
        compareStatus: 'error',
        compareResult: null,
        compareError: `The comparison could not be run (${reasonOf(error)}).`,
      })
    }
  },
})
