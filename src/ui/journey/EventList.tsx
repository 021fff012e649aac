import { memo } from 'react'
import { formatMs } from '../format'
import type { IndexedEvent } from '../model/groups'

const stateOf = (index: number, playhead: number) =>
  index < playhead ? 'past' : index === playhead ? 'current' : 'future'

interface Props {
  readonly items: readonly IndexedEvent[]
  readonly playhead: number
}

/**
 * The events of one band, in trace order, each with its step number and virtual duration.
 * The same list serves both looks: a row of dots while the band is folded, one line per event
 * while it is the current band (CSS switches; the elements stay, so nothing re-mounts).
 */
function EventListView({ items, playhead }: Props) {
  if (items.length === 0) return null
  return (
    <ol className="events">
      {items.map(({ index, event }) => {
        const state = stateOf(index, playhead)
        return (
          <li
            key={index}
            className="event"
            data-state={state}
            data-direction={event.direction}
            title={`Step ${index + 1}: ${event.title} (${formatMs(event.duration)})`}
          >
            <span className="event-step">
              <span className="event-arrow" aria-hidden="true">
                {event.direction === 'request' ? '↓' : '↑'}
              </span>
              {index + 1}
            </span>
            <span className="event-title">{event.title}</span>
            <span className="event-ms">{formatMs(event.duration)}</span>
            {state === 'current' ? <span className="sr-only"> (current step)</span> : null}
          </li>
        )
      })}
    </ol>
  )
}

/** Where the playhead stands relative to a list: how many of its items are past, and if one is current. */
const cursor = ({ items, playhead }: Props): number =>
  items.filter((item) => item.index < playhead).length * 2 +
  (items.some((item) => item.index === playhead) ? 1 : 0)

/** Re-renders only the lists a step actually changes, not every list of the trace. */
export const EventList = memo(
  EventListView,
  (before, after) => before.items === after.items && cursor(before) === cursor(after),
)
