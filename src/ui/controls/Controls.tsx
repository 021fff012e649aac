import './controls.css'
import './layerJump.css'
import type { ChangeEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Pacing } from '../../store'
import {
  PACINGS,
  SPEEDS,
  isSpeed,
  selectCurrentEvent,
  selectEventCount,
  selectPacing,
  selectPlaybackActions,
  selectPlayhead,
  selectSeek,
  selectSetPacing,
  selectSpeed,
  selectRevealLimit,
  selectTrace,
  useStore,
} from '../../store'
import { formatMs } from '../format'
import { totalMs } from '../model/groups'
import { nextLayerIndex, previousLayerIndex } from '../playback/layers'
import { PROPORTIONAL_STRETCH } from '../playback/pacing'
import { Icon } from './icons'
import { PlayButton, RestartButton, StepBackButton, StepForwardButton } from './PlaybackButtons'
import { PlayheadSlider } from './PlayheadSlider'

const speedLabel = (speed: number): string => `${speed}×`

const PACING_LABELS: Record<Pacing, string> = {
  dilated: 'Readable',
  proportional: 'Proportional',
}

const PACING_HINTS: Record<Pacing, string> = {
  dilated: 'Every step stays long enough to read; slow steps a little longer',
  proportional: `Real time, ${PROPORTIONAL_STRETCH}× slower: 1 ms lasts ${PROPORTIONAL_STRETCH / 1000} s`,
}

function Progress() {
  const playhead = useStore(selectPlayhead)
  const count = useStore(selectEventCount)
  const event = useStore(selectCurrentEvent)
  const trace = useStore(selectTrace)
  // The whole journey's time would hint at a waiting lesson answer: it shows once answered.
  const limited = useStore(selectRevealLimit) !== null
  return (
    <p className="progress-text">
      {event && trace ? (
        <>
          <span>
            Step <strong>{playhead + 1}</strong> / {count}
          </span>
          <span>
            at <strong>{formatMs(event.at)}</strong>
            {limited ? null : ` of ${formatMs(totalMs(trace.events))}`}
          </span>
        </>
      ) : (
        <span>No trace yet: press “Send request”</span>
      )}
    </p>
  )
}

/** Jumps to the previous or next layer the journey passes (DNS, TCP, each middleware…). */
const useLayerJumps = () => {
  const seek = useStore(selectSeek)
  return {
    previous: () => {
      const { trace, playhead } = useStore.getState()
      if (trace) seek(previousLayerIndex(trace.events, playhead))
    },
    next: () => {
      const { trace, playhead } = useStore.getState()
      if (trace) seek(nextLayerIndex(trace.events, playhead))
    },
  }
}

/** Playback: buttons, the playhead slider, speed and pacing. The same actions are on the keyboard. */
export function Controls() {
  const { setSpeed } = useStore(useShallow(selectPlaybackActions))
  const speed = useStore(selectSpeed)
  const pacing = useStore(selectPacing)
  const setPacing = useStore(selectSetPacing)
  const count = useStore(selectEventCount)
  const layers = useLayerJumps()
  const noTrace = count === 0

  const onSpeed = (e: ChangeEvent<HTMLSelectElement>) => {
    const value = Number(e.target.value)
    if (isSpeed(value)) setSpeed(value)
  }

  return (
    <div className="controls" role="group" aria-label="Playback" data-testid="playback">
      <div className="controls-buttons">
        <RestartButton />
        <button
          type="button"
          className="button button-icon button-layer"
          onClick={layers.previous}
          disabled={noTrace}
          aria-label="Previous layer"
          aria-keyshortcuts="Shift+ArrowLeft ["
          data-tip="Jump back to the previous layer (Shift+← or [)"
        >
          <Icon name="previousLayer" />
          <span aria-hidden="true">Layer</span>
        </button>
        <StepBackButton />
        <PlayButton />
        <StepForwardButton />
        <button
          type="button"
          className="button button-icon button-layer"
          onClick={layers.next}
          disabled={noTrace}
          aria-label="Next layer"
          aria-keyshortcuts="Shift+ArrowRight ]"
          data-tip="Jump on to the next layer (Shift+→ or ])"
        >
          <span aria-hidden="true">Layer</span>
          <Icon name="nextLayer" />
        </button>
      </div>
      <div className="playhead">
        <PlayheadSlider />
        <Progress />
      </div>
      <div className="controls-prefs">
        <label className="field">
          <span>Speed</span>
          <select value={speed} onChange={onSpeed}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" title={PACING_HINTS[pacing]}>
          <span>Pacing</span>
          <select value={pacing} onChange={(e) => setPacing(e.target.value as Pacing)}>
            {PACINGS.map((p) => (
              <option key={p} value={p} title={PACING_HINTS[p]}>
                {PACING_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  )
}
