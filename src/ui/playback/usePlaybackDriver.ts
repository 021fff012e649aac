import { useEffect } from 'react'
import {
  selectAdvance,
  selectCurrentEvent,
  selectPlaying,
  selectSpeed,
  useStore,
} from '../../store'
import { stepDelayMs } from './pacing'

/**
 * The only place that touches real time: while playing, waits for the current step's paced
 * delay, then advances the playhead one event. Mount once, in the app shell.
 */
export const usePlaybackDriver = (): void => {
  const playing = useStore(selectPlaying)
  const event = useStore(selectCurrentEvent)
  const speed = useStore(selectSpeed)
  const advance = useStore(selectAdvance)

  useEffect(() => {
    if (!playing || !event) return
    const timer = setTimeout(advance, stepDelayMs(event.duration, speed))
    return () => clearTimeout(timer)
  }, [playing, event, speed, advance])
}
