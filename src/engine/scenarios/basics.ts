import type { CuratedScenario } from './types'
import { demoApp } from './demoApp'

/**
 * The scenario a page opens with. It lives here, beside its data, so a page's first screen can
 * name it without importing the whole catalogue (src/store/catalogue.ts).
 */
export const DEFAULT_SCENARIO_ID = 'get-user'

/** The walking-skeleton pair: one request that reaches the view, one the router turns back. */
export const basicScenarios: readonly CuratedScenario[] = [
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
