import { selectSending, selectTrace, useStore } from '../../store'
import { Welcome } from './explain/Welcome'

/**
 * The Explain tab while its panel (with every layer's texts) loads: before any trace it is the
 * same welcome the panel shows, so the page's largest text paints with the first screen instead
 * of after the panel's chunk.
 */
export function ExplainFallback() {
  const sending = useStore(selectSending)
  const trace = useStore(selectTrace)
  return trace ? (
    <p className="panel-message panel-loading">Loading…</p>
  ) : (
    <Welcome sending={sending} />
  )
}
