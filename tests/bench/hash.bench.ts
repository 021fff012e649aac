// @vitest-environment node
import { bench, describe } from 'vitest'
import { findScenario, scenarios } from '../../src/engine'
import { decodeState, encodeState } from '../../src/link/hash'

const getUser = findScenario('get-user')!
// An edited app travels whole in the link (compressed): the heaviest case the address bar carries.
const edited = {
  scenarioId: getUser.id,
  scenario: { ...getUser.scenario, middleware: [] },
  request: { ...getUser.request, url: 'https://api.example.com/users/7' },
  seed: 3,
  step: 12,
  depth: 'deep' as const,
  theme: 'dark' as const,
}
const editedHash = encodeState(edited)
const largest = [...scenarios].sort(
  (a, b) => JSON.stringify(b.scenario).length - JSON.stringify(a.scenario).length,
)[0]!
const largestState = {
  scenarioId: largest.id,
  scenario: { ...largest.scenario, routes: [...largest.scenario.routes].reverse() },
  request: { ...largest.request, headers: { ...largest.request.headers, 'x-edited': '1' } },
}

describe('deep links', () => {
  bench('encode an edited app, request, step, depth and theme', () => {
    encodeState(edited)
  })

  bench('decode (and validate) that link', () => {
    decodeState(editedHash)
  })

  bench(
    `encode + decode (${encodeState(largestState).length} characters) the largest curated app, edited: ${largest.id}`,
    () => {
      decodeState(encodeState(largestState))
    },
  )
})
