import { useId } from 'react'
import type { Trace } from '../../engine'
import { displayHeaderName } from '../../engine'
import { formatBytes } from './body'
import type { BodyChange, InspectorView } from './model'
import { ChangeBadge, OriginName } from './parts'
import { whoOf } from './provenance'

const bodyLine = (body: BodyChange): string => {
  const sizes = `${formatBytes(body.bytesBefore)} → ${formatBytes(body.bytesAfter)}`
  if (body.encodingAfter && body.encodingAfter !== body.encodingBefore) {
    const saved =
      body.bytesBefore > 0 ? Math.round((1 - body.bytesAfter / body.bytesBefore) * 100) : 0
    const share = saved > 0 ? ` (${saved}% smaller)` : ''
    return `Compressed with ${body.encodingAfter}: ${sizes}${share}`
  }
  if (body.encodingBefore && !body.encodingAfter) return `Decompressed: ${sizes}`
  if (body.textBytesAfter === 0 && body.textBytesBefore > 0)
    return `Body left out (it was ${formatBytes(body.textBytesBefore)}); only the headers are sent`
  if (!body.textChanged) return `Size on the wire: ${sizes}`
  if (body.textBytesBefore === body.textBytesAfter) return 'Body text changed, same size'
  return `Body changed: ${formatBytes(body.textBytesBefore)} → ${formatBytes(body.textBytesAfter)}`
}

/** One sentence for a step that made the message rather than changed it. */
const createdLine = (trace: Trace, view: InspectorView): string => {
  const who = whoOf(trace, view.event)
  if (view.shown.kind === 'response')
    return `${who} created this response: ${view.shown.message.status} ${view.shown.message.statusText}.`
  if (view.event.type === 'client:parse-url')
    return view.event.data.hop === 0
      ? 'The request as written, before the browser adds its own headers.'
      : 'The browser starts a new request for the redirect’s Location.'
  return `${who} created this request.`
}

/** What this step did to the travelling message: headers added, changed, removed, body re-encoded. */
export function ChangeSummary({ trace, view }: { trace: Trace; view: InspectorView }) {
  const { diff, shown } = view
  let content
  if (!diff) {
    const seen = view.seenAt
    content = (
      <p className="summary-note">
        {view.available.includes('response')
          ? 'On the way back the request no longer changes. '
          : trace.error
            ? `There is no response: ${trace.error.message}. `
            : 'There is no response at this step. '}
        {seen
          ? `This is the request as ${seen.who} saw it on the way in (step ${seen.seq + 1}).`
          : 'This is the request as it stood when it turned back.'}
      </p>
    )
  } else if (diff.created) {
    content = <p className="summary-note">{createdLine(trace, view)}</p>
  } else if (!diff.startLine && diff.headers.length === 0 && !diff.body) {
    content = <p className="summary-note">This step leaves the {shown.kind} as it was.</p>
  } else {
    content = (
      <ul className="summary-list">
        {diff.startLine ? (
          <li>
            <ChangeBadge kind="changed" />
            <span>
              {shown.kind === 'request' ? 'Request line' : 'Status line'}:{' '}
              <code>{diff.startLine.before}</code> → <code>{diff.startLine.after}</code>
            </span>
          </li>
        ) : null}
        {diff.headers.map((change) => (
          <li key={change.name}>
            <ChangeBadge kind={change.kind} />
            <span>
              <code className="summary-name">{displayHeaderName(change.name)}</code>
              {change.kind === 'added' ? (
                <>
                  : <code>{change.value}</code>
                </>
              ) : change.kind === 'changed' ? (
                <>
                  : <code>{change.before}</code> → <code>{change.after}</code>
                </>
              ) : null}
            </span>
          </li>
        ))}
        {diff.body ? (
          <li>
            <span className="change-badge" data-kind="changed">
              <span className="change-icon" aria-hidden="true">
                ⇣
              </span>
              Body
            </span>
            <span>{bodyLine(diff.body)}</span>
          </li>
        ) : null}
      </ul>
    )
  }
  const changed = diff && !diff.created && (diff.startLine || diff.headers.length || diff.body)
  const { event } = view
  const titleId = useId()
  return (
    <section className="inspector-summary" aria-labelledby={titleId}>
      <div className="block-head">
        <h3 className="inspector-subtitle" id={titleId}>
          What this step changed
        </h3>
        {changed ? (
          <p className="summary-by">
            by{' '}
            <OriginName
              origin={{
                seq: event.seq,
                stage: event.stage,
                layer: event.layer,
                who: whoOf(trace, event),
              }}
            />
          </p>
        ) : null}
      </div>
      {content}
    </section>
  )
}
