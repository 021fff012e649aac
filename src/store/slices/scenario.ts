import type { CuratedScenario } from '../../engine'
import {
  DEFAULT_SCENARIO_ID,
  catalogueLoaded,
  curatedOrDefault,
  findCurated,
  loadCatalogue,
} from '../catalogue'
import type { ScenarioSlice, Setup, SliceCreator } from '../types'

const setupOf = (curated: CuratedScenario): Setup => ({
  scenario: curated.scenario,
  request: curated.request,
})

/** JSON with object keys sorted and undefined dropped: two setups that say the same read the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )

/**
 * Whether the working copy differs from the curated scenario it started from: an edit typed back
 * to the original is no edit (the EDITED badge, links and lessons all read this).
 */
const differsFromCurated = (working: Setup, scenarioId: string): boolean => {
  const curated = setupOf(curatedOrDefault(scenarioId))
  return (
    canonical(working.request) !== canonical(curated.request) ||
    canonical(working.scenario) !== canonical(curated.scenario)
  )
}

const scenarioInitial = {
  scenarioId: DEFAULT_SCENARIO_ID,
  customized: false,
  working: setupOf(curatedOrDefault(DEFAULT_SCENARIO_ID)),
  scenarioNotice: null,
  seed: 1,
  catalogueReady: catalogueLoaded(),
} satisfies Partial<ScenarioSlice>

/** What a new app or a new curated scenario resets: the trace and anything in flight for it. */
const cleanSlate = (generation: number) => ({
  trace: null,
  traced: null,
  playhead: 0,
  playing: false,
  sending: false,
  sendError: null,
  sendGeneration: generation + 1,
  warmups: 0,
  previousTrace: null,
  // The Request tab's draft follows the new request (its edits kept for "Restore my edits").
  draftErrors: 0,
  sendRefusals: 0,
})

export const createScenarioSlice: SliceCreator<ScenarioSlice> = (set, get) => {
  const open = ({ id, notice }: { id: string; notice: string | null }) => {
    // Re-opening the open scenario (the same link applied again, the same pick) keeps its trace.
    if (id === get().scenarioId && !get().customized) {
      if (notice !== get().scenarioNotice) set({ scenarioNotice: notice })
      return
    }
    // A new scenario starts clean; an answer still in flight for the old one is dropped.
    set((s) => ({
      scenarioId: id,
      customized: false,
      working: setupOf(curatedOrDefault(id)),
      scenarioNotice: notice,
      ...cleanSlate(s.sendGeneration),
    }))
  }

  return {
    ...scenarioInitial,
    // An unknown id opens the default scenario and says so (links are read in src/link).
    loadScenario: (id) => {
      // Asked before the catalogue has arrived (main.tsx loads it before anything can ask): it
      // opens when the catalogue is here.
      if (!findCurated(id) && !catalogueLoaded()) {
        void loadCatalogue().then(() => get().loadScenario(id))
        return
      }
      open(
        findCurated(id)
          ? { id, notice: null }
          : {
              id: DEFAULT_SCENARIO_ID,
              notice: `There is no scenario "${id.slice(0, 40)}", so "${curatedOrDefault(DEFAULT_SCENARIO_ID).title}" is open instead.`,
            },
      )
    },

    setRequest: (request) =>
      set((s) => {
        const working = { ...s.working, request }
        return { working, customized: differsFromCurated(working, s.scenarioId) }
      }),

    setScenario: (scenario, { rerun = true } = {}) => {
      set((s) => {
        const working = { ...s.working, scenario }
        return { working, customized: differsFromCurated(working, s.scenarioId) }
      })
      // The journey shows what the change did: same request, same seed, a cold browser.
      if (rerun) void get().sendRequest({ cold: true })
    },

    loadSetup: (setup, notice = null, baseId) =>
      set((s) => ({
        ...(baseId !== undefined && findCurated(baseId) ? { scenarioId: baseId } : {}),
        working: setup,
        customized: true,
        scenarioNotice: notice,
        ...cleanSlate(s.sendGeneration),
      })),

    setSeed: (seed) => {
      if (Number.isSafeInteger(seed)) set({ seed })
    },

    setScenarioNotice: (notice) => set({ scenarioNotice: notice }),
  }
}
