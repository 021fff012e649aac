import { DEFAULT_SCENARIO_ID } from '../../engine'
import { scenarioFromHash } from '../scenarioHash'
import type { ScenarioSlice, SliceCreator } from '../types'

export const scenarioInitial = {
  scenarioId: DEFAULT_SCENARIO_ID,
  scenarioNotice: null,
  seed: 1,
} satisfies Partial<ScenarioSlice>

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get) => {
  const open = ({ id, notice }: { id: string; notice: string | null }) => {
    // Re-opening the open scenario (e.g. our own hash write echoing back) keeps its trace.
    if (id === get().scenarioId) {
      if (notice !== get().scenarioNotice) set({ scenarioNotice: notice })
      return
    }
    // A new scenario starts clean; an answer still in flight for the old one is dropped.
    set((s) => ({
      scenarioId: id,
      scenarioNotice: notice,
      trace: null,
      playhead: 0,
      playing: false,
      sending: false,
      sendError: null,
      sendGeneration: s.sendGeneration + 1,
    }))
  }

  return {
    ...scenarioInitial,
    loadScenario: (id) => open(scenarioFromHash(new URLSearchParams({ scenario: id }).toString())),
    loadScenarioFromHash: (hash) => open(scenarioFromHash(hash)),
  }
}
