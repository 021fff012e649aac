import type { TraceEvent } from '../../engine'
import type { GroupId, Trip } from '../model/groups'
import { GROUPS, depthOf, groupOf } from '../model/groups'

/** A stretch of track: travelled, still ahead, or not part of this trip. */
export type RailState = 'done' | 'ahead' | 'off'
/** A stop on a track: where the packet has been, where it may go, or no stop here. */
export type StopState = 'visited' | 'pending' | 'none'

/**
 * What one band's slice of the two tracks shows: the request's track going in (left), the
 * response's track coming back (right), their stops, and the U-turn link between them.
 */
export interface LaneView {
  readonly inUpper: RailState
  readonly inLower: RailState
  readonly outUpper: RailState
  readonly outLower: RailState
  readonly inStop: StopState
  readonly outStop: StopState
  /** The U-turn at the deepest band: taken, only possible so far, or a failure. */
  readonly link: 'done' | 'ahead' | 'failed' | null
}

const HANDLER_DEPTH = GROUPS.length - 1

const IDLE: Record<GroupId, LaneView> = Object.fromEntries(
  GROUPS.map((g, depth) => [
    g.id,
    {
      inUpper: depth === 0 ? 'off' : 'ahead',
      inLower: depth === HANDLER_DEPTH ? 'off' : 'ahead',
      outUpper: depth === 0 ? 'off' : 'ahead',
      outLower: depth === HANDLER_DEPTH ? 'off' : 'ahead',
      inStop: 'pending',
      outStop: 'pending',
      link: depth === HANDLER_DEPTH ? 'ahead' : null,
    } satisfies LaneView,
  ]),
) as Record<GroupId, LaneView>

/** The tracks before any trace: the whole way in to the handler and back, all still ahead. */
export const idleLanes = (): Record<GroupId, LaneView> => IDLE

/**
 * The tracks for the trip the playhead is in. Nothing is given away early: until the request
 * turns, the way in is drawn down to the handler and every band may still get a stop.
 */
export const laneViews = (
  events: readonly TraceEvent[],
  trip: Trip,
  playhead: number,
): Record<GroupId, LaneView> => {
  const turned = trip.turn !== null && playhead >= trip.turn
  const deepest = turned && trip.turnGroup ? depthOf(trip.turnGroup) : HANDLER_DEPTH
  const inbound = new Map<number, boolean>()
  const outbound = new Map<number, boolean>()
  let reachedIn = -1
  let reachedOut = Number.POSITIVE_INFINITY
  for (let i = trip.start; i <= trip.end; i++) {
    const event = events[i]!
    const depth = depthOf(groupOf(event.layer))
    const seen = i <= playhead
    const table = event.direction === 'request' ? inbound : outbound
    table.set(depth, (table.get(depth) ?? false) || seen)
    if (!seen) continue
    if (event.direction === 'request') reachedIn = Math.max(reachedIn, depth)
    else reachedOut = Math.min(reachedOut, depth)
  }
  // A network failure sends nothing back: no response track at all.
  const noWayBack = trip.failed

  const stop = (table: Map<number, boolean>, depth: number, known: boolean): StopState => {
    const seen = table.get(depth)
    if (seen !== undefined) return seen ? 'visited' : 'pending'
    // No event of this trip stops here: say so once the packet has shown it.
    return known ? 'none' : 'pending'
  }

  return Object.fromEntries(
    GROUPS.map((g, depth) => {
      const beyond = depth > deepest
      const view: LaneView = {
        inUpper: depth === 0 || beyond ? 'off' : reachedIn >= depth ? 'done' : 'ahead',
        inLower: depth >= deepest ? 'off' : reachedIn >= depth + 1 ? 'done' : 'ahead',
        outUpper:
          depth === 0 || beyond || noWayBack ? 'off' : reachedOut <= depth - 1 ? 'done' : 'ahead',
        outLower: depth >= deepest || noWayBack ? 'off' : reachedOut <= depth ? 'done' : 'ahead',
        inStop: beyond ? 'none' : stop(inbound, depth, turned || reachedIn > depth),
        outStop: beyond || noWayBack ? 'none' : stop(outbound, depth, turned),
        link: depth !== deepest ? null : !turned ? 'ahead' : trip.failed ? 'failed' : 'done',
      }
      return [g.id, view]
    }),
  ) as Record<GroupId, LaneView>
}
