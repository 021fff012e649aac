import { m, useTransform } from 'framer-motion'
import { MotionScope } from '../playback/MotionScope'
import { usePlayheadMotion } from '../playback/playheadValue'

// The slider's framer-motion parts, in the motion chunk (playback/motionModule.ts): until they
// have loaded, PlayheadSlider.tsx draws the veil and the thumb where the playhead rests.

interface Props {
  readonly disabled: boolean
  /** The last step's index (at least 1). */
  readonly last: number
}

/** The playhead's share of the track, 0 to 1, following the playhead motion value. */
const useFraction = (last: number) =>
  useTransform(usePlayheadMotion(), (v) => Math.min(1, Math.max(0, v / last)))

/** Steps still ahead are veiled; the veil shrinks as the playhead moves on. */
export function ScrubVeilMotion({ disabled, last }: Props) {
  const rest = useTransform(useFraction(last), (f) => 1 - f)
  return (
    <MotionScope>
      <m.span className="scrub-rest" style={{ scaleX: disabled ? 1 : rest }} />
    </MotionScope>
  )
}

/**
 * The thumb on its rail. The rail is as wide as the track and travels from one width to the left
 * of it to where the track is, with the thumb on its right end: it never reaches past the track's
 * right edge, which would widen the page (a horizontal scrollbar near the end of every trace).
 */
export function ScrubThumbRailMotion({ disabled, last }: Props) {
  const thumbX = useTransform(useFraction(last), (f) => `${(f - 1) * 100}%`)
  return (
    <MotionScope>
      <m.span className="scrub-thumb-rail" style={{ x: disabled ? '-100%' : thumbX }}>
        <span className="scrub-thumb" />
      </m.span>
    </MotionScope>
  )
}
