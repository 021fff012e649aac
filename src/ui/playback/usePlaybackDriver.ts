import { useEffect, useRef } from 'react'
import {
  selectAdvance,
  selectEvents,
  selectPacing,
  selectPlayhead,
  selectPlaying,
  selectSpeed,
  useStore,
} from '../../store'
import { takeTurn } from './frameTurns'
import { stepDelay } from './pacing'

/**
 * The words a reader has on screen for this step: the step line and the explanation, where it is
 * shown (the Explain tab, or the presentation's explanation). Hidden panels have no boxes.
 */
const wordsOnScreen = (): number =>
  [...document.querySelectorAll('[role="status"], [data-testid="explanation"]')]
    .filter((el) => el.getClientRects().length > 0)
    .reduce((sum, el) => sum + (el.textContent ?? '').split(/\s+/).filter(Boolean).length, 0)

/**
 * The only place that touches real time for stepping: while playing, waits for the current
 * step's paced delay, then advances the playhead one event. Mount once, in the app shell.
 *
 * The step is taken in its turn just after a frame has been drawn (frameTurns.ts), not whenever
 * its timer fires: its render and the style, layout and paint it causes then have a whole frame
 * interval before the next frame is due, where a timer firing late in an interval left them only
 * the rest of it, and under 4× CPU throttling the two together overran into a long frame. A
 * frame the step before is still using (its bands, its panels) is not the step's either. Waiting
 * for the frame makes a step a frame or a few late; the next step's wait is that much shorter, so
 * a play keeps the clock its pacing sets.
 *
 * Readable pacing also waits for the words on screen, which are counted from layout (what is
 * shown). Counted in the effect, right after the step's commit, they forced a synchronous style
 * and layout into the commit's task: with Play's click, that made the first step's frame long.
 * So the step's own delay starts at once and the words are counted in the turn after the reading
 * panels' (they take the step in a frame of their own: panelState.ts), when layout is clean and
 * the explanation is this step's; if they need longer, the wait is stretched to match. The delay is the same as before; only the moment the layout is read moved.
 */
export const usePlaybackDriver = (): void => {
  const playing = useStore(selectPlaying)
  const events = useStore(selectEvents)
  const playhead = useStore(selectPlayhead)
  const speed = useStore(selectSpeed)
  const pacing = useStore(selectPacing)
  const advance = useStore(selectAdvance)
  /** How late the last step the driver took was, after its due time (ms). */
  const late = useRef(0)

  useEffect(() => {
    if (!playing || !events[playhead]) return
    const base = stepDelay(events, playhead, pacing, speed)
    const started = performance.now()
    // The step before came late (it waited for a frame): this one waits that much less.
    const owed = Math.min(late.current, base)
    late.current = 0
    let counted = pacing !== 'dilated'
    /** The delay the words on screen ask for, if longer than the step's own. */
    const longer = (): number | null => {
      counted = true
      const delay = stepDelay(events, playhead, pacing, speed, wordsOnScreen())
      return delay > base ? delay : null
    }
    let stopStep = () => {}
    /** Steps on just after the next frame, noting how late that is after `due`. */
    const stepAfterFrame = (due: number) => {
      stopStep = takeTurn(() => {
        late.current = Math.max(0, performance.now() - due)
        advance()
      }, 'step')
    }
    let timer = setTimeout(function due() {
      // The frame never came (a hidden tab): count now, and wait the rest if the words need it.
      const delay = counted ? null : longer()
      if (delay === null) stepAfterFrame(started + base - owed)
      else timer = setTimeout(() => stepAfterFrame(started + delay - owed), delay - base)
    }, base - owed)
    const stopCount =
      counted || typeof requestAnimationFrame !== 'function'
        ? () => {}
        : takeTurn(function countWords() {
            if (counted) return
            const delay = longer()
            if (delay === null) return
            clearTimeout(timer)
            timer = setTimeout(
              () => stepAfterFrame(started + delay - owed),
              Math.max(0, delay - owed - (performance.now() - started)),
            )
          }, 'count')
    return () => {
      stopCount()
      clearTimeout(timer)
      stopStep()
    }
  }, [playing, events, playhead, speed, pacing, advance])
}
