// The packet's parts that its still drawing (Packet.tsx) and its motion drawing (PacketMotion.tsx,
// in the motion chunk) share.
import type { RefObject } from 'react'
import { useLayoutEffect, useRef } from 'react'
import type { TraceEvent } from '../../engine'
import { target } from '../../engine'
import type { GroupId } from '../model/groups'
import type { MessageChange } from './messageChange'
import { changeBadge } from './messageChange'

/** Which track a step rides: the way in, or the way back. */
export type Rail = 'in' | 'out'

/** What the packet carries at a step: method and path going in, the status coming back. */
export interface Cargo {
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
}

/** What the pill says: an arrow for the direction, then the cargo. */
export function PacketContent({ cargo }: { cargo: Cargo }) {
  const arrow = cargo.kind === 'response' ? '↑' : cargo.kind === 'request' ? '↓' : '•'
  return (
    <>
      <span className="packet-head">
        <span className="packet-arrow">{arrow}</span>
        {cargo.head}
      </span>
      <span className="packet-tail">{cargo.tail}</span>
    </>
  )
}

/** The pill's pulse on a new step: from a little smaller and fainter to itself. */
const PULSE: Keyframe[] = [
  { opacity: 0.5, scale: '0.88' },
  { opacity: 1, scale: '1' },
]

/**
 * The pill with the cargo, and a tag when this step's layer changed the message. Travelling, the
 * pill stays and pulses on each new step (a Web Animation on opacity and scale, which the
 * compositor runs): mounting a motion component and starting its animations on every step cost
 * the step's commit several milliseconds under CPU throttling, and so, less, did unmounting and
 * mounting a fresh pill to restart a CSS animation. Still (reduced motion), the motion
 * components keep their gentler fade (PacketMotion.tsx).
 */
export function PacketFace({ cargo, change, step }: FaceProps) {
  const pill = useRef<HTMLSpanElement>(null)
  const first = useRef(true)
  useLayoutEffect(() => {
    // The first step is drawn as it is; every later one pulses.
    if (first.current) {
      first.current = false
      return
    }
    const element = pill.current
    if (typeof element?.animate !== 'function') return
    const pulse = element.animate(PULSE, { duration: 250, easing: 'ease-in-out' })
    return () => pulse.cancel()
  }, [step])
  return (
    <>
      <span ref={pill} className="packet-inner">
        <PacketContent cargo={cargo} />
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
}

export interface CommonProps {
  readonly at: GroupId
  readonly rail: Rail
  readonly cargo: Cargo
  readonly change: MessageChange | null
  readonly step: number
}

/** What both packets expose to tests and styles: where they are, what they carry, how they move. */
export const packetAttributes = (
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

export interface Point {
  readonly x: number
  readonly y: number
}

export const ORIGIN: Point = { x: 0, y: 0 }

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

export interface TravelProps extends CommonProps {
  /** The diagram, which the packet is positioned in and whose stops it measures. */
  readonly containerRef: RefObject<HTMLElement | null>
  /** Band and track of every step, in trace order (one entry, the client, before a trace). */
  readonly route: readonly { group: GroupId; rail: Rail }[]
}

export type Centres = ReadonlyMap<string, Point>

/** Every stop's centre relative to the diagram, by band and track. */
export const measureStops = (container: HTMLElement): Centres => {
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

export const routePoints = (centres: Centres, route: TravelProps['route']): Point[] =>
  route.map(({ group, rail }) => centres.get(`${group}:${rail}`) ?? ORIGIN)
