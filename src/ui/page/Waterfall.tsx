import { memo } from 'react'
import type { PageRequest, PageTrace } from '../../engine'
import { formatMs } from '../format'
import { Axis } from './Axis'
import type { PhaseId, RowState } from './model'
import { PROTOCOL_NAMES, pct, segmentsOf, stateAt } from './model'

interface Props {
  readonly page: PageTrace
  readonly time: number
  readonly span: number
  readonly onOpen: (id: string) => void
  /** The request chosen (its row is marked and its details shown), or `null`. */
  readonly chosen?: string | null
  readonly onChoose?: (id: string | null) => void
}

const STATE_TEXT = {
  future: 'not discovered yet',
  waiting: 'waiting for a connection',
  active: 'in flight',
  done: 'done',
} as const

const TONE: Record<PhaseId, string> = {
  queueing: 'wait',
  stalled: 'wait',
  dns: 'network',
  connect: 'network',
  ssl: 'network',
  waiting: 'server',
  download: 'download',
}

interface RowProps {
  readonly r: PageRequest
  readonly state: RowState
  readonly time: number
  readonly span: number
  readonly initiator: string
  readonly onOpen: (id: string) => void
  readonly chosen: boolean
  readonly onChoose: ((id: string | null) => void) | undefined
}

/** One request's row; memoised, so a step re-renders only the rows it changes. */
const Row = memo(function Row({
  r,
  state,
  time,
  span,
  initiator,
  onOpen,
  chosen,
  onChoose,
}: RowProps) {
  const segments = segmentsOf(r)
  const shown = state !== 'future'
  return (
    <tr key={r.id} data-state={state} data-kind={r.kind} data-chosen={chosen || undefined}>
      <th scope="row">
        <button
          type="button"
          className="pl-name"
          onClick={() => onOpen(r.id)}
          aria-label={`Open the journey of ${r.name} (${r.kind})`}
        >
          {r.name}
        </button>
        <br />
        {r.renderBlocking ? <span className="pl-tag">render-blocking</span> : null}
        {r.cdn ? <span className="pl-tag">CDN {r.cdn.cache}</span> : null}
      </th>
      <td>{shown && state === 'done' ? (r.status ?? 'failed') : '…'}</td>
      <td>{PROTOCOL_NAMES[r.protocol]}</td>
      <td>
        {r.connection}
        {r.stream === undefined ? '' : <span className="pl-note"> stream {r.stream}</span>}
      </td>
      <td>{initiator}</td>
      <td>
        {r.headerBytes} B
        {r.headerBytes !== r.rawHeaderBytes ? (
          <span className="pl-note"> of {r.rawHeaderBytes}</span>
        ) : null}
      </td>
      <td className="pl-bar-cell">
        {onChoose ? (
          <button
            type="button"
            className="pl-choose"
            aria-pressed={chosen}
            aria-label={`Choose ${r.name}`}
            title={chosen ? 'Chosen: press again to let go' : 'Choose this request'}
            onClick={() => onChoose(chosen ? null : r.id)}
          />
        ) : null}
        <span className="pl-track" aria-hidden="true">
          {segments.map((s) =>
            s.from >= time ? null : (
              <span
                key={s.phase}
                className="pl-seg"
                data-tone={TONE[s.phase]}
                title={`${s.label}: ${formatMs(s.to - s.from)}`}
                style={{
                  left: `${pct(s.from, span)}%`,
                  width: `${pct(Math.min(s.to, time) - s.from, span)}%`,
                }}
              />
            ),
          )}
          {state === 'active' ? (
            <span className="pl-now" style={{ left: `${pct(time, span)}%` }} />
          ) : null}
        </span>
        <span className="pl-bar-text">
          {shown
            ? `${STATE_TEXT[state]}; ${segments.map((s) => `${s.label} ${formatMs(s.to - s.from)}`).join(', ')}; total ${formatMs(r.end - r.start)}`
            : STATE_TEXT.future}
          {r.phases.blocked > 0 ? `; ${formatMs(r.phases.blocked)} lost to retransmissions` : ''}
        </span>
      </td>
    </tr>
  )
})

/**
 * The page's requests in DevTools' columns: Name (a button that opens the request's journey),
 * Status, Protocol, Connection ID, Initiator, header bytes, and the timing bar phase by phase,
 * drawn up to the playhead.
 */
export function Waterfall({ page, time, span, onOpen, chosen = null, onChoose }: Props) {
  // As DevTools says it: the HTML's parser, a stylesheet, or a script.
  const initiatorOf = (id: string | null) => {
    const by = page.requests.find((r) => r.id === id)
    if (!by) return 'Other'
    return by.kind === 'document'
      ? '(index) parser'
      : `${by.name} ${by.kind === 'script' ? 'script' : ''}`.trim()
  }
  return (
    <div className="pl-table-wrap">
      <table className="pl-waterfall">
        <caption className="sr-only">
          Requests of the page load, in the order they were discovered; times are simulated
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Protocol</th>
            <th scope="col">Connection ID</th>
            <th scope="col">Initiator</th>
            <th scope="col">Headers sent</th>
            <th scope="col" className="pl-bar-col">
              Waterfall <span className="pl-note">(simulated ms)</span>
              <Axis span={span} now={time} />
            </th>
          </tr>
        </thead>
        <tbody>
          {page.requests.map((r) => {
            const state = stateAt(r, time)
            return (
              <Row
                key={r.id}
                r={r}
                state={state}
                // Only a row in flight changes with the playhead; the others keep their props.
                time={state === 'future' ? 0 : state === 'done' ? Infinity : time}
                span={span}
                initiator={initiatorOf(r.initiator)}
                onOpen={onOpen}
                chosen={chosen === r.id}
                onChoose={onChoose}
              />
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
