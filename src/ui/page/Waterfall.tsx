import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { PageRequest, PageTrace } from '../../engine'
import { formatMs } from '../format'
import { Axis } from './Axis'
import type { PhaseId, RowState } from './model'
import { Now } from './Axis'
import { PROTOCOL_NAMES, grown, pct, segmentsOf, stateAt } from './model'

interface Props {
  readonly page: PageTrace
  readonly time: number
  readonly span: number
  /** Opens a request's journey; without it (the presenter's copy) names are plain text. */
  readonly onOpen?: (id: string) => void
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
  /** Its row's place in the table, counting the header row as 1 (`aria-rowindex`). */
  readonly index: number
  readonly state: RowState
  readonly time: number
  readonly span: number
  readonly initiator: string
  readonly onOpen: ((id: string) => void) | undefined
  readonly chosen: boolean
  readonly onChoose: ((id: string | null) => void) | undefined
}

/** One request's row; memoised, so a step re-renders only the rows it changes. */
const Row = memo(function Row({
  r,
  index,
  state,
  time,
  span,
  initiator,
  onOpen,
  chosen,
  onChoose,
}: RowProps) {
  // What does not move with the playhead is worked out once per request (and state): a step
  // re-renders the rows in flight, and their words and phases stay the same.
  const segments = useMemo(() => segmentsOf(r), [r])
  const titles = useMemo(
    () => segments.map((s) => `${s.label}: ${formatMs(s.to - s.from)}`),
    [segments],
  )
  const shown = state !== 'future'
  const barText = useMemo(
    () =>
      (shown
        ? `${STATE_TEXT[state]}; ${segments.map((s) => `${s.label} ${formatMs(s.to - s.from)}`).join(', ')}; total ${formatMs(r.end - r.start)}`
        : STATE_TEXT.future) +
      (r.phases.blocked > 0 ? `; ${formatMs(r.phases.blocked)} lost to retransmissions` : ''),
    [shown, state, segments, r],
  )
  return (
    <tr
      key={r.id}
      aria-rowindex={index}
      data-state={state}
      data-kind={r.kind}
      data-chosen={chosen || undefined}
    >
      <th scope="row">
        {onOpen ? (
          <button
            type="button"
            className="pl-name"
            onClick={() => onOpen(r.id)}
            aria-label={`Open the journey of ${r.name} (${r.kind})`}
          >
            {r.name}
          </button>
        ) : (
          <span className="pl-name pl-name-text">{r.name}</span>
        )}
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
          {segments.map((s, k) =>
            s.from >= time ? null : (
              <span
                key={s.phase}
                className="pl-seg"
                data-tone={TONE[s.phase]}
                title={titles[k]}
                // The whole phase is laid out once; the part not reached yet is scaled away, so
                // a step moves only transforms (no layout of the table).
                style={{
                  left: `${pct(s.from, span)}%`,
                  width: `${pct(s.to - s.from, span)}%`,
                  ...(s.to > time ? { transform: `scaleX(${grown(s.from, s.to, time)})` } : {}),
                }}
              />
            ),
          )}
          {state === 'active' ? <Now at={time} span={span} /> : null}
        </span>
        <span className="pl-bar-text">{barText}</span>
      </td>
    </tr>
  )
})

/**
 * The page's requests in DevTools' columns: Name (a button that opens the request's journey),
 * Status, Protocol, Connection ID, Initiator, header bytes, and the timing bar phase by phase,
 * drawn up to the playhead.
 */
/** Past this many requests only the rows in view (and a margin) are in the document. */
export const WINDOW_FROM = 40
/** Rows drawn beyond the visible ones, above and below, so Tab and scrolling find them ready. */
const OVERSCAN = 8

/**
 * Which rows to draw: all of a small page; of a big one, those the scroll box shows and a margin.
 * Rows are one line each (CSS), so their height is measured once from the first one drawn.
 */
const useRowWindow = (count: number) => {
  const box = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 0, row: 0 })
  const windowed = count > WINDOW_FROM
  useLayoutEffect(() => {
    const el = box.current
    if (!el || !windowed) return
    const measure = () => {
      const row = el.querySelector<HTMLElement>('tbody tr[data-kind]')?.offsetHeight ?? 0
      setView((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight && v.row === row
          ? v
          : { top: el.scrollTop, height: el.clientHeight, row },
      )
    }
    measure()
    el.addEventListener('scroll', measure, { passive: true })
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure)
    observer?.observe(el)
    return () => {
      el.removeEventListener('scroll', measure)
      observer?.disconnect()
    }
  }, [windowed])
  // Before a row has been measured (or where nothing is laid out, as in jsdom), draw them all.
  if (!windowed || view.row <= 0 || view.height <= 0) return { box, from: 0, to: count, row: 0 }
  const from = Math.max(0, Math.floor(view.top / view.row) - OVERSCAN)
  const to = Math.min(count, Math.ceil((view.top + view.height) / view.row) + OVERSCAN)
  return { box, from, to, row: view.row }
}

/**
 * The page's requests in DevTools' columns: Name (a button that opens the request's journey),
 * Status, Protocol, Connection ID, Initiator, header bytes, and the timing bar phase by phase,
 * drawn up to the playhead. A page of more than `WINDOW_FROM` requests draws only the rows in
 * view; `aria-rowcount` and `aria-rowindex` tell screen readers where they are.
 */
export function Waterfall({ page, time, span, onOpen, chosen = null, onChoose }: Props) {
  // As DevTools says it: the HTML's parser, a stylesheet, or a script (once per page trace).
  const initiators = useMemo(() => {
    const byId = new Map(page.requests.map((r) => [r.id, r]))
    return page.requests.map((r) => {
      const by = r.initiator === null ? undefined : byId.get(r.initiator)
      if (!by) return 'Other'
      return by.kind === 'document'
        ? '(index) parser'
        : `${by.name} ${by.kind === 'script' ? 'script' : ''}`.trim()
    })
  }, [page])
  const count = page.requests.length
  const { box, from, to, row } = useRowWindow(count)
  const shown = page.requests.slice(from, to)
  return (
    <div
      className="pl-table-wrap"
      ref={box}
      data-windowed={count > WINDOW_FROM || undefined}
      // With nothing to press in it (the presenter's copy), the scroll box itself takes the
      // focus, so the keyboard can scroll it.
      {...(onOpen || onChoose
        ? {}
        : { tabIndex: 0, role: 'region', 'aria-label': 'Requests of the page load' })}
    >
      <table className="pl-waterfall" aria-rowcount={count + 1}>
        <caption className="sr-only">
          Requests of the page load, in the order they were discovered; times are simulated
        </caption>
        <thead>
          <tr aria-rowindex={1}>
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
          {from > 0 ? (
            <tr className="pl-spacer" aria-hidden="true" style={{ height: from * row }} />
          ) : null}
          {shown.map((r, k) => {
            const i = from + k
            const state = stateAt(r, time)
            return (
              <Row
                key={r.id}
                r={r}
                index={i + 2}
                state={state}
                // Only a row in flight changes with the playhead; the others keep their props.
                time={state === 'future' ? 0 : state === 'done' ? Infinity : time}
                span={span}
                initiator={initiators[i]!}
                onOpen={onOpen}
                chosen={chosen === r.id}
                onChoose={onChoose}
              />
            )
          })}
          {to < count ? (
            <tr className="pl-spacer" aria-hidden="true" style={{ height: (count - to) * row }} />
          ) : null}
        </tbody>
      </table>
    </div>
  )
}
