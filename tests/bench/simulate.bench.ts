// @vitest-environment node
import { bench, describe } from 'vitest'
import { findScenario, scenarios, simulate } from '../../src/engine'

const getUser = findScenario('get-user')!

describe('simulate', () => {
  bench('one request (get-user, cold connection)', () => {
    simulate({ scenario: getUser.scenario, request: getUser.request })
  })

  bench('one request (get-user, kept-alive connection)', () => {
    const first = simulate({ scenario: getUser.scenario, request: getUser.request })
    simulate({ scenario: getUser.scenario, request: getUser.request, connection: first.connection })
  })

  bench(
    '10,000 requests across every curated scenario',
    () => {
      for (let i = 0; i < 10_000; i++) {
        const curated = scenarios[i % scenarios.length]!
        simulate({ scenario: curated.scenario, request: curated.request, seed: i })
      }
    },
    { iterations: 5, warmupIterations: 1 },
  )
})
