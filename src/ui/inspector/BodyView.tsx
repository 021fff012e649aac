import { useId, useMemo } from 'react'
import { utf8Length } from '../../engine'
import { capText, formatBytes, formatSize, presentBody } from './body'
import type { Shown } from './model'
import { wireBytes } from './model'

const emptyLine = (shown: Shown, method: string): string => {
  if (shown.kind === 'request') return `No body (${shown.message.method} request)`
  // HEAD asks for the headers a GET would get, without the body.
  if (method === 'HEAD') return `No body (the answer to a HEAD request is headers only)`
  return `No body (${shown.message.status} ${shown.message.statusText})`
}

/** Says how much was left out and offers the rest; the rest can be large, so it is opt-in. */
export function ShowAll({
  hidden,
  total,
  onShowAll,
}: {
  hidden: number
  total: number
  onShowAll: () => void
}) {
  return (
    <p className="body-more">
      <span>
        Showing the first {formatSize(total - hidden)} of {formatSize(total)}, so the page stays
        quick.
      </span>
      <button type="button" className="button" onClick={onShowAll}>
        Show all {formatSize(total)}
      </button>
    </p>
  )
}

/** The body, shown as a developer tool would: JSON pretty-printed, HTML as source and preview. */
export function BodyView({
  shown,
  method,
  expanded,
  onShowAll,
}: {
  shown: Shown
  /** The request's method, which decides whether a response may have a body at all. */
  method: string
  expanded: boolean
  onShowAll: () => void
}) {
  const { headers, body } = shown.message
  const type = headers['content-type']
  // Keyed on the type and text, not the headers object: a step that only adds a header
  // does not re-parse a large body.
  const presentation = useMemo(
    () => presentBody(type === undefined ? {} : { 'content-type': type }, body),
    [type, body],
  )
  const { shown: visible, hidden } = useMemo(
    () => (expanded ? { shown: presentation.text, hidden: 0 } : capText(presentation.text)),
    [presentation, expanded],
  )
  const bytes = useMemo(() => utf8Length(body), [body])
  const encoding = headers['content-encoding']
  const titleId = useId()

  return (
    <section className="inspector-block" aria-labelledby={titleId}>
      <div className="block-head">
        <h3 className="inspector-subtitle" id={titleId}>
          Body
        </h3>
        {presentation.kind === 'empty' ? null : (
          <p className="block-meta">
            {type ? <code>{type}</code> : 'no Content-Type'} · {formatSize(bytes)}
            {presentation.kind === 'json' ? ' · pretty-printed' : ''}
          </p>
        )}
      </div>
      {presentation.kind === 'empty' ? (
        <p className="body-empty">{emptyLine(shown, method)}</p>
      ) : (
        <>
          {encoding ? (
            <p className="body-note">
              Shown decoded. On the wire it is {formatBytes(wireBytes(shown.message))} of {encoding}{' '}
              data, which the browser unpacks before the page sees it.
            </p>
          ) : null}
          {presentation.kind === 'html' ? (
            <div className="html-body">
              <figure className="html-pane">
                <figcaption>Preview, scripts off</figcaption>
                <iframe
                  className="html-preview"
                  sandbox=""
                  srcDoc={visible}
                  title="Preview of the HTML body, with scripts turned off"
                />
              </figure>
              <figure className="html-pane">
                <figcaption>Source</figcaption>
                <pre className="code" data-testid="html-source">
                  <code>{visible}</code>
                </pre>
              </figure>
            </div>
          ) : (
            <pre className="code" data-testid="body-text" data-kind={presentation.kind}>
              <code>{visible}</code>
            </pre>
          )}
          {hidden > 0 ? (
            <ShowAll hidden={hidden} total={presentation.text.length} onShowAll={onShowAll} />
          ) : null}
        </>
      )}
    </section>
  )
}
