import { describe, expect, it } from 'vitest'
import { findScenario, simulate } from '../../engine'
import { tripsOf } from '../model/groups'
import { laneViews } from './lanes'
import { pointAt } from './Packet'

const traceOf = (id: string) => {
  const curated = findScenario(id)!
  return simulate({ scenario: curated.scenario, request: curated.request, seed: 1 })
}

describe('tracks', () => {
  it('splits a followed redirect into two round trips, each with its own turn', () => {
    const { events } = traceOf('redirect')
    const trips = tripsOf(events, false)
    expect(trips).toHaveLength(2)
    expect(trips[0]!.turnGroup).toBe('proxy')
    expect(trips[1]!.turnGroup).toBe('handler')
    expect(trips[1]!.start).toBe(trips[0]!.end + 1)
  })

  it('after a 401 in the middleware, draws nothing below it and joins the tracks there', () => {
    const { events } = traceOf('unauthorized')
    const [trip] = tripsOf(events, false)
    const lanes = laneViews(events, trip!, events.length - 1)
    expect(lanes.middleware.link).toBe('done')
    expect(lanes.middleware.inLower).toBe('off')
    expect(lanes.router.inUpper).toBe('off')
    expect(lanes.handler.inStop).toBe('none')
    expect(lanes.proxy.outUpper).toBe('done')
  })

  it('a network failure has no way back', () => {
    const { events, error } = traceOf('dns-failure')
    const [trip] = tripsOf(events, Boolean(error))
    expect(trip!.failed).toBe(true)
    expect(trip!.turnGroup).toBe('network')
    const lanes = laneViews(events, trip!, events.length - 1)
    expect(lanes.network.link).toBe('failed')
    expect(lanes.client.outStop).toBe('none')
  })

  it('moves the packet down its track first and then across when it turns', () => {
    const points = [
      { x: 10, y: 0 },
      { x: 20, y: 100 },
    ]
    expect(pointAt(points, 0)).toEqual({ x: 10, y: 0 })
    // 110 px of path: 100 down, 10 across. Half way is 55 px down the first leg.
    const half = pointAt(points, 0.5)
    expect(half.x).toBe(10)
    expect(half.y).toBeCloseTo(55)
    expect(pointAt(points, 1)).toEqual({ x: 20, y: 100 })
    expect(pointAt(points, 7)).toEqual({ x: 20, y: 100 })
    expect(pointAt([], 0)).toEqual({ x: 0, y: 0 })
  })
})
