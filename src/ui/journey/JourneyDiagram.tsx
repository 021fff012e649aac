import './journey.css'
import type { CSSProperties } from 'react'
import { useMemo, useRef } from 'react'
import {
  selectAtEnd,
  selectCurrentEvent,
  selectCurrentScenario,
  selectEvents,
  selectPlayhead,
  selectSpeed,
  selectTrace,
  useStore,
} from '../../store'
import { ClientPanel, SendButton } from '../client/ClientPanel'
import { EventList } from './EventList'
import type { BandState } from './LayerGroup'
import { LayerGroup } from './LayerGroup'
import { MiddlewareStack } from './MiddlewareStack'
import { Packet } from './Packet'
import type { GroupId, GroupInfo, IndexedEvent, LayerRow, MiddlewareBlock, Turn } from './groups'
import {
  GROUPS,
  eventsByGroup,
  groupInfo,
  groupOf,
  eventsByLayer,
  layerName,
  middlewareBlocks,
  turnOf,
} from './groups'

const notReached = (turn: Turn | null): string => {
  if (!turn) return 'Not reached in this trace.'
  const where = groupInfo(turn.group).label
  return turn.failed
    ? `Not reached: the request failed in ${where}.`
    : `Not reached: the response turned back at ${where}.`
}

interface BodyProps {
  readonly info: GroupInfo
  readonly items: readonly IndexedEvent[]
  /** The band's events split by engine layer (computed once per trace). */
  readonly rows: readonly LayerRow[]
  readonly blocks: readonly MiddlewareBlock[]
  readonly playhead: number
  readonly state: BandState
  readonly currentStage: string | null
  readonly turn: Turn | null
}

/** What a band shows: what happened there, or (before a trace) what happens there. */
function BandBody(props: BodyProps) {
  const { info, items, rows, blocks, playhead, state, currentStage, turn } = props
  if (state === 'skipped') return <p className="band-about band-skipped">{notReached(turn)}</p>
  if (info.id === 'middleware')
    return <MiddlewareStack blocks={blocks} playhead={playhead} currentStage={currentStage} />
  if (items.length === 0) return <p className="band-about">{info.about}</p>
  if (rows.length === 1) return <EventList items={items} playhead={playhead} />
  // Several layers share this band (DNS, TCP, TLS): one column each, in time order.
  return (
    <div className="sublayers" style={{ '--columns': rows.length } as CSSProperties}>
      {rows.map((row) => (
        <div key={row.layer} className="sublayer" data-layer={row.layer}>
          <span className="sublayer-name">{layerName(row.layer)}</span>
          <EventList items={row.events} playhead={playhead} />
        </div>
      ))}
    </div>
  )
}

/**
 * The journey as eight labelled bands, outermost (the client) on top. The band of the current
 * event carries aria-current="step"; the packet rides down the lanes and back up.
 */
export function JourneyDiagram() {
  const trace = useStore(selectTrace)
  const events = useStore(selectEvents)
  const playhead = useStore(selectPlayhead)
  const atEnd = useStore(selectAtEnd)
  const event = useStore(selectCurrentEvent)
  const speed = useStore(selectSpeed)
  const { scenario, request } = useStore(selectCurrentScenario)

  const container = useRef<HTMLDivElement>(null)
  const lanes = useRef(new Map<GroupId, HTMLElement>())
  const byGroup = useMemo(() => eventsByGroup(events), [events])
  const rowsByGroup = useMemo(
    () => Object.fromEntries(GROUPS.map((g) => [g.id, eventsByLayer(byGroup[g.id])])),
    [byGroup],
  )
  const blocks = useMemo(() => middlewareBlocks(scenario, byGroup.middleware), [scenario, byGroup])
  const turn = useMemo(() => turnOf(events, Boolean(trace?.error)), [events, trace])

  const currentGroup: GroupId | null = event ? groupOf(event.layer) : null
  const turned = turn !== null && playhead >= turn.index

  const stateOf = (id: GroupId): BandState => {
    if (!trace) return 'idle'
    const items = byGroup[id]
    if (items.length === 0) return turned || atEnd ? 'skipped' : 'pending'
    return items[0]!.index <= playhead ? 'visited' : 'pending'
  }

  const readyPath = (() => {
    try {
      const url = new URL(request.url)
      return `${url.pathname}${url.search}`
    } catch {
      return request.url
    }
  })()

  return (
    <div className="journey" ref={container}>
      {GROUPS.map((info) => {
        const state = stateOf(info.id)
        return (
          <LayerGroup
            key={info.id}
            info={info}
            items={byGroup[info.id]}
            current={currentGroup === info.id}
            state={state}
            turnedHere={turned && turn.group === info.id && info.id !== 'client'}
            action={info.id === 'client' ? <SendButton /> : null}
            laneRef={(el) => {
              if (el) lanes.current.set(info.id, el)
              else lanes.current.delete(info.id)
            }}
          >
            {info.id === 'client' ? (
              <div className="client-body">
                <ClientPanel />
                <EventList items={byGroup.client} playhead={playhead} />
              </div>
            ) : (
              <BandBody
                info={info}
                items={byGroup[info.id]}
                rows={rowsByGroup[info.id] ?? []}
                blocks={blocks}
                playhead={playhead}
                state={state}
                currentStage={event?.stage ?? null}
                turn={turn}
              />
            )}
          </LayerGroup>
        )
      })}
      <Packet
        containerRef={container}
        lanes={lanes}
        at={currentGroup ?? 'client'}
        event={event}
        ready={{ method: request.method, path: readyPath }}
        errorCode={trace?.error?.code}
        speed={speed}
      />
    </div>
  )
}
