import { memo } from 'react'
import { axisTicks } from '../timeline/phases'
import { pct } from './model'

/**
 * The playhead's line across a track: a full-width layer moved by a transform (a percentage of
 * its own width, which is the track's), so moving it never lays the table out again.
 */
export function Now({ at, span }: { at: number; span: number }) {
  return (
    <span className="pl-now-layer" aria-hidden="true">
      <span
        className="pl-now-line"
        style={{ transform: `translateX(${Math.min(99.6, pct(at, span))}%)` }}
      />
    </span>
  )
}

/** The marks themselves, which change only with the span: a step re-renders only `Now`. */
const Ticks = memo(function Ticks({ span }: { span: number }) {
  return axisTicks(span, 5).map((t) => (
    <span key={t} className="pl-tick" style={{ left: `${pct(t, span)}%` }}>
      {t} ms
    </span>
  ))
})

/** Time marks along the top of the bars: simulated milliseconds on the page's one clock. */
export function Axis({ span, now }: { span: number; now?: number }) {
  return (
    <span className="pl-axis" aria-hidden="true">
      {now === undefined ? null : <Now at={now} span={span} />}
      <Ticks span={span} />
    </span>
  )
}

const WATERFALL = [
  ['wait', 'Queueing / Stalled'],
  ['network', 'DNS, connection, SSL'],
  ['server', 'Waiting (TTFB)'],
  ['download', 'Content Download'],
] as const

const CONNECTIONS = [
  ['handshake', 'Handshake'],
  ['frames', 'Body frames (colour: stream)'],
  ['loss', 'Lost packet: waiting for its resend'],
] as const

/** What the colours mean; the rows also say it in words for screen readers. */
export function Legend({ of }: { of: 'waterfall' | 'connections' }) {
  const items = of === 'waterfall' ? WATERFALL : CONNECTIONS
  return (
    <ul className="pl-legend" aria-label="Legend">
      {items.map(([tone, label]) => (
        <li key={tone}>
          <span className="pl-swatch" data-tone={tone} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  )
}
