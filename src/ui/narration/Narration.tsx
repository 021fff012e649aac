import './narration.css'
import {
  selectCurrentEvent,
  selectShown,
  selectEventCount,
  selectPlayhead,
  selectSending,
  selectTrace,
  useStore,
} from '../../store'
import { groupInfo, groupOf, layerName } from '../model/groups'
import { repeatNote } from './repeatNote'
import { stepLine } from './stepLine'

/** The one live region: screen readers hear each step; the class reads it from the back row. */
export function Narration() {
  const trace = useStore(selectTrace)
  const event = useStore(selectCurrentEvent)
  const playhead = useStore(selectPlayhead)
  const count = useStore(selectEventCount)
  const sending = useStore(selectSending)
  const { request } = useStore(selectShown)
  const previous = useStore((s) => s.previousTrace)
  const note = sending ? null : repeatNote(trace, previous)

  let text: string
  if (event) text = stepLine(playhead, count, event)
  else if (sending) text = `Sending ${request.method} ${request.url}…`
  else if (trace?.error) text = `The request never left the browser: ${trace.error.message}`
  else text = 'Press “Send request”, then step with → or play with Space.'

  const group = event ? groupInfo(groupOf(event.layer)) : null
  const sublayer = event && group?.id === 'network' ? layerName(event.layer) : null
  return (
    <div className="narration" data-direction={event?.direction ?? 'idle'} data-group={group?.id}>
      {event && group ? (
        <span className="narration-tag" data-group={group.id} aria-hidden="true">
          <span className="narration-arrow">
            {event.direction === 'request' ? '↓ in' : '↑ back'}
          </span>
          <span className="narration-layer">
            {group.number} {group.label}
            {sublayer ? ` · ${sublayer}` : ''}
          </span>
        </span>
      ) : null}
      <p className="narration-text" role="status" aria-live="polite" aria-atomic="true">
        {text}
      </p>
      {/* Always in the page, so the note is read out when a repeat arrives (not the step line's
          region: that one reads only "Step N of M"). */}
      <p className="repeat-note" data-testid="repeat-note" aria-live="polite">
        {note}
      </p>
    </div>
  )
}
