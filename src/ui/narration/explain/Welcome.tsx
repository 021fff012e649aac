import './explain.css'

/** What the panel says before any trace: how to use the app, in four steps. */
export function Welcome({ sending }: { sending: boolean }) {
  return (
    <section className="explain explain-welcome" aria-label="Explanation">
      <h2 className="explain-title">Follow one request, layer by layer</h2>
      <p className="explain-lead">
        A request passes DNS, TCP, TLS, a reverse proxy, the app server, middleware, the router,
        validation and your view, then travels back. Step through it and read what each step means.
      </p>
      <ol className="explain-steps">
        <li>
          <span>
            <strong>Pick a scenario</strong> at the top: a normal request, a 404, a slow database…
          </span>
        </li>
        <li>
          <span>
            <strong>Press “Send request”.</strong> The whole journey is recorded at once.
          </span>
        </li>
        <li>
          <span>
            <strong>Step</strong> with <kbd>→</kbd> and <kbd>←</kbd>, or play with <kbd>Space</kbd>.
            Before each step, predict which layer acts next and how long it takes.
          </span>
        </li>
        <li>
          <span>
            <strong>Choose the explanation depth:</strong> Simple for the analogy, Standard for what
            happens and why, Deep for protocol and framework detail.
          </span>
        </li>
      </ol>
      {sending ? <p className="explain-sending">Sending the request…</p> : null}
    </section>
  )
}
