import { useShallow } from 'zustand/react/shallow'
import { selectNotices, useStore } from '../../store'

/** One-line messages: a link that could not be honoured, the in-page fallback, a failed send. */
export function Notices() {
  const { scenarioNotice, transportNotice, transportError, sendError } = useStore(
    useShallow(selectNotices),
  )
  const errors = [transportError, sendError].filter(Boolean)
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
