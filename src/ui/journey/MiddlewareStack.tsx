import { useMemo } from 'react'
import { EventList } from './EventList'
import type { IndexedEvent, MiddlewareBlock } from '../model/groups'

interface Props {
  readonly blocks: readonly MiddlewareBlock[]
  readonly playhead: number
  readonly currentStage: string | null
  /** Whether the request got past every middleware into the app (router and view). */
  readonly core: 'reached' | 'pending' | 'skipped'
  readonly depth?: number
}

interface Split {
  readonly inbound: IndexedEvent[]
  readonly outbound: IndexedEvent[]
}

const split = (events: readonly IndexedEvent[]): Split => ({
  inbound: events.filter(({ event }) => event.direction === 'request'),
  outbound: events.filter(({ event }) => event.direction === 'response'),
})

const lit = (items: readonly IndexedEvent[], playhead: number): boolean =>
  items.some((item) => item.index <= playhead)

/**
 * The middleware as an onion: each ring wraps the next, outermost first, as configured. A ring's
 * inbound steps sit before the ring it wraps and its outbound steps after it, so reading the
 * rings in order reads the trace in time order: in through each ring, back out in reverse.
 */
export function MiddlewareStack({ blocks, playhead, currentStage, core, depth = 0 }: Props) {
  const [outer, ...inner] = blocks
  const parts = useMemo(() => split(outer?.events ?? []), [outer])
  if (!outer) {
    if (depth === 0) return <p className="band-about">No middleware in this app.</p>
    return (
      <div className="mw-core" data-state={core}>
        app
        <span className="sr-only">
          {core === 'skipped'
            ? ' (not reached: a middleware answered first)'
            : ' (the router and your code, inside every middleware)'}
        </span>
      </div>
    )
  }
  const short = outer.shortName
  return (
    <div
      className="mw-block"
      data-depth={depth}
      data-current={outer.stage === currentStage ? 'true' : undefined}
      data-in={lit(parts.inbound, playhead) ? 'lit' : undefined}
      data-out={lit(parts.outbound, playhead) ? 'lit' : undefined}
    >
      <span className="mw-name" title={`${depth + 1}. ${outer.name}`}>
        <span className="mw-index" aria-hidden="true">
          {depth + 1}
        </span>
        <span className="mw-name-full">{outer.name}</span>
        {short !== outer.name ? (
          <span className="mw-name-short" aria-hidden="true">
            {short}
          </span>
        ) : null}
      </span>
      <EventList items={parts.inbound} playhead={playhead} />
      <MiddlewareStack
        blocks={inner}
        playhead={playhead}
        currentStage={currentStage}
        core={core}
        depth={depth + 1}
      />
      <EventList items={parts.outbound} playhead={playhead} />
    </div>
  )
}
