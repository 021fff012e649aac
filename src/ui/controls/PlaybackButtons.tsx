/**
 * The playback buttons the contract names ("Restart", "Step back", "Play"/"Pause", "Step
 * forward"), shared by the main Controls and the embed's compact bar. Each reads its action and
 * whether there is a trace from the store; callers only choose the look.
 */
import { useShallow } from 'zustand/react/shallow'
import { selectEventCount, selectPlaybackActions, selectPlaying, useStore } from '../../store'
import { Icon } from './icons'

interface PlaybackButtonProps {
  /** Classes added after `button`. */
  readonly className?: string
  /** Wraps the visible text in a span of this class (the embed hides it on narrow frames). */
  readonly labelClassName?: string
}

const useActions = () => useStore(useShallow(selectPlaybackActions))
const useNoTrace = () => useStore(selectEventCount) === 0

const classes = (...names: (string | undefined)[]) => names.filter(Boolean).join(' ')

function Label({ text, className }: { text: string; className?: string }) {
  return className ? <span className={className}>{text}</span> : text
}

export function RestartButton() {
  const { restart } = useActions()
  const noTrace = useNoTrace()
  return (
    <button
      type="button"
      className="button button-icon"
      onClick={restart}
      disabled={noTrace}
      aria-label="Restart"
      data-tip="Restart"
    >
      <Icon name="restart" />
    </button>
  )
}

export function StepBackButton({ className, labelClassName }: PlaybackButtonProps) {
  const { stepBack } = useActions()
  const noTrace = useNoTrace()
  return (
    <button
      type="button"
      className={classes('button', className)}
      onClick={stepBack}
      disabled={noTrace}
      aria-keyshortcuts="ArrowLeft"
    >
      <Icon name="back" />
      <Label text="Step back" className={labelClassName} />
    </button>
  )
}

/** "Play" or "Pause", by whether the journey is playing. */
export function PlayButton() {
  const { togglePlay } = useActions()
  const playing = useStore(selectPlaying)
  const noTrace = useNoTrace()
  return (
    <button
      type="button"
      className="button button-play"
      onClick={togglePlay}
      disabled={noTrace}
      aria-keyshortcuts="Space"
    >
      <Icon name={playing ? 'pause' : 'play'} />
      {playing ? 'Pause' : 'Play'}
    </button>
  )
}

export function StepForwardButton({ className, labelClassName }: PlaybackButtonProps) {
  const { stepForward } = useActions()
  const noTrace = useNoTrace()
  return (
    <button
      type="button"
      className={classes('button', className)}
      onClick={stepForward}
      disabled={noTrace}
      aria-keyshortcuts="ArrowRight"
    >
      <Label text="Step forward" className={labelClassName} />
      <Icon name="forward" />
    </button>
  )
}
