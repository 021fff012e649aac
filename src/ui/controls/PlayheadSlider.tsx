import type { KeyboardEvent, PointerEvent } from 'react'
import { memo, useMemo, useRef } from 'react'
import type { TraceEvent } from '../../engine'
import {
  selectCurrentEvent,
  selectEvents,
  selectPlayhead,
  selectRevealedEvents,
  selectSeek,
  useStore,
} from '../../store'
import { groupOf } from '../model/groups'
import { stepLine } from '../narration/stepLine'
import { useMotion } from '../playback/motionLoader'
import './playheadRest.css'

interface Segment {
  readonly group: string
  readonly from: number
  readonly count: number
}

/** Consecutive steps in the same band, for the coloured track. */
const segmentsOf = (events: readonly TraceEvent[]): Segment[] => {
  const segments: Segment[] = []
  events.forEach((event, index) => {
    const group = groupOf(event.layer)
    const last = segments.at(-1)
    if (last && last.group === group)
      segments[segments.length - 1] = { ...last, count: last.count + 1 }
    else segments.push({ group, from: index, count: 1 })
  })
  return segments
}

/**
 * The track: one coloured stretch per band the journey passes, in the order it passes them, out of
 * `count` steps. While a lesson question waits, `events` stops at the playhead: the rest is plain.
 */
const Track = memo(function Track(props: { events: readonly TraceEvent[]; count: number }) {
  const { events, count } = props
  const segments = useMemo(() => segmentsOf(events), [events])
  const turn = events.findIndex((e) => e.direction === 'response')
  const last = Math.max(1, count - 1)
  return (
    <>
      {segments.map((s) => (
        <span
          key={s.from}
          className="scrub-segment"
          data-group={s.group}
          style={{
            left: `${(Math.max(0, s.from - 0.5) / last) * 100}%`,
            width: `${(s.count / last) * 100}%`,
          }}
        />
      ))}
      {turn > 0 ? (
        <span className="scrub-turn" style={{ left: `${((turn - 0.5) / last) * 100}%` }} />
      ) : null}
    </>
  )
})

interface RestProps {
  readonly disabled: boolean
  readonly last: number
  readonly playhead: number
}

const shareOf = ({ last, playhead }: RestProps) => Math.min(1, Math.max(0, playhead / last))

// The veil and the thumb where the playhead rests, before framer-motion has loaded (after first
// paint; a prerendered page draws these on the server). With no trace they carry no inline style
// (playheadRest.css places the thumb), so a page whose CSP forbids inline styles shows them right.

function StillVeil(props: RestProps) {
  const style = props.disabled ? undefined : { transform: `scaleX(${1 - shareOf(props)})` }
  return <span className="scrub-rest" style={style} />
}

function StillThumbRail(props: RestProps) {
  const style = props.disabled
    ? undefined
    : { transform: `translateX(${(shareOf(props) - 1) * 100}%)` }
  return (
    <span className="scrub-thumb-rail" style={style}>
      <span className="scrub-thumb" />
    </span>
  )
}

/**
 * The "Playhead" slider: drag or click to scrub, or use the arrow keys, Home and End. Its thumb
 * follows the playhead motion value, so it glides with the packet (PlayheadSliderMotion.tsx).
 */
export function PlayheadSlider() {
  const events = useStore(selectEvents)
  const revealed = useStore(selectRevealedEvents)
  const playhead = useStore(selectPlayhead)
  const event = useStore(selectCurrentEvent)
  const seek = useStore(selectSeek)
  const motion = useMotion()
  const track = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)

  const count = events.length
  const disabled = count === 0
  const last = Math.max(1, count - 1)

  const seekTo = (clientX: number) => {
    const box = track.current?.getBoundingClientRect()
    if (!box || box.width === 0) return
    const f = Math.min(1, Math.max(0, (clientX - box.left) / box.width))
    seek(Math.round(f * last))
  }

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (disabled || e.button !== 0) return
    dragging.current = true
    e.currentTarget.setPointerCapture?.(e.pointerId)
    e.currentTarget.focus()
    seekTo(e.clientX)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) seekTo(e.clientX)
  }
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false
    e.currentTarget.releasePointerCapture?.(e.pointerId)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Shift+arrows are the page's layer jumps; let them through.
    if (disabled || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return
    const moves: Record<string, number> = {
      ArrowRight: playhead + 1,
      ArrowUp: playhead + 1,
      PageDown: playhead + 1,
      ArrowLeft: playhead - 1,
      ArrowDown: playhead - 1,
      PageUp: playhead - 1,
      Home: 0,
      End: count - 1,
    }
    const to = moves[e.key]
    if (to === undefined) return
    e.preventDefault()
    seek(to)
  }

  return (
    <div
      className="scrub"
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label="Playhead"
      aria-valuemin={1}
      aria-valuemax={Math.max(1, count)}
      aria-valuenow={disabled ? 1 : playhead + 1}
      aria-valuetext={event ? stepLine(playhead, count, event) : 'No trace yet'}
      aria-disabled={disabled || undefined}
      aria-orientation="horizontal"
      data-disabled={disabled || undefined}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <div className="scrub-track" ref={track}>
        <Track events={revealed} count={events.length} />
        {motion ? (
          <motion.ScrubVeilMotion disabled={disabled} last={last} />
        ) : (
          <StillVeil disabled={disabled} last={last} playhead={playhead} />
        )}
      </div>
      {motion ? (
        <motion.ScrubThumbRailMotion disabled={disabled} last={last} />
      ) : (
        <StillThumbRail disabled={disabled} last={last} playhead={playhead} />
      )}
    </div>
  )
}
