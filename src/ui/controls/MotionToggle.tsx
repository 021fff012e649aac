import { selectSetMotion, useStore } from '../../store'
import { useMotionReduced } from '../playback/useMotionReduced'

/**
 * "Reduce motion": on, the packet no longer travels; the current band lights up instead. Starts
 * as the system setting says; a click overrides it for this app.
 */
export function MotionToggle() {
  const reduced = useMotionReduced()
  const setMotion = useStore(selectSetMotion)
  return (
    <button
      type="button"
      role="switch"
      aria-checked={reduced}
      className="switch"
      onClick={() => setMotion(reduced ? 'full' : 'reduce')}
    >
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      Reduce motion
    </button>
  )
}
