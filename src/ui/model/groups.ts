import type { LayerId, Scenario, StageId, TraceEvent } from '../../engine'
import { middlewareStageId } from '../../engine'
import type { GroupId, GroupInfo } from './groupInfo'
import { GROUPS } from './groupInfo'
import { middlewareAt } from './middleware'

export type { GroupId, GroupInfo } from './groupInfo'
export { GROUPS } from './groupInfo'

const GROUP_OF_LAYER = {
  client: 'client',
  dns: 'network',
  tcp: 'network',
  tls: 'network',
  proxy: 'proxy',
  server: 'server',
  middleware: 'middleware',
  router: 'router',
  validation: 'validation',
  handler: 'handler',
} as const satisfies Record<LayerId, GroupId>

/** The band an event is drawn in; an unknown layer (a newer engine) lands in the app server band. */
export const groupOf = (layer: LayerId): GroupId =>
  (GROUP_OF_LAYER as Partial<Record<string, GroupId>>)[layer] ?? 'server'

export const groupInfo = (id: GroupId): GroupInfo => GROUPS.find((g) => g.id === id) ?? GROUPS[0]!

/** An event with its position in the trace, so lists can mark past, current and future steps. */
export interface IndexedEvent {
  readonly index: number
  readonly event: TraceEvent
}

export const eventsByGroup = (events: readonly TraceEvent[]): Record<GroupId, IndexedEvent[]> => {
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g.id, [] as IndexedEvent[]])) as Record<
    GroupId,
    IndexedEvent[]
  >
  events.forEach((event, index) => byGroup[groupOf(event.layer)].push({ index, event }))
  return byGroup
}

export interface LayerRow {
  readonly layer: LayerId
  readonly events: IndexedEvent[]
}

/** A band's events split by engine layer (DNS, TCP, TLS inside Network), in onion order. */
export const eventsByLayer = (events: readonly IndexedEvent[]): LayerRow[] => {
  const rows: LayerRow[] = []
  for (const item of events) {
    const row = rows.find((r) => r.layer === item.event.layer)
    if (row) row.events.push(item)
    else rows.push({ layer: item.event.layer, events: [item] })
  }
  const order: readonly string[] = Object.keys(GROUP_OF_LAYER)
  return rows.sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer))
}

const LAYER_NAMES: Partial<Record<string, string>> = { dns: 'DNS', tcp: 'TCP', tls: 'TLS' }

/** A short name for an engine layer, for labels inside a band. */
export const layerName = (layer: LayerId): string => LAYER_NAMES[layer] ?? layer.toUpperCase()

export interface MiddlewareBlock {
  /** The engine stage id, e.g. `middleware:logging`. */
  readonly stage: StageId
  readonly name: string
  /** The name on a folded ring, e.g. "Auth" for "Authentication". */
  readonly shortName: string
  readonly events: IndexedEvent[]
}

/**
 * The configured middleware, outermost first, each with the events it emitted. Stages the
 * scenario does not list (a trace made before the stack was edited) still get a block, after the
 * configured ones.
 */
export const middlewareBlocks = (
  scenario: Scenario,
  events: readonly IndexedEvent[],
): MiddlewareBlock[] => {
  const block = (stage: StageId): MiddlewareBlock => {
    const info = middlewareAt(stage)
    return { stage, name: info?.name ?? stage, shortName: info?.shortName ?? stage, events: [] }
  }
  const blocks = scenario.middleware.map((spec) => block(middlewareStageId(spec.kind)))
  for (const item of events) {
    let found = blocks.find((b) => b.stage === item.event.stage)
    if (!found) {
      found = block(item.event.stage)
      blocks.push(found)
    }
    found.events.push(item)
  }
  return blocks
}

/** Where the journey turned round: from which step, in which band, and whether it failed there. */
interface Turn {
  /** The first step of the way back (or of the failure). */
  readonly index: number
  readonly group: GroupId
  /** A network failure: no HTTP response exists, the request simply went no further. */
  readonly failed: boolean
}

/**
 * The turning point of a trace: where the first outbound event happens, or for a network
 * failure the last band the request reached. `null` before anything turned.
 */
export const turnOf = (events: readonly TraceEvent[], failed: boolean): Turn | null => {
  const first = events.findIndex((e) => e.direction === 'response')
  const index = first >= 0 ? first : failed ? events.length - 1 : -1
  const at = failed ? events[Math.max(0, index - 1)] : events[index]
  if (index < 0 || !at) return null
  return { index, group: groupOf(at.layer), failed }
}

export const totalMs = (events: readonly TraceEvent[]): number => {
  const last = events.at(-1)
  const first = events[0]
  return last && first ? last.at + last.duration - first.at : 0
}

export const sumMs = (events: readonly IndexedEvent[]): number =>
  events.reduce((sum, { event }) => sum + event.duration, 0)

/** A band's depth in the onion: 0 for the client, 7 for the handler. */
export const depthOf = (id: GroupId): number => GROUPS.findIndex((g) => g.id === id)

/**
 * One round trip inside a trace. A followed redirect makes a second trip: the client sends a new
 * request after a response came back, and the packet goes in again from the top.
 */
export interface Trip {
  readonly start: number
  /** The trip's last event (inclusive). */
  readonly end: number
  /** The first step of the way back, or `null` when the trip never turned (no events left). */
  readonly turn: number | null
  /** The innermost band the request reached before turning (where a short-circuit answered). */
  readonly turnGroup: GroupId | null
  /** The request failed on the network: no response travels back. */
  readonly failed: boolean
}

/** Splits a trace into round trips: a new one starts where a request follows a response. */
export const tripsOf = (events: readonly TraceEvent[], failed: boolean): Trip[] => {
  const starts: number[] = []
  events.forEach((event, index) => {
    if (
      index === 0 ||
      (event.direction === 'request' && events[index - 1]!.direction === 'response')
    )
      starts.push(index)
  })
  return starts.map((start, n) => {
    const end = (starts[n + 1] ?? events.length) - 1
    let turn: number | null = null
    for (let i = start; i <= end; i++)
      if (events[i]!.direction === 'response') {
        turn = i
        break
      }
    const last = n === starts.length - 1
    const tripFailed = failed && last
    // A network failure is reported by the client, but the request went no further than the
    // band before it: that is where it turned.
    const at =
      turn === null ? undefined : tripFailed ? events[Math.max(start, turn - 1)] : events[turn]
    return { start, end, turn, turnGroup: at ? groupOf(at.layer) : null, failed: tripFailed }
  })
}

/** The trip the playhead is in. */
export const tripAt = (trips: readonly Trip[], index: number): Trip | undefined =>
  trips.find((trip) => index >= trip.start && index <= trip.end)
