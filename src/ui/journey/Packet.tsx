import { m, useReducedMotion } from 'framer-motion'
import type { RefObject } from 'react'
import { useLayoutEffect, useRef, useState } from 'react'
import type { HttpRequest, TraceEvent } from '../../engine'
import { target } from '../../engine'
import { travelSeconds } from '../playback/pacing'
import type { GroupId } from './groups'

interface Props {
  /** The diagram, which the packet is positioned in. */
  readonly containerRef: RefObject<HTMLElement | null>
  /** Each band's lane, where the packet rides. */
  readonly lanes: RefObject<Map<GroupId, HTMLElement>>
  readonly at: GroupId
  readonly event: TraceEvent | undefined
  /** Shown at the client before anything was sent. */
  readonly ready: { method: string; path: string }
  readonly errorCode: string | undefined
  readonly speed: number
}

interface Place {
  readonly x: number
  readonly y: number
}

const requestLabel = (request: HttpRequest) => ({ method: request.method, path: target(request) })

/** What the packet carries now: method and path on the way in, the status on the way out. */
const cargo = (event: TraceEvent | undefined, ready: Props['ready'], errorCode?: string) => {
  if (!event) return { kind: 'ready', head: ready.method, tail: ready.path, tone: 'none' } as const
  if (event.direction === 'request')
    return { kind: 'request', ...toHeadTail(requestLabel(event.request)), tone: 'none' } as const
  if (event.response) {
    const { status, statusText } = event.response
    const tone =
      status < 300 ? 'ok' : status < 400 ? 'redirect' : status < 500 ? 'client' : 'server'
    return { kind: 'response', head: String(status), tail: statusText, tone } as const
  }
  return { kind: 'response', head: '✕', tail: errorCode ?? 'no response', tone: 'server' } as const
}

const toHeadTail = ({ method, path }: { method: string; path: string }) => ({
  head: method,
  tail: path,
})

/**
 * The message, travelling along the lanes to the band of the current event. Moves with
 * transforms only; with reduced motion it jumps and the band highlight does the work.
 */
export function Packet({ containerRef, lanes, at, event, ready, errorCode, speed }: Props) {
  const self = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState<Place | null>(null)
  const [resized, setResized] = useState(0)
  const reduced = useReducedMotion() ?? false

  // Re-measure whenever the step, the cargo or the diagram's size changes the packet's place.
  useLayoutEffect(() => {
    const container = containerRef.current
    const lane = lanes.current.get(at)
    const packet = self.current
    if (!container || !lane || !packet) return
    const box = container.getBoundingClientRect()
    const slot = lane.getBoundingClientRect()
    const next = {
      x: Math.round(slot.left - box.left + (slot.width - packet.offsetWidth) / 2),
      y: Math.round(slot.top - box.top + (slot.height - packet.offsetHeight) / 2),
    }
    if (!place || next.x !== place.x || next.y !== place.y) setPlace(next)
  }, [containerRef, lanes, at, place, event, ready.method, ready.path, resized])

  useLayoutEffect(() => {
    const container = containerRef.current
    if (!container || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setResized((n) => n + 1))
    observer.observe(container)
    return () => observer.disconnect()
  }, [containerRef])

  const load = cargo(event, ready, errorCode)
  const duration = reduced || !place ? 0 : travelSeconds(event?.duration ?? 0, speed)

  return (
    <m.div
      ref={self}
      className="packet"
      data-testid="packet"
      data-kind={load.kind}
      data-tone={load.tone}
      data-at={at}
      aria-hidden="true"
      initial={false}
      animate={{ x: place?.x ?? 0, y: place?.y ?? 0, opacity: place ? 1 : 0 }}
      transition={{ type: 'tween', ease: 'easeInOut', duration }}
    >
      <m.span
        // A new step replays a small pulse, so a step within the same band is still visible.
        key={event?.seq ?? -1}
        className="packet-inner"
        initial={{ opacity: 0.55, scale: reduced ? 1 : 0.9 }}
        animate={{ opacity: 1, scale: 1 }}
        transition={{ duration: reduced ? 0.2 : 0.25 }}
      >
        <span className="packet-head">
          <span className="packet-arrow">
            {load.kind === 'response' ? '↑' : load.kind === 'request' ? '↓' : '•'}
          </span>
          {load.head}
        </span>
        <span className="packet-tail">{load.tail}</span>
      </m.span>
    </m.div>
  )
}
