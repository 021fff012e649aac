import summary from './conformance.json'
import { VERSIONS } from './versions'

interface Totals {
  readonly ran: number
  readonly matched: number
  readonly skipped: number
}

const checked = (t: Totals): string =>
  `${t.matched} of ${t.ran} behave as on real servers` +
  (t.skipped
    ? ` (${t.skipped} more cannot run on one machine: DNS and certificate faults, a cache hit, a crash)`
    : '')

/**
 * What the model follows and how it was checked: the versions it models and the last run of
 * the conformance suite (npm run conformance), which writes ./conformance.json.
 */
export function ModelTruth() {
  const own = summary.own as Totals
  const other = summary.other as (Totals & { date: string }) | null
  return (
    <section aria-labelledby="model-truth-title" className="model-truth">
      <h3 id="model-truth-title" className="dialog-sub">
        How true it is
      </h3>
      <p>
        Roundtrip models nginx {VERSIONS.nginx}, gunicorn {VERSIONS.gunicorn} and uvicorn{' '}
        {VERSIONS.uvicorn} in front of Flask {VERSIONS.flask} (Werkzeug {VERSIONS.werkzeug}), Django{' '}
        {VERSIONS.django} and FastAPI {VERSIONS.fastapi} (Starlette {VERSIONS.starlette}, pydantic{' '}
        {VERSIONS.pydantic}) on Python {VERSIONS.python}. Older versions differ: Flask 2.2 answers a
        wrong Content-Type with 400, not 415, and pydantic 1 writes another 422 body.
      </p>
      <p>
        On <time dateTime={summary.date}>{summary.date}</time> every curated scenario’s project ran
        on those real servers behind real nginx and was compared with the simulation on status,
        reason phrase, headers and body: in its own framework, {checked(own)}.
        {other
          ? ` In the other frameworks the App tab can switch to (${other.date}): ${other.matched} of ${other.ran}.`
          : ''}{' '}
        <a href="conformance.md" target="_blank" rel="noopener">
          The full report, with every difference and its reason
        </a>
        .
      </p>
    </section>
  )
}
