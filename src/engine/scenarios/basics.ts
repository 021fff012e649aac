import type { CuratedScenario } from './types'
import { demoApp } from './demoApp'

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
