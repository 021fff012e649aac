/** Inspector panel: the request or response as it stands at this step. Loaded lazily: it is not part of the first paint. */
export default function InspectorPanel() {
  return (
    <section className="panel" aria-label="Inspector">
      <h2>Inspector</h2>
    </section>
  )
}
