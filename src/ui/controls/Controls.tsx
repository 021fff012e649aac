import './controls.css'
import type { ChangeEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import {
  SPEEDS,
  isSpeed,
  selectCurrentEvent,
  selectEventCount,
  selectPlaybackActions,
  selectPlayhead,
  selectPlaying,
  selectSpeed,
  selectTrace,
  useStore,
} from '../../store'
import { formatMs } from '../format'
import { totalMs } from '../journey/groups'
import { Icon } from './icons'

const speedLabel = (speed: number): string => `${speed}×`

function Progress() {
  const playhead = useStore(selectPlayhead)
  const count = useStore(selectEventCount)
  const event = useStore(selectCurrentEvent)
  const trace = useStore(selectTrace)
  const fraction = count > 1 ? playhead / (count - 1) : 0
  return (
    <div className="progress">
      <div className="progress-track" aria-hidden="true">
        <div className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="progress-text">
        {event && trace ? (
          <>
            <span>
              step <strong>{playhead + 1}</strong> / {count}
            </span>
            <span>
              at <strong>{formatMs(event.at)}</strong> of {formatMs(totalMs(trace.events))}
            </span>
          </>
        ) : (
          <span>no trace yet</span>
        )}
      </p>
    </div>
  )
}

/** Playback buttons and speed. The same actions are on the keyboard (see useKeyboardShortcuts). */
export function Controls() {
  const { stepForward, stepBack, togglePlay, restart, setSpeed } = useStore(
    useShallow(selectPlaybackActions),
  )
  const playing = useStore(selectPlaying)
  const speed = useStore(selectSpeed)
  const count = useStore(selectEventCount)
  const noTrace = count === 0

  const onSpeed = (e: ChangeEvent<HTMLSelectElement>) => {
    const value = Number(e.target.value)
    if (isSpeed(value)) setSpeed(value)
  }

  return (
    <div className="controls">
      <div className="controls-buttons">
        <button type="button" className="button" onClick={restart} disabled={noTrace}>
          <Icon name="restart" />
          Restart
        </button>
        <button type="button" className="button" onClick={stepBack} disabled={noTrace}>
          <Icon name="back" />
          Step back
        </button>
        <button
          type="button"
          className="button button-play"
          onClick={togglePlay}
          disabled={noTrace}
        >
          <Icon name={playing ? 'pause' : 'play'} />
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button" onClick={stepForward} disabled={noTrace}>
          Step forward
          <Icon name="forward" />
        </button>
      </div>
      <label className="speed">
        <span>Speed</span>
        <select value={speed} onChange={onSpeed}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <Progress />
    </div>
  )
}
