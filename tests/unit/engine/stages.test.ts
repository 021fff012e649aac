import { describe, expect, it } from 'vitest'
import {
  LAYERS,
  MIDDLEWARE_KINDS,
  middlewareKindOf,
  middlewareStageId,
  scenarios,
  simulate,
} from '../../../src/engine'

describe('stage ids', () => {
  it('round-trips every middleware kind', () => {
    for (const kind of MIDDLEWARE_KINDS) {
      expect(middlewareStageId(kind)).toBe(`middleware:${kind}`)
      expect(middlewareKindOf(middlewareStageId(kind))).toBe(kind)
    }
  })

  it('reads no kind from any other id', () => {
    for (const layer of LAYERS) expect(middlewareKindOf(layer)).toBeNull()
    for (const id of ['', 'middleware:', 'middleware:geoFence', 'middleware:Logging', 'logging'])
      expect(middlewareKindOf(id)).toBeNull()
  })

  it('names a configured middleware for each middleware event of every curated trace', () => {
    for (const curated of scenarios) {
      const kinds = curated.scenario.middleware.map((m) => m.kind)
      const trace = simulate({ scenario: curated.scenario, request: curated.request })
      for (const event of trace.events) {
        const kind = middlewareKindOf(event.stage)
        expect(kind !== null, `${curated.id}: ${event.stage}`).toBe(event.layer === 'middleware')
        if (kind) expect(kinds, `${curated.id}: ${event.stage}`).toContain(kind)
      }
    }
  })
})
