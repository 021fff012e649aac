import type { RequestSpec, Scenario } from '../model/scenario'
import { demoApp } from './demoApp'

/** A ready-made scenario: the app, the request to send and how it should end. */
export interface CuratedScenario {
  /** Stable kebab-case id, used in `#scenario=<id>` links. */
  readonly id: string
  readonly title: string
  /** One line saying what the scenario shows. */
  readonly goal: string
  /** The status the trace ends in; `null` for a network error. */
  readonly expectedStatus: number | null
  readonly scenario: Scenario
  readonly request: RequestSpec
}

export const scenarios: readonly CuratedScenario[] = [
  {
    id: 'get-user',
    title: 'Fetch a user',
    goal: 'A GET passes every layer inward and the 200 travels back out.',
    expectedStatus: 200,
    scenario: demoApp,
    request: { method: 'GET', url: 'https://api.example.com/users/42' },
  },
  {
    id: 'not-found',
    title: 'A path no route matches',
    goal: 'The router answers 404 itself: validation and the view never run.',
    expectedStatus: 404,
    scenario: demoApp,
    request: { method: 'GET', url: 'https://api.example.com/userz/42' },
  },
]

export const DEFAULT_SCENARIO_ID = 'get-user'

export const findScenario = (id: string): CuratedScenario | undefined =>
  scenarios.find((s) => s.id === id)
