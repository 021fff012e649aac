import './journey.css'
import type { ComponentProps } from 'react'
import { memo, useMemo, useRef } from 'react'
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
import { usePlaybackSteps } from '../playback/playStep'
import { useMotionReduced } from '../playback/useMotionReduced'
import { EventList } from './EventList'
import type {
  GroupId,
  GroupInfo,
  IndexedEvent,
  LayerRow,
  MiddlewareBlock,
  Trip,
} from '../model/groups'
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
} from '../model/groups'
import { Lane } from './Lane'
import type { BandState } from './LayerGroup'
import { LayerGroup } from './LayerGroup'
import type { LaneView } from './lanes'
import { idleLanes, laneViews } from './lanes'
import { changeSentence, messageChange } from './messageChange'
import { MiddlewareStack } from './MiddlewareStack'
import type { Rail } from './Packet'
import { StillPacket, TravellingPacket, cargoOf } from './Packet'
import type { Stagger } from './useStaggered'
import { useStaggered } from './useStaggered'

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
function TurnFlag({ failed }: { failed: boolean }) {
  return (
    <span className="band-flag" data-kind={failed ? 'failed' : 'turned'}>
      <span aria-hidden="true">{failed ? '✕' : '↩'}</span>{' '}
      {failed ? 'Failed here' : 'Turned back here'}
    </span>
  )
}

interface BandProps {
  readonly info: GroupInfo
  readonly items: readonly IndexedEvent[]
  readonly rows: readonly LayerRow[]
  readonly state: BandState
  readonly current: boolean
  readonly playhead: number
  /** Where this trip turned back or failed, when it was in this band. */
  readonly flag: 'failed' | 'turned' | null
  /** Why a skipped band was not reached. */
  readonly skippedText: string | null
  /** What the current step changed in the message (current band only). */
  readonly changeText: string | null
  readonly currentLayer: string | null
  readonly currentStage: string | null
  readonly blocks: readonly MiddlewareBlock[] | null
  readonly core: 'reached' | 'pending' | 'skipped' | null
  readonly view: LaneView
  /** The packet, when motion is reduced and it sits still in this band. */
  readonly stillPacket: ComponentProps<typeof StillPacket> | null
}

function BandNote(props: BandProps) {
  const { info, state, current, flag, skippedText, changeText, items } = props
  if (info.id === 'client') return <ClientRequest />
  if (state === 'idle') return <p className="band-about">{info.about}</p>
  if (state === 'skipped') return <p className="band-about band-skipped">{skippedText}</p>
  const tag = flag ? <TurnFlag failed={flag === 'failed'} /> : null
  // A band this trip has no steps in (yet): say what it does, so it does not look empty.
  const empty = info.id !== 'middleware' && items.length === 0
  if (!current)
    return empty ? (
      <>
        {tag}
        <p className="band-about">{info.about}</p>
      </>
    ) : (
      tag
    )
  return (
    <>
      {tag}
      {changeText ? (
        <p className="band-change">
          <span className="band-change-icon" aria-hidden="true">
            ✎
          </span>
          {changeText}
        </p>
      ) : (
        <p className="band-about" title={info.about}>
          {info.about}
        </p>
      )}
    </>
  )
}

function BandView(props: BandProps) {
  const { info, items, rows, state, current, playhead, view, stillPacket } = props
  const { currentLayer, currentStage, blocks, core } = props
  return (
    <LayerGroup
      info={info}
      items={items}
      current={current}
      step={current ? playhead : undefined}
      state={state}
      note={<BandNote {...props} />}
      lane={
        <Lane group={info.id} view={view}>
          {stillPacket ? <StillPacket {...stillPacket} /> : null}
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
          blocks={blocks ?? []}
          playhead={playhead}
          currentStage={currentStage}
          core={core ?? 'pending'}
        />
      ) : (
        <BandEvents items={items} rows={rows} playhead={playhead} currentLayer={currentLayer} />
      )}
    </LayerGroup>
  )
}

