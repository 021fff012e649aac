import type { PageRequest, PageTrace } from '../../engine'
import { formatMs } from '../format'
import { PROTOCOL_NAMES, segmentsOf } from './model'

interface Props {
  readonly page: PageTrace
  readonly request: PageRequest
  /** Opens its single-request journey (the full app); absent in the widget. */
  readonly onOpen: ((id: string) => void) | undefined
  /** Lets the request go; absent where the choice is only shown (the presenter's copy). */
  readonly onClear?: () => void
}

/**
 * The request chosen in the waterfall, in words: where it went, on which connection and stream,
 * who asked for it and where its time went. A link and the presenter window keep the choice.
 */
export function ChosenRequest({ page, request: r, onOpen, onClear }: Props) {
  const by = page.requests.find((x) => x.id === r.initiator)
  return (
    <section className="pl-chosen" aria-label={`Chosen request: ${r.name}`}>
      <h4>
        {r.name} <span className="pl-note">{r.id}</span>
      </h4>
      <p>
        {r.method} {r.url}: {r.status === null ? 'failed below HTTP' : r.status} over{' '}
        {PROTOCOL_NAMES[r.protocol]} on {r.connection}
        {r.stream === undefined ? '' : `, stream ${r.stream}`}; asked for by{' '}
        {by ? by.name : 'you (the address bar)'}
        {r.cdn ? `; CDN ${r.cdn.cache}, Age ${r.cdn.ageSeconds} s` : ''}.
      </p>
      <p className="pl-note">
        {segmentsOf(r)
          .map((s) => `${s.label} ${formatMs(s.to - s.from)}`)
          .join(' · ')}
        {r.phases.blocked > 0 ? ` · ${formatMs(r.phases.blocked)} lost to retransmissions` : ''}
        {` · total ${formatMs(r.end - r.start)}`}
      </p>
      {onOpen || onClear ? (
        <div className="pl-chosen-actions">
          {onOpen ? (
            <button type="button" className="button button-primary" onClick={() => onOpen(r.id)}>
              Open its journey
            </button>
          ) : null}
          {onClear ? (
            <button type="button" className="button" onClick={onClear}>
              Let go
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
