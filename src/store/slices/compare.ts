import type { CompareSlice, RoundtripState, SliceCreator } from '../types'
import { transportReady } from './trace'

const compareInitial = {
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
