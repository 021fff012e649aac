import { useShallow } from 'zustand/react/shallow'
import { selectNotices, useStore } from '../../store'

/** One-line messages: a link that could not be honoured, the in-page fallback, a failed send. */
export function Notices() {
  const { scenarioNotice, transportNotice, transportError, sendError } = useStore(
    useShallow(selectNotices),
  )
  // A send refused for the draft (an App change re-running it, say) while the Request tab,
  // which says so itself, is not showing.
  const refused = useStore((s) =>
    s.sendRefusals > 0 && s.detailTab !== 'request'
      ? `Not sent: the request in the Request tab has ${s.draftErrors === 1 ? 'a field' : `${s.draftErrors} fields`} to fix first.`
      : null,
  )
  const errors = [transportError, sendError, refused].filter(Boolean)
  const notes = [scenarioNotice, transportNotice].filter(Boolean)
  if (errors.length === 0 && notes.length === 0) return null
  return (
    <div className="notices">
      {errors.map((text) => (
        <p key={text} className="notice notice-error" role="alert">
          <span className="notice-icon" aria-hidden="true">
            !
          </span>
          {text}
        </p>
      ))}
      {notes.map((text) => (
        <p key={text} className="notice">
          <span className="notice-icon" aria-hidden="true">
            i
          </span>
          {text}
        </p>
      ))}
    </div>
  )
}
