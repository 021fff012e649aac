import { formatMs } from '../format'
import type { Breakdown as BreakdownData } from './phases'
import { formatPercent } from './phases'

interface Props {
  readonly breakdown: BreakdownData
  /** While predicting: the answer waits for the last step. */
  readonly hidden: boolean
}

/**
 * "Where did the time go": the whole request split into parts, largest first, with the one
 * sentence that says what it means (usually: not your view's own code).
 */
export function Breakdown({ breakdown, hidden }: Props) {
  const { shares, biggest, finding } = breakdown
  return (
    <section className="tl-breakdown">
      <h3 className="tl-breakdown-title">Where did the time go?</h3>
      {hidden ? (
        <p className="tl-predict">
          Predict first: which part of the journey takes the longest? The answer appears at the last
          step.
        </p>
      ) : (
        <>
          <p className="tl-finding">{finding}</p>
          <div className="tl-stack" aria-hidden="true">
            {shares.map((share) => (
              <span
                key={share.id}
                className="tl-stack-part"
                data-tone={share.tone}
                style={{ flexGrow: share.ms }}
              />
            ))}
          </div>
          <ol className="tl-shares" aria-label="Share of the total, largest first">
            {shares.map((share) => (
              <li
                key={share.id}
                className="tl-share"
                data-tone={share.tone}
                data-share={share.id}
                data-percent={share.percent}
              >
                <span className="tl-swatch" aria-hidden="true" />
                <span className="tl-share-name">
                  {share.label}
                  {share.what ? <span className="tl-share-what">({share.what})</span> : null}
                  {share.id === biggest?.id ? (
                    <span className="tl-tag tl-tag-big">biggest share</span>
                  ) : null}
                  {share.id === 'view' ? (
                    <span className="tl-tag tl-tag-view">your code</span>
                  ) : null}
                </span>
                <span className="tl-share-bar" aria-hidden="true">
                  <span style={{ width: `${(share.ms / breakdown.total) * 100}%` }} />
                </span>
                <span className="tl-share-ms">{formatMs(share.ms)}</span>
                <span className="tl-share-pct">{formatPercent(share)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
