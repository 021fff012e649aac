import { m, useMotionValue, useTransform } from 'framer-motion'
import type { RefObject } from 'react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { TraceEvent } from '../../engine'
import { target } from '../../engine'
import { usePlayheadMotion } from '../playback/PlayheadMotion'
import type { GroupId } from '../model/groups'
import type { MessageChange } from './messageChange'
import { changeBadge } from './messageChange'

/** Which track a step rides: the way in, or the way back. */
export type Rail = 'in' | 'out'

/** What the packet carries at a step: method and path going in, the status coming back. */
interface Cargo {
  readonly kind: 'ready' | 'request' | 'response'
  readonly head: string
  readonly tail: string
  readonly tone: 'none' | 'ok' | 'redirect' | 'client' | 'server'
}

const toneOf = (status: number): Cargo['tone'] =>
  status < 300 ? 'ok' : status < 400 ? 'redirect' : status < 500 ? 'client' : 'server'

export const cargoOf = (
  event: TraceEvent | undefined,
  ready: { method: string; path: string },
  errorCode?: string,
): Cargo => {
  if (!event) return { kind: 'ready', head: ready.method, tail: ready.path, tone: 'none' }
  if (event.direction === 'request')
    return {
      kind: 'request',
      head: event.request.method,
      tail: target(event.request),
      tone: 'none',
    }
  if (event.response) {
    const { status, statusText } = event.response
    return { kind: 'response', head: String(status), tail: statusText, tone: toneOf(status) }
  }
  return { kind: 'response', head: '✕', tail: errorCode ?? 'no response', tone: 'server' }
}

interface FaceProps {
  readonly cargo: Cargo
  readonly change: MessageChange | null
  /** Changes the key of the pulse, so every step shows one. */
  readonly step: number
  readonly reduced: boolean
}

/**
 * The pill with the cargo, and a tag when this step's layer changed the message. Travelling, the
 * pulse is a CSS animation on a fresh span per step (keyed by step): mounting a motion component
 * and starting its animations on every step cost the step's commit several milliseconds under
 * CPU throttling. Still (reduced motion), the motion components keep their gentler fade.
 */
function PacketFace({ cargo, change, step, reduced }: FaceProps) {
  const arrow = cargo.kind === 'response' ? '↑' : cargo.kind === 'request' ? '↓' : '•'
  const face = (
    <>
      <span className="packet-head">
        <span className="packet-arrow">{arrow}</span>
        {cargo.head}
      </span>
      <span className="packet-tail">{cargo.tail}</span>
    </>
  )
  if (!reduced)
    return (
      <>
        <span key={step} className="packet-inner packet-pulse">
          {face}
        </span>
        {change ? (
          <span
            key={`change-${step}`}
            className="packet-change packet-change-in"
            data-kind={change.kind}
          >
            {changeBadge(change)}
          </span>
        ) : null}
      </>
    )
  return (
    <>
      <m.span
        key={step}
        className="packet-inner"
        initial={{ opacity: 0.5, scale: 1 }}
        animate={{ opacity: 1, scale: 1 }}
        transition={{ duration: 0.25 }}
      >
        {face}
      </m.span>
      {change ? (
        <m.span
          key={`change-${step}`}
          className="packet-change"
          data-kind={change.kind}
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          transition={{ duration: 0.2, delay: 0 }}
        >
          {changeBadge(change)}
        </m.span>
      ) : null}
    </>
  )
}

interface CommonProps {
  readonly at: GroupId
  readonly rail: Rail
  readonly cargo: Cargo
  readonly change: MessageChange | null
  readonly step: number
}

/**
 * Reduced motion: the packet does not travel. It appears in the current band's lane, fading in,
 * while the band's highlight says where the step is.
 */
/** What both packets expose to tests and styles: where they are, what they carry, how they move. */
const packetAttributes = (
  { at, rail, cargo, step }: Pick<CommonProps, 'at' | 'rail' | 'cargo' | 'step'>,
  motion: 'still' | 'travel',
) => ({
  className: `packet packet-${motion}`,
  'data-testid': 'packet',
  'data-at': at,
  'data-rail': rail,
  'data-kind': cargo.kind,
  'data-tone': cargo.tone,
  'data-step': step,
  'data-motion': motion,
  'aria-hidden': true,
})

export function StillPacket({ at, rail, cargo, change, step }: CommonProps) {
  return (
    <m.div
      {...packetAttributes({ at, rail, cargo, step }, 'still')}
      key={step}
      initial={{ opacity: 0 }}
      animate={{ opacity: 1 }}
      transition={{ duration: 0.2 }}
    >
      <PacketFace cargo={cargo} change={change} step={step} reduced />
    </m.div>
  )
}

