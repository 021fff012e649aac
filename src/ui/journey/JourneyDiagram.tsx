import './journey.css'
import type { CSSProperties } from 'react'
import { useMemo, useRef } from 'react'
import type { Scenario } from '../../engine'
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
import type { GroupId, GroupInfo, IndexedEvent } from './groups'
import {
  GROUPS,
  eventsByGroup,
  groupInfo,
  groupOf,
  eventsByLayer,
  layerName,
  middlewareBlocks,
  turnIndex,
} from './groups'

interface BodyProps {
  readonly info: GroupInfo
  readonly items: readonly IndexedEvent[]
  readonly playhead: number
  readonly state: BandState
  readonly scenario: Scenario
  readonly currentStage: string | null
  readonly turnedAt: string | null
}

/** What a band shows: what happened there, or (before a trace) what happens there. */
function BandBody({ info, items, playhead, state, scenario, currentStage, turnedAt }: BodyProps) {
  if (info.id === 'middleware')
    return (
      <MiddlewareStack
        blocks={middlewareBlocks(scenario, items)}
        playhead={playhead}
        currentStage={currentStage}
      />
    )
  if (state === 'skipped')
    return (
      <p className="band-about band-skipped">
        Not reached:{' '}
        {turnedAt ? `the response turned back at ${turnedAt}.` : 'the request failed before this.'}
      </p>
    )
  if (items.length === 0) return <p className="band-about">{info.about}</p>
  const rows = eventsByLayer(items)
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
  const turn = useMemo(() => turnIndex(events), [events])

  const currentGroup: GroupId | null = event ? groupOf(event.layer) : null
  const turned = turn >= 0 && playhead >= turn
  const turnGroup = turn >= 0 ? groupOf(events[turn]!.layer) : null

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
            turnedHere={turned && turnGroup === info.id && info.id !== 'client'}
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
                playhead={playhead}
                state={state}
                scenario={scenario}
                currentStage={event?.stage ?? null}
                turnedAt={turnGroup ? groupInfo(turnGroup).label : null}
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
