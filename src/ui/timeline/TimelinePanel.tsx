/** Timeline panel: where the time went, phase by phase. Loaded lazily: it is not part of the first paint. */
export default function TimelinePanel() {
  return (
    <section className="panel" aria-label="Timeline">
      <h2>Timeline</h2>
    </section>
  )
}
