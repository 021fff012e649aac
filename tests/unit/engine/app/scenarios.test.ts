import { describe, expect, it } from 'vitest'
import type { EventType } from '../../../../src/engine'
import { findScenario, parseScenario, simulate } from '../../../../src/engine'
import { appScenarios } from '../../../../src/engine/scenarios/app'
import { expectOnion, types } from './driver'

/** What must (and must not) happen in each scenario, beyond its status. */
const CHARACTERISTIC: Record<string, { has: EventType[]; not?: EventType[] }> = {
  'create-user': { has: ['validation:parse-body', 'handler:db-query', 'handler:return'] },
  'delete-user': { has: ['handler:db-query', 'handler:return'] },
  'update-user': { has: ['validation:ok', 'handler:db-query', 'handler:return'] },
  'login-redirect': { has: ['middleware:session-save', 'client:store-cookies', 'client:redirect'] },
  'bad-request': { has: ['validation:parse-body', 'validation:error'], not: ['handler:call'] },
  'unsupported-media-type': { has: ['validation:error'], not: ['handler:call'] },
  'validation-error': { has: ['validation:depends', 'validation:error'], not: ['handler:call'] },
  'fastapi-path-validation': { has: ['router:match', 'validation:error'], not: ['handler:call'] },
  'fastapi-get-user': {
    has: ['validation:depends', 'handler:return'],
    not: ['server:context-pop'],
  },
  'django-get-user': { has: ['middleware:session-load', 'handler:return'] },
  'django-form-error': {
    has: ['validation:parse-body', 'validation:error'],
    not: ['handler:call'],
  },
  unauthorized: { has: ['middleware:auth-reject'], not: ['router:match', 'handler:call'] },
  forbidden: { has: ['middleware:auth-ok', 'middleware:authz-reject'], not: ['router:match'] },
  'method-not-allowed': { has: ['router:method-not-allowed'], not: ['validation:ok'] },
  'server-error': {
    has: ['handler:raise', 'middleware:exception'],
    not: ['server:exception', 'handler:return'],
  },
  'unhandled-exception': { has: ['handler:raise', 'middleware:unwind', 'server:exception'] },
  'cors-preflight': { has: ['middleware:cors-preflight'], not: ['router:match', 'handler:call'] },
  'options-automatic': { has: ['router:options'], not: ['handler:call'] },
  compression: { has: ['middleware:gzip'] },
  'login-session': { has: ['middleware:session-load', 'handler:logic', 'middleware:session-save'] },
  'session-auth': { has: ['middleware:session-load', 'middleware:auth-ok'] },
  'slow-database': { has: ['handler:db-query', 'handler:logic'] },
  'external-service': { has: ['handler:external-call'] },
  'html-page': { has: ['handler:render'] },
  'csrf-forged-post': {
    has: ['middleware:csrf-check', 'middleware:csrf-reject'],
    not: ['handler:call'],
  },
  'csrf-token': { has: ['middleware:csrf-check', 'handler:call'], not: ['middleware:csrf-reject'] },
  'raw-string': { has: ['handler:return'], not: ['handler:render'] },
  'head-request': { has: ['handler:return', 'server:write'] },
  'app-rate-limited': { has: ['middleware:rate-limited'], not: ['router:match'] },
  'logging-inside-auth': { has: ['middleware:auth-reject'], not: ['middleware:enter'] },
  'auth-after-router': { has: ['router:match', 'middleware:auth-reject'], not: ['handler:call'] },
  'authorization-before-auth': {
    has: ['middleware:authz-reject'],
    not: ['middleware:auth-check', 'handler:call'],
  },
  'cors-on-errors': { has: ['middleware:exception', 'middleware:cors-headers'] },
  'cors-missing-on-errors': {
    has: ['middleware:unwind', 'middleware:exception'],
    not: ['middleware:cors-headers'],
  },
}

const REQUIRED_BY_ISSUE = [
  'create-user',
  'delete-user',
  'update-user',
  'bad-request',
  'unauthorized',
  'forbidden',
  'method-not-allowed',
  'unsupported-media-type',
  'validation-error',
  'server-error',
  'cors-preflight',
  'compression',
  'login-session',
  'slow-database',
]

describe('curated app scenarios', () => {
  it('include every id issue 3 asks of the app side, each findable', () => {
    for (const id of REQUIRED_BY_ISSUE) expect(findScenario(id)?.id).toBe(id)
  })

  it('have stable kebab-case ids, a title and a one-line goal', () => {
    for (const s of appScenarios) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(s.title.length).toBeGreaterThan(0)
      expect(s.goal).not.toContain('\n')
    }
  })

  it('each have characteristic events listed here', () => {
    expect(Object.keys(CHARACTERISTIC).sort()).toEqual(appScenarios.map((s) => s.id).sort())
  })

  describe.each(appScenarios.map((s) => [s.id, s] as const))('%s', (id, curated) => {
    const trace = simulate({ scenario: curated.scenario, request: curated.request })

    it(`ends in ${curated.expectedStatus}`, () => {
      expect(trace.error).toBeUndefined()
      expect(trace.response?.status).toBe(curated.expectedStatus)
    })

    it('shows its characteristic events', () => {
      const seen = types(trace)
      const { has, not = [] } = CHARACTERISTIC[id]!
      for (const type of has) expect(seen, type).toContain(type)
      for (const type of not) expect(seen, type).not.toContain(type)
    })

    it('goes back out through exactly the layers it came in through', () => {
      const { inbound, outbound } = expectOnion(trace)
      expect(outbound).toEqual(inbound)
    })

    it('survives a JSON round trip through parseScenario', () => {
      const parsed = parseScenario(JSON.parse(JSON.stringify(curated.scenario)))
      const again = simulate({ scenario: parsed, request: curated.request })
      expect(again).toEqual(trace)
    })
  })
})
