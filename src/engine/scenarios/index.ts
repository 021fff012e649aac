import { appScenarios } from './app'
import { basicScenarios } from './basics'
import { lessonScenarios } from './lessonScenarios'
import { networkScenarios } from './network'
import type { CuratedScenario } from './types'

export type { CuratedScenario } from './types'

export const scenarios: readonly CuratedScenario[] = [
  ...basicScenarios,
  ...networkScenarios,
  ...appScenarios,
  ...lessonScenarios,
]

export { DEFAULT_SCENARIO_ID } from './basics'

export const findScenario = (id: string): CuratedScenario | undefined =>
  scenarios.find((s) => s.id === id)
