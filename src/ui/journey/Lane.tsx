import type { ReactNode } from 'react'
import { memo } from 'react'
import type { GroupId } from '../model/groups'
import type { LaneView as View } from './lanes'

interface Props {
  readonly group: GroupId
  readonly view: View
  /** The packet, when motion is reduced and it sits still in the current band. */
  readonly children?: ReactNode
}

const LINK_GLYPH = { done: '↩', failed: '✕', ahead: '' } as const

/**
 * One band's slice of the two tracks: the request goes down the left one, the response comes
 * back up the right one (layer 7 of the course), and a U-turn joins them at the deepest band.
 * The stops are what the travelling packet measures to know where to go.
 */
function LaneSlice({ group, view, children }: Props) {
  return (
    <div className="band-lane" aria-hidden="true">
      <span className="rail rail-in rail-upper" data-state={view.inUpper} />
      <span className="rail rail-in rail-lower" data-state={view.inLower} />
      <span className="rail rail-out rail-upper" data-state={view.outUpper} />
      <span className="rail rail-out rail-lower" data-state={view.outLower} />
      {view.link ? (
        <span className="turn-link" data-state={view.link}>
          <span className="turn-glyph">{LINK_GLYPH[view.link]}</span>
        </span>
      ) : null}
      <span className="stop stop-in" data-stop="in" data-group={group} data-state={view.inStop} />
      <span
        className="stop stop-out"
        data-stop="out"
        data-group={group}
        data-state={view.outStop}
      />
      {children}
    </div>
  )
}

const sameView = (a: View, b: View): boolean =>
  (Object.keys(a) as (keyof View)[]).every((key) => a[key] === b[key])

/** Re-renders a lane only when its tracks or stops change (most steps change one or two). */
export const Lane = memo(
  LaneSlice,
  (before, after) =>
    before.group === after.group &&
    before.children === after.children &&
    sameView(before.view, after.view),
)
