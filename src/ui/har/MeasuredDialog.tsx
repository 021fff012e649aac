import '../page/page.css'
import './har.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { MeasuredEntry, MeasuredPage } from '../../har'
import { maskPage } from '../../har'
import { ModalDialog } from '../controls/ModalDialog'
import { formatMs } from '../format'
import { Axis, Legend } from '../page/Axis'
import { pct } from '../page/model'
import { EntryPanels } from './EntryPanels'
import { SOURCE_TEXT } from './explain'
import { TONE, measuredSegments, recordedBy, reportedSpans } from './model'
import { openWalk } from './openWalk'
import type { Walk } from './walk'
import { walkInModel } from './walk'

interface Props {
  readonly page: MeasuredPage
  /** The file's name, or "pasted text". */
  readonly from: string
  /** The last import's error: shown here, where the user is; the page on screen stays. */
  readonly error: string | null
  readonly onClose: () => void
}

/** Keys typed in a field, or on the panels' tabs (which move between tabs), are not steps. */
const isField = (target: EventTarget | null) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLSelectElement ||
  target instanceof HTMLTextAreaElement ||
  (target instanceof Element && target.closest('[role="tablist"]') !== null)

/** Rows drawn at first, and added by "Show more". */
const ROWS_STEP = 200

const CACHE_TEXT = { memory: 'memory cache', disk: 'disk cache', revalidated: '304 revalidated' }

/**
 * "Explain my request": the entry rebuilt on the model's app and walked through its layers,
 * its times set beside the measured ones. Everything the model adds is marked Model (inferred).
 */
