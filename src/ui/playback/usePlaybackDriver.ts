import { useEffect } from 'react'
import {
  selectAdvance,
  selectEvents,
  selectPacing,
  selectPlayhead,
  selectPlaying,
  selectSpeed,
  useStore,
} from '../../store'
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
 * Readable pacing also waits for the words on screen, which are counted from layout (what is
 * shown). Counted in the effect, right after the step's commit, they forced a synchronous style
 * and layout into the commit's task: with Play's click, that made the first step's frame long.
 * So the step's own delay starts at once and the words are counted after the next frame has
 * been drawn, when layout is clean; if they need longer, the wait is stretched to match. The
 * delay is the same as before; only the moment the layout is read moved.
 */
export const usePlaybackDriver = (): void => {
  const playing = useStore(selectPlaying)
  const events = useStore(selectEvents)
  const playhead = useStore(selectPlayhead)
  const speed = useStore(selectSpeed)
  const pacing = useStore(selectPacing)
  const advance = useStore(selectAdvance)

  useEffect(() => {
    if (!playing || !events[playhead]) return
    const base = stepDelay(events, playhead, pacing, speed)
    const started = performance.now()
    let counted = pacing !== 'dilated'
    /** The delay the words on screen ask for, if longer than the step's own. */
    const longer = (): number | null => {
      counted = true
      const delay = stepDelay(events, playhead, pacing, speed, wordsOnScreen())
      return delay > base ? delay : null
    }
    let timer = setTimeout(function due() {
      // The frame never came (a hidden tab): count now, and wait the rest if the words need it.
      const delay = counted ? null : longer()
      if (delay === null) advance()
      else timer = setTimeout(advance, delay - base)
    }, base)
    let frame = 0
    let afterFrame: ReturnType<typeof setTimeout> | undefined
    if (!counted && typeof requestAnimationFrame === 'function')
      frame = requestAnimationFrame(() => {
        afterFrame = setTimeout(() => {
          if (counted) return
          const delay = longer()
          if (delay === null) return
          clearTimeout(timer)
          timer = setTimeout(advance, Math.max(0, delay - (performance.now() - started)))
        }, 0)
      })
    return () => {
      if (frame) cancelAnimationFrame(frame)
      clearTimeout(afterFrame)
      clearTimeout(timer)
    }
  }, [playing, events, playhead, speed, pacing, advance])
}
