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

export const DEFAULT_SCENARIO_ID = 'get-user'

export const findScenario = (id: string): CuratedScenario | undefined =>
  scenarios.find((s) => s.id === id)