interface Point {
  readonly x: number
  readonly y: number
}

const ORIGIN: Point = { x: 0, y: 0 }

/**
 * Where the packet is at a fractional playhead: on the stop of the step below it, gliding
 * toward the next step's stop. Changing track turns a corner (down the way in, then across),
 * so a short-circuit visibly turns back at its band.
 */
export const pointAt = (points: readonly Point[], value: number): Point => {
  if (points.length === 0) return ORIGIN
  const v = Math.min(Math.max(value, 0), points.length - 1)
  const i = Math.floor(v)
  const f = v - i
  const a = points[i]!
  const b = points[i + 1]
  if (!b || f < 1e-4) return a
  const corner = a.x !== b.x && a.y !== b.y ? { x: a.x, y: b.y } : null
  const lerp = (p: Point, q: Point, t: number) => ({
    x: p.x + (q.x - p.x) * t,
    y: p.y + (q.y - p.y) * t,
  })
  if (!corner) return lerp(a, b, f)
  const first = Math.abs(corner.y - a.y)
  const second = Math.abs(b.x - corner.x)
  const d = f * (first + second)
  return d <= first ? lerp(a, corner, d / first) : lerp(corner, b, (d - first) / second)
}

interface TravelProps extends CommonProps {
  /** The diagram, which the packet is positioned in and whose stops it measures. */
  readonly containerRef: RefObject<HTMLElement | null>
  /** Band and track of every step, in trace order (one entry, the client, before a trace). */
  readonly route: readonly { group: GroupId; rail: Rail }[]
}

type Centres = ReadonlyMap<string, Point>

/** Every stop's centre relative to the diagram, by band and track. */
const measureStops = (container: HTMLElement): Centres => {
  const box = container.getBoundingClientRect()
  const centres = new Map<string, Point>()
  // A live collection by class: much cheaper than a selector query.
  for (const stop of container.getElementsByClassName('stop') as HTMLCollectionOf<HTMLElement>) {
    const r = stop.getBoundingClientRect()
    centres.set(`${stop.dataset.group}:${stop.dataset.stop}`, {
      x: Math.round(r.left - box.left + r.width / 2),
      y: Math.round(r.top - box.top + r.height / 2),
    })
  }
  return centres
}

const routePoints = (centres: Centres, route: TravelProps['route']): Point[] =>
  route.map(({ group, rail }) => centres.get(`${group}:${rail}`) ?? ORIGIN)

/**
 * The message travelling along the tracks. Its position is a pure function of the one playhead
 * motion value and the measured stops, so it moves with transforms only and React renders it
 * once per step, not once per frame.
 */
export function TravellingPacket(props: TravelProps) {
  const { containerRef, route, at, rail, cargo, change, step } = props
  const playhead = usePlayheadMotion()
  const centres = useRef<Centres>(new Map())
  const points = useRef<Point[]>([])
  const routeNow = useRef(route)
  // Bumped after each measurement, so the position is recomputed even while the playhead rests.
  const layout = useMotionValue(0)
  const [measured, setMeasured] = useState(false)

  const x = useTransform(() => {
    layout.get()
    return pointAt(points.current, playhead.get()).x
  })
  const y = useTransform(() => {
    layout.get()
    return pointAt(points.current, playhead.get()).y
  })

  // A new trace over the same layout: map its steps to the stops already measured.
  useLayoutEffect(() => {
    routeNow.current = route
    points.current = routePoints(centres.current, route)
    layout.set(layout.get() + 1)
  }, [route, layout])

  // Stops move only when a band changes size (one unfolds, the window narrows). Measuring in the
  // observer's callback reads a layout the browser has already done: no forced layout per step.
  // A passive effect: the diagram's ref is attached only after its children's layout effects.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const update = () => {
      centres.current = measureStops(container)
      points.current = routePoints(centres.current, routeNow.current)
      layout.set(layout.get() + 1)
      setMeasured(true)
    }
    if (typeof ResizeObserver === 'undefined') return update()
    const observer = new ResizeObserver(update)
    observer.observe(container)
    for (const band of container.getElementsByClassName('band')) observer.observe(band)
    return () => observer.disconnect()
  }, [containerRef, layout])

  return (
    <m.div
      {...packetAttributes({ at, rail, cargo, step }, 'travel')}
      style={{ x, y, opacity: measured ? 1 : 0 }}
    >
      <PacketFace cargo={cargo} change={change} step={step} reduced={false} />
    </m.div>
  )
}
