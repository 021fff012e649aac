import './journey.css'
import type { ReactNode } from 'react'
import { useMemo, useRef } from 'react'
import type { TraceEvent } from '../../engine'
import {
  selectCurrentEvent,
  selectShown,
  selectPlayhead,
  selectRevealedEvents,
  selectRevealedTrace,
  useStore,
} from '../../store'
import { ClientRequest, ClientResult, SendButton } from '../client/ClientPanel'
import { useMotionReduced } from '../playback/useMotionReduced'
import { EventList } from './EventList'
import type { GroupId, GroupInfo, IndexedEvent, LayerRow, Trip } from './groups'
import {
  GROUPS,
  depthOf,
  eventsByGroup,
  eventsByLayer,
  groupInfo,
  groupOf,
  layerName,
  middlewareBlocks,
  tripAt,
  tripsOf,
} from './groups'
import { Lane } from './Lane'
import type { BandState } from './LayerGroup'
import { LayerGroup } from './LayerGroup'
import { idleLanes, laneViews } from './lanes'
import { changeSentence, messageChange } from './messageChange'
import { MiddlewareStack } from './MiddlewareStack'
import type { Rail } from './Packet'
import { StillPacket, TravellingPacket, cargoOf } from './Packet'

const notReached = (trip: Trip | undefined): string => {
  if (!trip?.turnGroup) return 'Not reached in this trace.'
  const where = groupInfo(trip.turnGroup).label
  return trip.failed
    ? `Not reached: the request failed in ${where}.`
    : `Not reached: the response turned back at ${where}.`
}

const pathOf = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

/** The band's events: one list, or one per sub-layer (DNS, TCP, TLS) with its name. */
function BandEvents(props: {
  readonly items: readonly IndexedEvent[]
  readonly rows: readonly LayerRow[]
  readonly playhead: number
  readonly currentLayer: string | null
}) {
  const { items, rows, playhead, currentLayer } = props
  if (items.length === 0) return null
  if (rows.length <= 1) return <EventList items={items} playhead={playhead} />
  return (
    <div className="sublayers">
      {rows.map((row) => (
        <div
          key={row.layer}
          className="sublayer"
          data-layer={row.layer}
          data-expanded={row.layer === currentLayer ? 'true' : undefined}
        >
          <span className="sublayer-name">{layerName(row.layer)}</span>
          <EventList items={row.events} playhead={playhead} />
        </div>
      ))}
    </div>
  )
}

/** A short tag on the band where this trip turned back or failed. */
function TurnFlag({ trip }: { trip: Trip }) {
  return (
    <span className="band-flag" data-kind={trip.failed ? 'failed' : 'turned'}>
      <span aria-hidden="true">{trip.failed ? '✕' : '↩'}</span>{' '}
      {trip.failed ? 'Failed here' : 'Turned back here'}
    </span>
  )
}

/**
 * The journey as eight labelled bands, outermost (the client) on top, beside two tracks: the
 * request's way in and the response's way back. The band of the current event carries
 * aria-current="step" and unfolds its events; the packet rides the tracks.
 */
