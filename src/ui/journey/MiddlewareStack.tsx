import { EventList } from './EventList'
import type { MiddlewareBlock } from './groups'

interface Props {
  readonly blocks: readonly MiddlewareBlock[]
  readonly playhead: number
  readonly currentStage: string | null
  readonly depth?: number
}

/** The middleware as an onion: each block wraps the next, outermost first, as configured. */
export function MiddlewareStack({ blocks, playhead, currentStage, depth = 0 }: Props) {
  const [outer, ...inner] = blocks
  if (!outer) return depth === 0 ? <p className="band-about">No middleware in this app.</p> : null
  return (
    <div
      className="mw-block"
      data-depth={depth}
      data-current={outer.stage === currentStage ? 'true' : undefined}
    >
      <div className="mw-head">
        <span className="mw-name">
          <span className="mw-index">{depth + 1}</span>
          {outer.name}
        </span>
        <EventList items={outer.events} playhead={playhead} />
      </div>
      {inner.length > 0 ? (
        <MiddlewareStack
          blocks={inner}
          playhead={playhead}
          currentStage={currentStage}
          depth={depth + 1}
        />
      ) : null}
    </div>
  )
}
