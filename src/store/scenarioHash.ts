import { DEFAULT_SCENARIO_ID, findScenario } from '../engine'

export interface HashScenario {
  readonly id: string
  /** Set when the hash asked for a scenario that does not exist. */
  readonly notice: string | null
}

const MAX_SHOWN = 40

const paramsOf = (hash: string): URLSearchParams => new URLSearchParams(hash.replace(/^#/, ''))

/**
 * Reads `#scenario=<id>` from a URL hash. Never throws: a missing key means the default, an
 * unknown or malformed id means the default plus a notice; other keys are left to their owners.
 */
export const scenarioFromHash = (hash: string): HashScenario => {
  const params = paramsOf(hash)
  if (!params.has('scenario')) return { id: DEFAULT_SCENARIO_ID, notice: null }
  const requested = params.get('scenario') ?? ''
  if (findScenario(requested)) return { id: requested, notice: null }
  const fallback = findScenario(DEFAULT_SCENARIO_ID)?.title ?? DEFAULT_SCENARIO_ID
  const shown = requested.length > MAX_SHOWN ? `${requested.slice(0, MAX_SHOWN)}…` : requested
  return {
    id: DEFAULT_SCENARIO_ID,
    notice: `The link asks for a scenario "${shown}" that does not exist, so "${fallback}" is open instead.`,
  }
}

/** The hash with `scenario` set to `id`, keeping any other keys (step, seed…) as they were. */
export const hashWithScenario = (hash: string, id: string): string => {
  const params = paramsOf(hash)
  params.set('scenario', id)
  return `#${params.toString()}`
}
