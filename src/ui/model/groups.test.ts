import { describe, expect, it } from 'vitest'
import type { TraceEvent } from '../../engine'
import { findScenario, simulate } from '../../engine'
import { formatMs } from '../format'
import { eventsByGroup, groupOf, middlewareBlocks, turnOf } from './groups'
import { middlewareName } from './middleware'

const getUser = findScenario('get-user')!
const events = simulate({ scenario: getUser.scenario, request: getUser.request }).events

describe('groups', () => {
  it('puts DNS, TCP and TLS in the Network band and every other layer in its own', () => {
    expect(['dns', 'tcp', 'tls'].map((l) => groupOf(l as TraceEvent['layer']))).toEqual([
      'network',
      'network',
      'network',
    ])
    expect(groupOf('proxy')).toBe('proxy')
    const byGroup = eventsByGroup(events)
    expect(Object.values(byGroup).flat()).toHaveLength(events.length)
    expect(byGroup.network.every(({ event }) => ['dns', 'tcp', 'tls'].includes(event.layer))).toBe(
      true,
    )
  })

  it('turns back where the first outbound event happens', () => {
    const turn = turnOf(events, false)!
    expect(events[turn.index]!.direction).toBe('response')
    expect(events[turn.index - 1]!.direction).toBe('request')
    expect(turn.group).toBe('handler')
  })

  it('for a network failure, names the last band the request reached', () => {
    const failing = [
      { ...events[0]!, direction: 'request' as const, layer: 'client' as const },
      { ...events[3]!, direction: 'request' as const, layer: 'dns' as const },
      { ...events[0]!, direction: 'response' as const, layer: 'client' as const },
    ] as TraceEvent[]
    expect(turnOf(failing, true)).toEqual({ index: 2, group: 'network', failed: true })
    expect(turnOf([], false)).toBeNull()
  })

  it('gives a middleware the scenario does not list its own block, after the listed ones', () => {
    // A trace made before the stack was edited: its rate limiter is no longer configured.
    const stranger: TraceEvent = {
      ...events.find((e) => e.layer === 'middleware')!,
      stage: 'middleware:rateLimit',
    }
    const blocks = middlewareBlocks(getUser.scenario, [{ index: 0, event: stranger }])
    expect(blocks.map((b) => b.name)).toEqual([
      ...getUser.scenario.middleware.map((m) => middlewareName(m.kind)),
      'Rate limiting',
    ])
    expect(blocks.at(-1)!.shortName).toBe('Limit')
    expect(blocks.at(-1)!.events).toHaveLength(1)
  })
})

describe('formatMs', () => {
  it('keeps tiny durations visible and big ones short', () => {
    expect(formatMs(0)).toBe('0 ms')
    expect(formatMs(0.001)).toBe('0.001 ms')
    expect(formatMs(0.05)).toBe('0.05 ms')
    expect(formatMs(6.152)).toBe('6.2 ms')
    expect(formatMs(84.426)).toBe('84.4 ms')
    expect(formatMs(412.6)).toBe('413 ms')
  })
})
