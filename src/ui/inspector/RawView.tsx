import { useMemo } from 'react'
import { rawRequest, rawResponse } from '../../engine'
import { capText, formatBytes } from './body'
import { ShowAll } from './BodyView'
import type { HeaderChange, InspectorView } from './model'
import { wireBytes } from './model'

const GUTTER = { added: '+', changed: '~', removed: '−' } as const

/** The line break HTTP/1.1 requires, drawn faintly so students see it without it being read out. */
function Crlf() {
  return (
    <span className="crlf" aria-hidden="true">
      CRLF
    </span>
  )
}

/** The message as bytes on an HTTP/1.1 connection: start line, headers, blank line, body. */
export function RawView({
  view,
  expanded,
  onShowAll,
}: {
  view: InspectorView
  expanded: boolean
  onShowAll: () => void
}) {
  const { shown, diff } = view
  const raw = useMemo(
    () => (shown.kind === 'request' ? rawRequest(shown.message) : rawResponse(shown.message)),
    [shown],
  )
  const split = raw.indexOf('\r\n\r\n')
  const lines = raw.slice(0, split).split('\r\n')
  const body = raw.slice(split + 4)
  const { shown: visible, hidden } = expanded ? { shown: body, hidden: 0 } : capText(body)
  const names = Object.keys(shown.message.headers)
  const marks = new Map<string, HeaderChange['kind']>(
    diff && !diff.created ? diff.headers.map((c) => [c.name, c.kind]) : [],
  )
  const encoding = shown.message.headers['content-encoding']

  return (
    <section className="inspector-block raw-block" aria-label="Raw HTTP">
      <p className="block-meta">
        Every line ends in <span className="crlf crlf-key">CRLF</span> (carriage return, line feed);
        an empty line ends the headers.
        {shown.message.httpVersion === 'HTTP/2'
          ? ' HTTP/2 sends the same fields as binary frames; shown here as HTTP/1.1 text.'
          : ''}
        {encoding
          ? ` Body shown decoded: on the wire it is ${formatBytes(wireBytes(shown.message))} of ${encoding}.`
          : ''}
      </p>
      <pre className="code raw" data-testid="raw-text">
        <code>
          {lines.map((line, i) => {
            // Line 0 is the start line; header lines follow in the message's own order.
            const kind =
              i === 0 ? (diff?.startLine ? 'changed' : undefined) : marks.get(names[i - 1] ?? '')
            return (
              <span className="raw-line" data-change={kind} key={i}>
                <span className="raw-gutter" aria-hidden="true">
                  {kind ? GUTTER[kind] : ' '}
                </span>
                {line}
                <Crlf />
                {'\n'}
              </span>
            )
          })}
          <span className="raw-line raw-blank">
            <span className="raw-gutter" aria-hidden="true">
              {' '}
            </span>
            <Crlf />
            <span className="raw-blank-note" aria-hidden="true">
              end of headers
            </span>
            {'\n'}
          </span>
          {visible ? (
            <span className="raw-body">{visible}</span>
          ) : (
            <span className="raw-empty">(no body)</span>
          )}
        </code>
      </pre>
      {hidden > 0 ? <ShowAll hidden={hidden} total={body.length} onShowAll={onShowAll} /> : null}
    </section>
  )
}
