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
    const timer = setTimeout(advance, stepDelay(events, playhead, pacing, speed))
    return () => clearTimeout(timer)
  }, [playing, events, playhead, speed, pacing, advance])
}
