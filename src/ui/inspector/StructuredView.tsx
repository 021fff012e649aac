import { useId } from 'react'
import { displayHeaderName } from '../../engine'
import { BodyView } from './BodyView'
import type { HeaderChange, InspectorView } from './model'
import { startLineOf } from './model'
import { ChangeBadge, OriginName } from './parts'

function HeadersTable({ view }: { view: InspectorView }) {
  const { shown, diff, origins } = view
  // A new message is all "added": the summary says so once instead of marking every row.
  const marks = diff && !diff.created && diff.headers.length > 0 ? diff.headers : null
  const changeOf = new Map<string, HeaderChange>((marks ?? []).map((c) => [c.name, c]))
  const removed = (marks ?? []).filter((c) => c.kind === 'removed')
  const entries = Object.entries(shown.message.headers)
  const titleId = useId()

  return (
    <section className="inspector-block" aria-labelledby={titleId}>
      <div className="block-head">
        <h3 className="inspector-subtitle" id={titleId}>
          Headers
        </h3>
        <p className="block-meta">
          {entries.length === 0
            ? 'none yet'
            : `${entries.length} ${entries.length === 1 ? 'header' : 'headers'}`}
        </p>
      </div>
      {entries.length === 0 && removed.length === 0 ? (
        <p className="body-empty">
          No headers yet: the browser adds Host, User-Agent and the rest when it builds the request.
        </p>
      ) : (
        <table className="headers-table">
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Value</th>
              <th scope="col">Set by</th>
              {marks ? <th scope="col">This step</th> : null}
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, value]) => {
              const change = changeOf.get(name)
              const origin = origins[name]
              return (
                <tr key={name} data-change={change?.kind}>
                  <th scope="row">
                    <code>{displayHeaderName(name)}</code>
                  </th>
                  <td className="header-value">
                    <code>{value}</code>
                    {change?.kind === 'changed' ? (
                      <span className="was">
                        was <code>{change.before}</code>
                      </span>
                    ) : null}
                  </td>
                  <td className="header-origin">
                    {origin ? (
                      <>
                        <OriginName origin={origin.setBy} />
                        {origin.changedBy.map((by) => (
                          <span className="changed-by" key={by.seq}>
                            changed by <OriginName origin={by} />
                          </span>
                        ))}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  {marks ? <td>{change ? <ChangeBadge kind={change.kind} /> : null}</td> : null}
                </tr>
              )
            })}
            {removed.map((change) => (
              <tr key={change.name} data-change="removed">
                <th scope="row">
                  <del>
                    <code>{displayHeaderName(change.name)}</code>
                  </del>
                </th>
                <td className="header-value">
                  <del>
                    <code>{change.kind === 'removed' ? change.before : ''}</code>
                  </del>
                </td>
                <td className="header-origin">—</td>
                <td>
                  <ChangeBadge kind="removed" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Start line, headers with where each came from, and the body: the message taken apart. */
export function StructuredView({
  view,
  expanded,
  onShowAll,
}: {
  view: InspectorView
  expanded: boolean
  onShowAll: () => void
}) {
  const { shown, diff } = view
  const titleId = useId()
  return (
    <div className="structured">
      <section className="inspector-block" aria-labelledby={titleId}>
        <div className="block-head">
          <h3 className="inspector-subtitle" id={titleId}>
            {shown.kind === 'request' ? 'Request line' : 'Status line'}
          </h3>
          {diff?.startLine ? <ChangeBadge kind="changed" /> : null}
        </div>
        <p className="start-line">
          <code data-testid="start-line">{startLineOf(shown)}</code>
          {diff?.startLine ? (
            <span className="was">
              was <code>{diff.startLine.before}</code>
            </span>
          ) : null}
        </p>
      </section>
      <HeadersTable view={view} />
      <BodyView
        shown={shown}
        method={view.event.request.method}
        expanded={expanded}
        onShowAll={onShowAll}
      />
    </div>
  )
}
