import type { CSSProperties, KeyboardEvent, RefObject } from 'react'
import { memo, useEffect, useId, useRef, useState } from 'react'
import type { TraceEvent } from '../../engine'
import { inHiddenPart } from '../common/hidden'
import { formatMs } from '../format'
import type { Row, Timeline } from './phases'
import { keepInView } from './keepInView'
import { axisTicks, rowOfEvent, shownPart } from './phases'

type RowState = 'upcoming' | 'open' | 'current' | 'done'

interface Props {
  readonly timeline: Timeline
  readonly events: readonly TraceEvent[]
  readonly playhead: number
  readonly onSeek: (index: number) => void
  /** Hide what lies beyond the playhead (bars grow as the request travels). */
  readonly reveal: boolean
  /** Reduced motion: the playhead jumps instead of gliding. */
  readonly still: boolean
}

/** Percent along the axis, rounded so styles stay stable between renders. */
const at = (t: number, timeline: Timeline): number => {
  const span = timeline.end - timeline.start
  return span > 0 ? Math.round(((t - timeline.start) / span) * 100_000) / 1000 : 0
}

function DevToolsMark() {
  return (
    <svg className="tl-devtools" viewBox="0 0 16 16" aria-hidden="true">
      <rect x="1.5" y="2.5" width="13" height="11" rx="2" />
      <path d="M4.5 6.5l2 1.5-2 1.5M8 10h3.5" />
    </svg>
  )
}

interface RowProps {
  readonly row: Row
  readonly timeline: Timeline
  readonly events: readonly TraceEvent[]
  readonly state: RowState
  readonly upTo: number
  readonly onSeek: (index: number) => void
}

function WaterfallRowView({ row, timeline, events, state, upTo, onSeek }: RowProps) {
  const id = useId()
  const shown = shownPart(row, events, upTo)
  const hidden = shown.reached === 0
  const span = row.segments.length > 1 && !hidden
  const spanEnd = shown.segments.at(-1)?.[1] ?? row.start
  return (
    <div
      className="tl-line"
      data-row={row.id}
      data-kind={row.kind}
      data-tone={row.tone}
      data-state={state}
      data-failed={row.failed || undefined}
      style={{ '--depth': Math.min(row.depth, 7) } as CSSProperties}
    >
      <button
        type="button"
        className="tl-row"
        aria-current={state === 'current' ? 'true' : undefined}
        aria-describedby={row.about ? `${id}-about` : undefined}
        onClick={() => onSeek(row.first)}
      >
        <span className="tl-label">
          {row.devtools ? (
            <DevToolsMark />
          ) : row.depth === 0 ? (
            <span className="tl-devtools" aria-hidden="true" />
          ) : null}
          <span className="tl-name">{row.label}</span>
          {row.failed ? (
            <span className="tl-failed">
              <span aria-hidden="true">✕ </span>
              <span className="sr-only">, </span>failed
            </span>
          ) : null}
        </span>
        <span className="tl-track" aria-hidden="true">
          {span ? (
            <span
              className="tl-span"
              style={{
                left: `${at(row.start, timeline)}%`,
                width: `${at(spanEnd, timeline) - at(row.start, timeline)}%`,
              }}
            />
          ) : null}
          {shown.segments.map(([from, to]) => (
            <span
              key={from}
              className="tl-bar"
              style={{
                left: `${at(from, timeline)}%`,
                width: `${at(to, timeline) - at(from, timeline)}%`,
              }}
            />
          ))}
          {row.kind === 'failure' ? (
            <span className="tl-cross" style={{ left: `${at(row.start, timeline)}%` }}>
              ✕
            </span>
          ) : null}
        </span>
        {/* The separators are for screen readers: "DNS Lookup, 35.3 ms, go to step 3". */}
        <span className="tl-time">
          <span className="sr-only">, </span>
          {hidden ? (
            <>
              <span aria-hidden="true">?</span>
              <span className="sr-only">not reached yet</span>
            </>
          ) : (
            formatMs(shown.duration)
          )}
          <span className="sr-only">, go to step {row.first + 1}</span>
        </span>
      </button>
      {row.about ? (
        <p id={`${id}-about`} className="tl-about">
          {row.about}
        </p>
      ) : null}
    </div>
  )
}

/** A step re-renders only the rows whose state it changes (all of them only while revealing). */
const WaterfallRow = memo(WaterfallRowView)

const stateOf = (row: Row, playhead: number, current: Row | undefined): RowState => {
  if (row === current) return 'current'
  if (row.first > playhead) return 'upcoming'
  return row.events.at(-1)! < playhead ? 'done' : 'open'
}

