import { m, useMotionValue, useTransform } from 'framer-motion'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { MotionScope } from '../playback/MotionScope'
import { usePlayheadMotion } from '../playback/playheadValue'
import { changeBadge } from './messageChange'
import type { Centres, CommonProps, Point, TravelProps } from './packetParts'
import {
  PacketContent,
  PacketFace,
  measureStops,
  packetAttributes,
  pointAt,
  routePoints,
} from './packetParts'

// The packet's framer-motion parts, in the motion chunk (playback/motionModule.ts): Packet.tsx
// draws the packet still until they have loaded.

interface StillProps extends CommonProps {
  /** Fade in; `false` for the step already drawn still before framer-motion loaded. */
  readonly appear: boolean
}

/** The packet sitting in the current band's lane (reduced motion, or no trace yet), fading in. */
export function StillPacketMotion({ appear, ...props }: StillProps) {
  const { cargo, change, step } = props
  return (
    <MotionScope>
      <m.div
        {...packetAttributes(props, 'still')}
        key={step}
        initial={appear ? { opacity: 0 } : false}
        animate={{ opacity: 1 }}
        transition={{ duration: 0.2 }}
      >
        <m.span
          key={step}
          className="packet-inner"
          initial={appear ? { opacity: 0.5, scale: 1 } : false}
          animate={{ opacity: 1, scale: 1 }}
          transition={{ duration: 0.25 }}
        >
          <PacketContent cargo={cargo} />
        </m.span>
        {change ? (
          <m.span
            key={`change-${step}`}
            className="packet-change"
            data-kind={change.kind}
            initial={appear ? { opacity: 0 } : false}
            animate={{ opacity: 1 }}
            transition={{ duration: 0.2, delay: 0 }}
          >
            {changeBadge(change)}
          </m.span>
        ) : null}
      </m.div>
    </MotionScope>
  )
}

/**
 * The message travelling along the tracks. Its position is a pure function of the one playhead
 * motion value and the measured stops, so it moves with transforms only and React renders it
 * once per step, not once per frame.
 */
export function TravellingPacketMotion(props: TravelProps) {
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
    <MotionScope>
      <m.div
        {...packetAttributes({ at, rail, cargo, step }, 'travel')}
        style={{ x, y, opacity: measured ? 1 : 0 }}
      >
        <PacketFace cargo={cargo} change={change} step={step} />
      </m.div>
    </MotionScope>
  )
}
