import type { ReactNode, Ref } from 'react'
import { useEffect, useRef } from 'react'
import { formatMs } from '../format'
import type { GroupInfo, IndexedEvent } from './groups'
import { sumMs } from './groups'

export type BandState = 'idle' | 'pending' | 'visited' | 'skipped'

interface Props {
  readonly info: GroupInfo
  readonly items: readonly IndexedEvent[]
  readonly current: boolean
  readonly state: BandState
  /** Set on the band where the response started its way back. */
  readonly turnedHere: boolean
  readonly laneRef: Ref<HTMLDivElement>
  /** Extra content under the band's name (the client's "Send request"). */
  readonly action?: ReactNode
  readonly children: ReactNode
}

/** One band of the diagram: number and name, the packet's lane, and what happened here. */
export function LayerGroup(props: Props) {
  const { info, items, current, state, turnedHere, laneRef, action, children } = props
  const self = useRef<HTMLElement>(null)

  // On a small screen the current band may be below the fold: bring it into view, gently.
  useEffect(() => {
    const band = self.current
    if (!current || !band || typeof band.scrollIntoView !== 'function') return
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
    band.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' })
  }, [current])

  return (
    <section
      ref={self}
      role="group"
      aria-label={info.label}
      aria-current={current ? 'step' : undefined}
      className="band"
      data-group={info.id}
      data-state={state}
    >
      <div className="band-label">
        <span className="band-num" aria-hidden="true">
          {info.number}
        </span>
        <h2 className="band-name">{info.label}</h2>
        {action}
      </div>
      <div className="band-lane" ref={laneRef} aria-hidden="true">
        <span className="station" data-turn={turnedHere ? 'true' : undefined}>
          {turnedHere ? '↩' : null}
        </span>
      </div>
      <div className="band-body">{children}</div>
      <p className="band-total">
        {items.length > 0 ? (
          <>
            <span className="sr-only">Time in this layer: </span>
            {formatMs(sumMs(items))}
          </>
        ) : null}
      </p>
    </section>
  )
}