function InModel({ entry, onWalk }: { entry: MeasuredEntry; onWalk: (walk: Walk) => void }) {
  const walk = useMemo(() => walkInModel(entry), [entry])
  if ('message' in walk)
    return (
      <section className="har-model" aria-label="In the model">
        <h3>In the model</h3>
        <p>{walk.message}</p>
      </section>
    )
  const model = walk.phases
  const rows: [string, number | null, number][] = [
    ['Blocked', entry.phases.blocked, model.blocked],
    ['DNS Lookup', entry.phases.dns, model.dns],
    ['Initial connection', entry.phases.connect, model.connect],
    ['SSL', entry.phases.ssl, model.ssl],
    ['Waiting (TTFB)', entry.phases.wait, model.wait],
    ['Content Download', entry.phases.receive, model.receive],
  ]
  const status = walk.status
  return (
    <section className="har-model" aria-label="In the model">
      <h3>In the model</h3>
      <p>
        <span className="har-tag har-tag-model">Model (inferred)</span> Roundtrip rebuilt this
        request on its nearest scenario:{' '}
        <code>
          {walk.request.method} {walk.url}
        </code>
        . The method, headers and body{walk.pathKept ? ', path and query' : ''} come from the file
        (secrets masked); the host, the app, its layers and the network are the model’s, so its
        times are a comparison, not an explanation of yours.
      </p>
      <p>
        <span className="har-tag har-tag-model">Model (inferred)</span> {walk.why}
      </p>
      <table className="har-headers">
        <caption>Measured beside the model</caption>
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col">Measured</th>
            <th scope="col">Model</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Status</th>
            <td>{entry.status ?? 'failed'}</td>
            <td>{status}</td>
          </tr>
          {rows.map(([label, measured, simulated]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{measured === null ? 'not applicable' : formatMs(measured)}</td>
              <td>{formatMs(simulated)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={() => onWalk(walk)}>
        Walk it step by step in the model
      </button>
    </section>
  )
}

/**
 * A real recording: the HAR's entries in DevTools' columns on the file's own clock, every number
 * marked Measured, Server-Timing drawn inside the wait as the server reported it. Choosing an
 * entry shows its real headers and bodies, its phases and an explanation written for it.
 */
export default function MeasuredDialog({ page, from, error, onClose }: Props) {
  const [masked, setMasked] = useState(true)
  const [index, setIndex] = useState(0)
  const shown = useMemo(() => (masked ? maskPage(page) : page), [page, masked])
  // A large file draws its first rows at once and the rest on request, so it opens quickly.
  const [limit, setLimit] = useState(ROWS_STEP)
  // A new file starts at its first entry.
  useEffect(() => {
    setIndex(0)
    setLimit(ROWS_STEP)
  }, [page])
  const last = shown.entries.length - 1
  const at = Math.min(index, last)
  const entry = shown.entries[at]!
  const rowsShown = Math.min(shown.entries.length, Math.max(limit, at + 1))
  const span = Math.max(shown.end, 1) * 1.02
  // A Roundtrip export says its times are simulated: it is never shown as measured.
  const word = shown.source === 'simulated' ? 'Simulated' : 'Measured'
  // In a Roundtrip export the Server-Timing came from the model's layers, not a real server.
  const serverWord = shown.source === 'simulated' ? 'Simulated server layers' : SOURCE_TEXT.server

  const go = (to: number) => setIndex(Math.max(0, Math.min(last, to)))
  const keys = useRef<(e: KeyboardEvent) => void>(() => {})
  keys.current = (e: KeyboardEvent) => {
    if (isField(e.target) || e.altKey || e.ctrlKey || e.metaKey) return
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: last,
    }
    if (e.key in moves) {
      e.preventDefault()
      go(moves[e.key]!)
    }
  }
  const body = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const dialog = body.current?.closest('dialog')
    if (!dialog) return
    const listener = (e: KeyboardEvent) => keys.current(e)
    dialog.addEventListener('keydown', listener)
    return () => dialog.removeEventListener('keydown', listener)
  }, [])

  return (
    <ModalDialog
      title={`${word} page load`}
      className="dialog pl-dialog har-dialog"
      onClose={onClose}
      ownsKeys
    >
      <div className="har-body-wrap" ref={body}>
        <div className="har-banner" role="note" aria-label={word}>
          <p>
            <strong className="har-badge" data-source={shown.source}>
              {word}
            </strong>{' '}
            {from}: {shown.entries.length} {shown.entries.length === 1 ? 'request' : 'requests'}{' '}
            {shown.source === 'simulated' ? 'written' : 'recorded'} by {recordedBy(shown)}.{' '}
            {shown.source === 'simulated'
              ? 'The file says its times come from Roundtrip’s model: they are simulated, not measured.'
              : 'Every time here comes from the file; nothing is simulated.'}{' '}
            Spans marked <em>{serverWord}</em> come from its Server-Timing header; text marked{' '}
            <em>Model</em> is Roundtrip’s explanation, not a measurement.
          </p>
          <p className="har-privacy">
            The file was read on this device; nothing was sent anywhere.{' '}
            <label>
              <input
                type="checkbox"
                checked={masked}
                onChange={(e) => setMasked(e.target.checked)}
              />{' '}
              Mask cookies, Authorization and tokens
            </label>
          </p>
        </div>
        {error ? (
          <p className="har-error" role="alert">
            {error} The page below is still the one you opened before.
          </p>
        ) : null}
        <p className="pl-status" role="status">
          Entry {at + 1} of {shown.entries.length}: {entry.method} {entry.name},{' '}
          {entry.status ?? 'failed'}, {formatMs(entry.time)} ({word.toLowerCase()})
        </p>
        {shown.marks.length > 0 ? (
          <ul className="pl-marks" aria-label={`Page milestones (${word.toLowerCase()})`}>
            {shown.marks.map((m) => (
              <li key={m.id}>
                {m.label}: {formatMs(m.at)}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="har-legend">
          <Legend of="waterfall" />
          <p>
            <span className="har-st-swatch" aria-hidden="true" /> Server-Timing, inside the wait
            (reported by the server). Arrows ← → choose the previous or next entry.
          </p>
        </div>
        <div className="pl-table-wrap">
          <table className="pl-waterfall har-waterfall">
            <caption className="sr-only">
              Requests of the file, in its order; every time is {word.toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Protocol</th>
                <th scope="col">Connection ID</th>
                <th scope="col">Initiator</th>
                <th scope="col">Time</th>
                <th scope="col" className="pl-bar-col">
                  Waterfall <span className="pl-note">({word.toLowerCase()} ms)</span>
                  <Axis span={span} />
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.entries.slice(0, rowsShown).map((e, i) => {
                const segments = measuredSegments(e)
                const spans = reportedSpans(e)
                return (
                  <tr key={e.id} aria-current={i === at ? 'true' : undefined} data-kind={e.kind}>
                    <th scope="row">
                      <button
                        type="button"
                        className="pl-name"
                        aria-pressed={i === at}
                        onClick={() => setIndex(i)}
                        title={e.url}
                      >
                        {e.name}
                      </button>
                      <br />
                      <span className="har-tag" data-source={shown.source}>
                        {word}
                      </span>
                      {e.cache ? <span className="pl-tag">{CACHE_TEXT[e.cache]}</span> : null}
                      {e.redirectsTo ? <span className="pl-tag">redirect</span> : null}
                      {e.webSocketMessages ? <span className="pl-tag">WebSocket</span> : null}
                    </th>
                    <td>{e.status ?? <span title={e.error}>(failed)</span>}</td>
                    <td>{e.protocol ?? '—'}</td>
                    <td>
                      {e.connection ?? '—'}
                      {e.reusedConnection ? <span className="pl-note"> reused</span> : null}
                    </td>
                    <td>
                      {e.initiator
                        ? `${e.initiator.type}${e.initiator.entry ? ` (${shown.entries.find((x) => x.id === e.initiator!.entry)?.name ?? ''})` : ''}`
                        : '—'}
                    </td>
                    <td>{formatMs(e.time)}</td>
                    <td className="pl-bar-cell">
                      <span className="pl-track" aria-hidden="true">
                        {segments.map((s) => (
                          <span
                            key={s.phase}
                            className="pl-seg"
                            data-tone={TONE[s.phase]}
                            title={`${s.label}: ${formatMs(s.to - s.from)} (${word.toLowerCase()})`}
                            style={{
                              left: `${pct(s.from, span)}%`,
                              width: `${pct(s.to - s.from, span)}%`,
                            }}
                          />
                        ))}
                        {spans.map((m) => (
                          <span
                            key={m.name}
                            className="har-st"
                            title={`${m.name}: ${formatMs(m.dur!)} (reported by the server)`}
                            style={{
                              left: `${pct(m.from, span)}%`,
                              width: `${pct(m.to - m.from, span)}%`,
                            }}
                          />
                        ))}
                      </span>
                      <span className="pl-bar-text">
                        {segments.map((s) => `${s.label} ${formatMs(s.to - s.from)}`).join(', ') ||
                          'no timed phase'}
                        {spans.length > 0
                          ? `; reported by the server: ${spans.map((m) => `${m.name} ${formatMs(m.dur!)}`).join(', ')}`
                          : ''}
                      </span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        {rowsShown < shown.entries.length ? (
          <p className="har-more">
            Showing {rowsShown.toLocaleString('en')} of {shown.entries.length.toLocaleString('en')}{' '}
            requests (→ and End reach every one).{' '}
            <button type="button" className="button" onClick={() => setLimit((n) => n + ROWS_STEP)}>
              Show {Math.min(ROWS_STEP, shown.entries.length - rowsShown).toLocaleString('en')} more
            </button>
          </p>
        ) : null}
        <div className="har-detail">
          <EntryPanels entry={entry} page={shown} word={word} serverWord={serverWord} />
          <InModel
            entry={page.entries[entry.index]!}
            onWalk={(walk) => {
              openWalk(walk, `${entry.method} ${entry.name} from ${from}`)
              onClose()
            }}
          />
        </div>
      </div>
    </ModalDialog>
  )
}