export function JourneyDiagram() {
  // While a lesson question waits, the journey knows only the steps so far: a band the request
  // has not reached yet looks the same whether or not it ever will.
  const trace = useStore(selectRevealedTrace)
  const events = useStore(selectRevealedEvents)
  const playhead = useStore(selectPlayhead)
  const event = useStore(selectCurrentEvent)
  const { scenario, request } = useStore(selectShown)
  const reduced = useMotionReduced()
  const container = useRef<HTMLDivElement>(null)

  const failed = Boolean(trace?.error)
  const byGroup = useMemo(() => eventsByGroup(events), [events])
  const rowsByGroup = useMemo(
    () =>
      Object.fromEntries(GROUPS.map((g) => [g.id, eventsByLayer(byGroup[g.id])])) as Record<
        GroupId,
        LayerRow[]
      >,
    [byGroup],
  )
  const blocks = useMemo(() => middlewareBlocks(scenario, byGroup.middleware), [scenario, byGroup])
  const trips = useMemo(() => tripsOf(events, failed), [events, failed])
  const trip = trace ? tripAt(trips, playhead) : undefined

  // Every step's band and track; a failed request comes back up the way it went in.
  const route = useMemo(() => {
    if (events.length === 0) return [{ group: 'client' as GroupId, rail: 'in' as Rail }]
    return events.map((e: TraceEvent, index) => ({
      group: groupOf(e.layer),
      rail: (e.direction === 'request' || tripAt(trips, index)?.failed ? 'in' : 'out') as Rail,
    }))
  }, [events, trips])

  const lanes = trace && trip ? laneViews(events, trip, playhead) : idleLanes()
  const turned = trip !== undefined && trip.turn !== null && playhead >= trip.turn
  const deepest = turned && trip.turnGroup ? depthOf(trip.turnGroup) : GROUPS.length - 1
  const currentGroup: GroupId | null = event ? groupOf(event.layer) : null

  const stateOf = (id: GroupId): BandState => {
    if (!trace || !trip) return 'idle'
    if (depthOf(id) > deepest) return 'skipped'
    const inTrip = byGroup[id].filter((i) => i.index >= trip.start && i.index <= trip.end)
    return inTrip.some((i) => i.index <= playhead) ? 'visited' : 'pending'
  }

  const coreState = (): 'reached' | 'pending' | 'skipped' => {
    if (!trip) return 'pending'
    const inside = ['router', 'validation', 'handler'] as const
    const reached = inside.some((g) =>
      byGroup[g].some((i) => i.index >= trip.start && i.index <= playhead),
    )
    if (reached) return 'reached'
    return turned && deepest <= depthOf('middleware') ? 'skipped' : 'pending'
  }

  const current = route[Math.min(playhead, route.length - 1)]!
  const ready = useMemo(
    () => ({ method: request.method, path: pathOf(request.url) }),
    [request.method, request.url],
  )
  const cargo = cargoOf(event, ready, trace?.error?.code)
  const change = event ? messageChange(events[playhead - 1], event) : null
  const packetProps = {
    at: current.group,
    rail: current.rail,
    cargo,
    change,
    step: event ? playhead + 1 : 0,
  }

  const noteFor = (info: GroupInfo, state: BandState, isCurrent: boolean): ReactNode => {
    if (info.id === 'client') return <ClientRequest />
    if (state === 'idle') return <p className="band-about">{info.about}</p>
    if (state === 'skipped') return <p className="band-about band-skipped">{notReached(trip)}</p>
    const flag = turned && trip.turnGroup === info.id ? <TurnFlag trip={trip} /> : null
    // A band this trip has no steps in (yet): say what it does, so it does not look empty.
    const empty = info.id !== 'middleware' && byGroup[info.id].length === 0
    if (!isCurrent)
      return empty ? (
        <>
          {flag}
          <p className="band-about">{info.about}</p>
        </>
      ) : (
        flag
      )
    return (
      <>
        {flag}
        {change ? (
          <p className="band-change">
            <span className="band-change-icon" aria-hidden="true">
              ✎
            </span>
            {changeSentence(change)}
          </p>
        ) : (
          <p className="band-about" title={info.about}>
            {info.about}
          </p>
        )}
      </>
    )
  }

  return (
    <div className="journey" ref={container} data-motion={reduced ? 'still' : 'travel'}>
      {GROUPS.map((info) => {
        const state = stateOf(info.id)
        const isCurrent = currentGroup === info.id
        const items = byGroup[info.id]
        return (
          <LayerGroup
            key={info.id}
            info={info}
            items={items}
            current={isCurrent}
            state={state}
            note={noteFor(info, state, isCurrent)}
            lane={
              <Lane group={info.id} view={lanes[info.id]}>
                {reduced && current.group === info.id ? <StillPacket {...packetProps} /> : null}
              </Lane>
            }
          >
            {info.id === 'client' ? (
              <div className="client-events">
                <SendButton />
                <ClientResult />
                <EventList items={items} playhead={playhead} />
              </div>
            ) : state === 'skipped' ? null : info.id === 'middleware' ? (
              <MiddlewareStack
                blocks={blocks}
                playhead={playhead}
                currentStage={event?.stage ?? null}
                core={coreState()}
              />
            ) : (
              <BandEvents
                items={items}
                rows={rowsByGroup[info.id]}
                playhead={playhead}
                currentLayer={isCurrent ? (event?.layer ?? null) : null}
              />
            )}
          </LayerGroup>
        )
      })}
      <div className="journey-legend" aria-hidden="true">
        <span className="legend-in">in ↓</span>
        <span className="legend-out">
          <span className="legend-num">7</span> back ↑
        </span>
        <span className="legend-text">
          The request goes in on the left track; the response (7) comes back on the right.
        </span>
      </div>
      {reduced ? null : (
        <TravellingPacket containerRef={container} route={route} {...packetProps} />
      )}
    </div>
  )
}
