import { useLayoutEffect, useReducer, useRef } from 'react'
import { takeTurn } from '../playback/frameTurns'

/** How a part takes a change while staggering: with the render, first after it, or in the wave. */
export type Stagger = 'now' | 'lead' | 'wave'

/**
 * The props each of a list of parts is drawn with, where a change to many parts at once may
 * reach them a frame or more apart.
 *
 * While `stagger` is on, a part whose change `order` calls `now` (for the journey: a new trace)
 * takes it in this render. The rest keep what they showed: in the next `lead` turn (a task just
 * after a frame: frameTurns.ts) the `lead` parts take their newest props together (the band the
 * step enters and the band it leaves), and then the other waiting parts in `wave` turns, a frame
 * apart, in list order: a wave down the list, after the reading panels' turn and the unfolding.
 * With `stagger` off (paused, stepping by hand) every part changes in the same render.
 *
 * Why: a step's render and the style, layout and paint it causes share one frame interval. The
 * step's own words and the packet's start go in its frame; the bands it enters and leaves come a
 * frame later, in the frame before the reading panels' (panelState.ts). A step that fails the request
 * marks every band below the failure "not reached", and a redirect's second trip sets every band
 * back to waiting: all of it at once was 40–60 ms of style, layout and paint under 4× CPU
 * throttling; a band a frame fits. Six bands settle within about 150 ms; a step due sooner takes
 * its turns between theirs, never in the same frame.
 *
 * A release is rendered by React's scheduler in a task of its own after the turn's: a
 * default-priority render is not time-sliced, so its render and commit share that one task, and
 * a frame may be drawn between the turn and it. Rendered in the turn's own task (`flushSync`),
 * it held the frame it overran; as a transition, whose render React slices, its tasks were no
 * shorter. Under throttling its commit can come after the next frame: the turn tells frameTurns
 * so, and the frame that draws it stays the release's instead of being given to the next turn.
 */
export const useStaggered = <P>(
  next: readonly P[],
  same: (shown: P, next: P) => boolean,
  order: (shown: P, next: P) => Stagger,
  stagger: boolean,
): readonly P[] => {
  const shown = useRef<readonly P[] | null>(null)
  /** What this render lets through: the lead parts, or one waiting part. */
  const released = useRef<'lead' | number | null>(null)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  /** A release asked of React and not yet committed. */
  const releasing = useRef(false)

  const before = shown.current
  let lead = false
  const drawn =
    !stagger || !before || before.length !== next.length
      ? next
      : next.map((props, i) => {
          const was = before[i]!
          if (same(was, props)) return props
          const how = order(was, props)
          if (how === 'now' || released.current === i) return props
          if (how === 'lead') {
            if (released.current === 'lead') return props
            lead = true
          }
          return was
        })
  const first = drawn.findIndex((props, i) => props !== next[i])

  useLayoutEffect(() => {
    shown.current = drawn
    released.current = null
    if (first < 0) return
    const cancel = takeTurn(
      () => {
        released.current = lead ? 'lead' : first
        releasing.current = true
        rerender()
        return () => releasing.current
      },
      lead ? 'lead' : 'wave',
    )
    // The release's own commit (or unmounting) ends it.
    return () => {
      cancel()
      releasing.current = false
    }
  })
  return drawn
}