/** Where the playhead stands relative to a band's events: how many are past, and if one is current. */
const cursor = (items: readonly IndexedEvent[], playhead: number): number =>
  items.filter((item) => item.index < playhead).length * 2 +
  (items.some((item) => item.index === playhead) ? 1 : 0)

const sameView = (a: LaneView, b: LaneView): boolean =>
  (Object.keys(a) as (keyof LaneView)[]).every((key) => a[key] === b[key])

/**
 * One band, re-rendered only when something it shows changed: a step re-renders the band it
 * leaves, the band it enters and the packet, not all eight.
 */
const sameBand = (before: BandProps, after: BandProps): boolean =>
  (Object.keys(after) as (keyof BandProps)[]).every((key) => {
    if (key === 'playhead')
      return cursor(before.items, before.playhead) === cursor(after.items, after.playhead)
    if (key === 'view') return sameView(before.view, after.view)
    return before[key] === after[key]
  })

const Band = memo(BandView, sameBand)

/**
 * When a band takes a change while playing: a band of a different trace at once (a new Send
 * starts whole); the band the step enters and the band it leaves together, a frame after the
 * step; any other (those below a failure, all of them on a redirect's second trip) in the wave.
 */
const bandOrder = (shown: BandProps, next: BandProps): Stagger =>
  shown.items !== next.items ? 'now' : shown.current || next.current ? 'lead' : 'wave'

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
    const inTrip = byGroup[id].filter((i) => i.index >= trip.start && i.index <= trip.end)
    // A band deeper than the turn was skipped, unless the request passed it first: the router
    // runs before a check placed after it (Django's CSRF process_view, a route decorator).
    if (depthOf(id) > deepest && inTrip.length === 0) return 'skipped'
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

  const bandProps = GROUPS.map((info): BandProps => {
    const state = stateOf(info.id)
    const isCurrent = currentGroup === info.id
    return {
      info,
      items: byGroup[info.id],
      rows: rowsByGroup[info.id],
      state,
      current: isCurrent,
      playhead,
      flag:
        state !== 'idle' && state !== 'skipped' && turned && trip.turnGroup === info.id
          ? trip.failed
            ? 'failed'
            : 'turned'
          : null,
      skippedText: state === 'skipped' ? notReached(trip) : null,
      changeText: isCurrent && change ? changeSentence(change) : null,
      currentLayer: isCurrent ? (event?.layer ?? null) : null,
      currentStage: isCurrent ? (event?.stage ?? null) : null,
      blocks: info.id === 'middleware' ? blocks : null,
      core: info.id === 'middleware' ? coreState() : null,
      view: lanes[info.id],
      stillPacket: (reduced || !trace) && current.group === info.id ? packetProps : null,
    }
  })
  // While playing, the bands follow the step a frame later: the band it enters and the band it
  // leaves together, then the others it changes (all those below a failure, all of them when a
  // redirect's second trip starts) a frame apart each.
  const bands = useStaggered(bandProps, sameBand, bandOrder, usePlaybackSteps())

  return (
    <div className="journey" ref={container} data-motion={reduced ? 'still' : 'travel'}>
      {bands.map((props) => (
        <Band key={props.info.id} {...props} />
      ))}
      <div className="journey-legend">
        <span className="legend-tracks" aria-hidden="true">
          <span className="legend-in">in ↓</span>
          <span className="legend-out">
            <span className="legend-num">7</span> back ↑
          </span>
        </span>
        {/* The course numbers seven layers; two bands share its layer 1, and 7 is no band. */}
        <p className="legend-text">
          In on the left track, back on the right. Numbered as in the course: layer 1 is the network
          and the reverse proxy together, and 7 is the response on its way back.
        </p>
      </div>
      {/* Before the first Send the packet waits in the client band, placed by CSS: the travelling
          one is placed by measured transforms, which would show it at the corner until measured. */}
      {reduced || !trace ? null : (
        <TravellingPacket containerRef={container} route={route} {...packetProps} />
      )}
    </div>
  )
}
