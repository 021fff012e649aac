import { useLayoutEffect, useReducer, useRef } from 'react'
import { afterNextFrame } from '../playback/afterFrame'

/**
 * The props each of a list of parts is drawn with, where a change to many parts at once may
 * reach them one frame apart.
 *
 * A part whose change is `urgent` (for the journey: the band the step enters and the band it
 * leaves) takes it at once. While `stagger` is on, any other part that changed keeps what it
 * showed, and the first of them takes its newest props in the task after the next frame, the
 * next one after the frame after that, in list order: a wave down the list.
 *
 * Why: a step that fails the request marks every band below the failure "not reached", and a
 * redirect's second trip sets every band back to waiting. All of it in the step's own frame was
 * 40–60 ms of style, layout and paint under 4× CPU throttling; a band a frame fits. Six bands
 * settle within 100 ms, before the next step at any pacing. With `stagger` off (paused, stepping
 * by hand) every part changes in the same render.
 */
export const useStaggered = <P>(
  next: readonly P[],
  same: (shown: P, next: P) => boolean,
  urgent: (shown: P, next: P) => boolean,
  stagger: boolean,
): readonly P[] => {
  const shown = useRef<readonly P[] | null>(null)
  /** The one waiting part let through in this render. */
  const released = useRef(-1)
  const [, rerender] = useReducer((n: number) => n + 1, 0)

  const before = shown.current
  const drawn =
    !stagger || !before || before.length !== next.length
      ? next
      : next.map((props, i) => {
          const was = before[i]!
          return i === released.current || urgent(was, props) || same(was, props) ? props : was
        })
  const waiting = drawn.findIndex((props, i) => props !== next[i])

  useLayoutEffect(() => {
    shown.current = drawn
    released.current = -1
    if (waiting < 0) return
    return afterNextFrame(() => {
      released.current = waiting
      rerender()
    })
  })
  return drawn
}
