import type { RefObject } from 'react'
import { useCallback, useEffect, useRef } from 'react'

/** What the page load's keys do: step, jump, play. */
export interface PageStepMoves {
  /** → */
  readonly forward: () => void
  /** ← */
  readonly back: () => void
  /** Home */
  readonly first: () => void
  /** End */
  readonly last: () => void
  /** Space, unless a button has the focus (Space presses it). */
  readonly togglePlay: () => void
}

/** The parts of a key event the keys read: a DOM event or React's. */
type StepKeyEvent = Pick<
  KeyboardEvent,
  'key' | 'target' | 'altKey' | 'ctrlKey' | 'metaKey' | 'preventDefault'
>

const isField = (target: EventTarget) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLSelectElement ||
  target instanceof HTMLTextAreaElement

/**
 * The page load's stepping keys, as the journey's: → and ← step, Home and End jump, Space plays.
 * Keys typed into a field (a radio choice, the scrubber) and keys with a modifier are left alone.
 * Returns the handler, for an element's `onKeyDown`; given `listenOn`, it also listens on the
 * dialog around that element (or the element itself), so the keys work from anywhere in it.
 */
export function usePageStepKeys(
  moves: PageStepMoves,
  listenOn?: RefObject<HTMLElement | null>,
): (e: StepKeyEvent) => void {
  const latest = useRef(moves)
  latest.current = moves
  const onKeyDown = useCallback((e: StepKeyEvent) => {
    if (!e.target || isField(e.target) || e.altKey || e.ctrlKey || e.metaKey) return
    const m = latest.current
    const move = (
      { ArrowRight: m.forward, ArrowLeft: m.back, Home: m.first, End: m.last } as Record<
        string,
        (() => void) | undefined
      >
    )[e.key]
    if (move) {
      e.preventDefault()
      move()
    } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault()
      m.togglePlay()
    }
  }, [])

  useEffect(() => {
    const element = listenOn?.current
    const root: HTMLElement | null | undefined = element?.closest('dialog') ?? element
    if (!root) return
    const listener = (e: KeyboardEvent) => onKeyDown(e)
    root.addEventListener('keydown', listener)
    return () => root.removeEventListener('keydown', listener)
    // The element is there from the first render on; the handler never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return onKeyDown
}
