/** Network close-up panel: the DNS, TCP and TLS messages, one by one. Loaded lazily: it is not part of the first paint. */
export default function NetworkPanel() {
  return (
    <section className="panel" aria-label="Network close-up">
      <h2>Network close-up</h2>
    </section>
  )
}
