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
    // Read after the step's commit: the explanation on screen is this step's.
    const words = pacing === 'dilated' ? wordsOnScreen() : 0
    const timer = setTimeout(advance, stepDelay(events, playhead, pacing, speed, words))
    return () => clearTimeout(timer)
  }, [playing, events, playhead, speed, pacing, advance])
}
