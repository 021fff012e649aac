import { useRef } from 'react'
import { useMotion } from '../playback/motionLoader'
import { changeBadge } from './messageChange'
import type { CommonProps, TravelProps } from './packetParts'
import { PacketContent, packetAttributes } from './packetParts'

export type { Rail } from './packetParts'
export { cargoOf, pointAt } from './packetParts'

/**
 * Reduced motion, and the journey at rest: the packet does not travel. It appears in the current
 * band's lane, fading in, while the band's highlight says where the step is. Until framer-motion
 * has loaded (after first paint; a prerendered page draws this on the server) it is drawn as it
 * rests, without the fade; the step drawn so does not fade in again when the motion arrives.
 */
export function StillPacket(props: CommonProps) {
  const { cargo, change, step } = props
  const motion = useMotion()
  const drawnStill = useRef(motion ? null : step)
  if (motion) return <motion.StillPacketMotion {...props} appear={drawnStill.current !== step} />
  return (
    <div {...packetAttributes(props, 'still')} key={step}>
      <span className="packet-inner">
        <PacketContent cargo={cargo} />
      </span>
      {change ? (
        <span className="packet-change" data-kind={change.kind}>
          {changeBadge(change)}
        </span>
      ) : null}
    </div>
  )
}

/**
 * The message travelling along the tracks (PacketMotion.tsx). It is only drawn for a trace, which
 * comes after framer-motion has loaded (a link's trace waits for it before the first render).
 */
export function TravellingPacket(props: TravelProps) {
  const motion = useMotion()
  return motion ? <motion.TravellingPacketMotion {...props} /> : null
}