/** The width of an element, kept up to date (0 until measured, and where nothing can measure). */
const useWidth = (ref: RefObject<HTMLElement | null>): number => {
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const element = ref.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/** Up and Down move between the rows, the way a list is read; Enter or Space jumps there. */
const moveFocus = (e: KeyboardEvent<HTMLDivElement>) => {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
  if (e.altKey || e.ctrlKey || e.metaKey) return
  const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.tl-row')]
  const index = rows.indexOf(document.activeElement as HTMLButtonElement)
  if (index < 0) return
  const next = rows[index + (e.key === 'ArrowDown' ? 1 : -1)]
  if (!next) return
  e.preventDefault()
  next.focus()
}

/**
 * The waterfall: one bar per phase on a shared time axis, Waiting (TTFB) opened into the server
 * layers inside it, and the playhead as a vertical line at the current event's time.
 */
export function Waterfall({ timeline, events, playhead, onSeek, reveal, still }: Props) {
  const root = useRef<HTMLDivElement>(null)
  const ticksRef = useRef<HTMLSpanElement>(null)
  const current = rowOfEvent(timeline, playhead)
  const now = events[playhead]
  const nowAt = now ? at(now.at, timeline) : 0
  const axisWidth = useWidth(ticksRef)
  // About one label per 3rem of axis: crowded labels would overlap.
  const ticks = axisTicks(
    timeline.end - timeline.start,
    axisWidth ? Math.max(2, Math.floor(axisWidth / 56)) : 6,
  )
  const upTo = reveal ? playhead : Number.POSITIVE_INFINITY
  const many = timeline.trips.length > 1
  const currentId = current?.id

  // The row under the playhead stays in sight as the class steps (the panel scrolls, not the page).
  useEffect(() => {
    const box = root.current
    const line = currentId ? box?.querySelector<HTMLElement>(`[data-row="${currentId}"]`) : null
    const axis = box?.querySelector<HTMLElement>('.tl-axis')
    // A hidden tab is asked first: the axis's height would lay out the page to answer.
    if (line && !inHiddenPart(line))
      keepInView(line, { top: axis?.offsetHeight ?? 0, smooth: !still })
  }, [currentId, still])

  const renderRow = (row: Row) => (
    <li key={row.id} className="tl-item">
      <WaterfallRow
        row={row}
        timeline={timeline}
        events={events}
        state={stateOf(row, playhead, current)}
        upTo={upTo}
        onSeek={onSeek}
      />
      {row.children.length > 0 ? (
        <ol className="tl-inside" aria-label={`Inside ${row.label}`}>
          {row.children.map(renderRow)}
        </ol>
      ) : null}
    </li>
  )

  return (
    <div ref={root} className="tl-waterfall" data-still={still || undefined} onKeyDown={moveFocus}>
      <div className="tl-axis" aria-hidden="true">
        <span className="tl-legend">
          <span>
            <DevToolsMark /> DevTools name
          </span>
          <span>
            <span className="tl-legend-now" /> now
          </span>
        </span>
        <span className="tl-ticks" ref={ticksRef}>
          {ticks.map((t) => (
            <span
              key={t}
              className="tl-tick"
              data-edge={
                t === 0 ? 'start' : at(t + timeline.start, timeline) > 96 ? 'end' : undefined
              }
              style={{ left: `${at(t + timeline.start, timeline)}%` }}
            >
              {t === 0 && ticks.length > 4 ? '0 ms' : t}
            </span>
          ))}
        </span>
        <span className="tl-axis-time">Took</span>
      </div>

      <div className="tl-body">
        <div className="tl-overlay" aria-hidden="true">
          {ticks.map((t) => (
            <span
              key={t}
              className="tl-grid"
              style={{ left: `${at(t + timeline.start, timeline)}%` }}
            />
          ))}
          <span
            className="tl-now"
            data-testid="timeline-playhead"
            data-at={now?.at}
            style={{ transform: `translateX(${nowAt}%)` }}
          >
            <span className="tl-now-line" />
          </span>
        </div>

        {timeline.trips.map((trip, index) => (
          <div
            key={trip.hop}
            className="tl-trip"
            role={many ? 'group' : undefined}
            aria-label={many ? `Round trip ${index + 1}` : undefined}
          >
            {many ? (
              <h3 className="tl-trip-title">
                Round trip {index + 1}
                <span className="tl-trip-request">
                  {trip.request}
                  {trip.outcome ? ` → ${trip.outcome}` : ''}
                </span>
              </h3>
            ) : null}
            <ol className="tl-rows" aria-label="Phases">
              {trip.rows.map(renderRow)}
            </ol>
          </div>
        ))}
      </div>
    </div>
  )
}
