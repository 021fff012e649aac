import { describe, expect, it } from 'vitest'
import { parseScenario, scenarios, simulate, STATUS_TEXT } from '../../../src/engine'

/** The ids the issue names; links in course pages depend on them staying. */
const REQUIRED = [
  'get-user',
  'create-user',
  'delete-user',
  'redirect',
  'not-modified',
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'method-not-allowed',
  'unsupported-media-type',
  'validation-error',
  'rate-limited',
  'server-error',
  'bad-gateway',
  'service-unavailable',
  'gateway-timeout',
  'static-file',
  'cors-preflight',
  'compression',
  'login-session',
  'slow-database',
  'dns-failure',
  'payload-too-large',
  'tls-certificate-error',
  'connection-reset',
]

/** Every status DOMAIN.md asks the scenarios to reach. */
const STATUSES = [
  200, 201, 204, 301, 304, 400, 401, 403, 404, 405, 415, 422, 429, 500, 502, 503, 504,
]

describe('curated scenarios', () => {
  it('have unique, stable kebab-case ids, including every required one', () => {
    const ids = scenarios.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(ids).toEqual(expect.arrayContaining(REQUIRED))
  })

  it.each(scenarios.map((s) => [s.id, s] as const))('%s ends as declared', (_id, curated) => {
    const trace = simulate({ scenario: curated.scenario, request: curated.request })
    if (curated.expectedStatus === null) {
      expect(trace.error?.code).toMatch(/^ERR_/)
      expect(trace.response).toBeUndefined()
    } else {
      expect(trace.error).toBeUndefined()
      expect(trace.response?.status).toBe(curated.expectedStatus)
    }
    expect(curated.title.length).toBeGreaterThan(3)
    expect(curated.goal.length).toBeGreaterThan(10)
  })

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s survives a JSON round trip through parseScenario',
    (_id, curated) => {
      const parsed = parseScenario(JSON.parse(JSON.stringify(curated.scenario)))
      const a = simulate({ scenario: curated.scenario, request: curated.request })
      const b = simulate({ scenario: parsed, request: curated.request })
      expect(b).toEqual(a)
    },
  )

  it('reach every status code DOMAIN.md lists, counting each round trip of a redirect', () => {
    const reached = new Set<number>()
    for (const curated of scenarios) {
      const trace = simulate({ scenario: curated.scenario, request: curated.request })
      for (const event of trace.events) if (event.response) reached.add(event.response.status)
    }
    for (const status of STATUSES) {
      expect(STATUS_TEXT[status]).toBeDefined()
      expect(reached, `no scenario reaches ${status}`).toContain(status)
    }
  })
})
