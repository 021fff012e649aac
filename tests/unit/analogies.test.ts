import { describe, expect, it } from 'vitest'
import { findScenario, scenarios, simulate } from '../../src/engine'
import { ANALOGIES, contextAt, explain } from '../../src/ui/narration/explain'

const simpleTexts = (id: string) => {
  const curated = findScenario(id)!
  const trace = simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
  return trace.events.map((event, i) => ({
    type: event.type,
    simple: explain(event, contextAt(trace.events, i)).simple,
  }))
}

describe('the Simple depth keeps the analogies the README promises', () => {
  it('tells the restaurant on the server side and ping-pong in the handshakes of get-user', () => {
    const texts = simpleTexts('get-user')
    const of = (type: string) => texts.find((t) => t.type === type)?.simple ?? ''
    expect(of('tcp:syn')).toMatch(/ping-pong/)
    expect(of('tls:client-hello')).toMatch(/ping-pong/)
    expect(of('handler:db-query')).toMatch(/restaurant.*store room/)
    expect(of('router:match')).toMatch(/restaurant/)
    expect(of('client:receive')).toMatch(/plate arrives/)
    // The letter stays first: the analogy follows the step's own Simple text.
    expect(of('router:match')).toMatch(/^The receptionist reads where your letter/)
  })

  it('gives every curated scenario with a server answer at least one restaurant line', () => {
    const without = scenarios
      .filter((s) => s.expectedStatus !== null)
      .filter((s) => !simpleTexts(s.id).some((t) => /In a restaurant:/.test(t.simple)))
      .map((s) => s.id)
    expect(without).toEqual([])
  })

  it('never says an analogy twice in one step, and keeps each line short', () => {
    for (const s of scenarios)
      for (const { simple } of simpleTexts(s.id)) {
        expect(simple.split('In a restaurant:').length).toBeLessThanOrEqual(2)
        expect(simple.split('Like ping-pong:').length).toBeLessThanOrEqual(2)
      }
    for (const line of Object.values(ANALOGIES)) expect(line.split(/\s+/).length).toBeLessThan(30)
  })
})
