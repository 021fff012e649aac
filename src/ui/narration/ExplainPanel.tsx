/** Explanation panel: what this step means. Loaded lazily: it is not part of the first paint. */
export default function ExplainPanel() {
  return (
    <section className="panel" aria-label="Explanation">
      <h2>Explanation</h2>
    </section>
  )
}
