import type { SimulateInput, Trace } from '../engine'

/**
 * How the store gets a trace for a request. main.tsx injects the real one (a `fetch()` answered
 * by the msw service worker, or in-process where no worker can run); tests inject a fake.
 */
export interface Transport {
  /** `service-worker`: a real fetch the browser's DevTools can see. `in-process`: the fallback. */
  readonly mode: 'service-worker' | 'in-process'
  /**
   * One line for the UI when the fallback is in use (why the worker could not start), or when
   * the page's CSP made the transport take another way round.
   */
  readonly notice?: string
  /**
   * Calls `listener` when `mode` or `notice` change after start-up (a CSP found out on the first
   * send); returns the unsubscribe. Transports that never change leave it out.
   */
  subscribe?(listener: () => void): () => void
  send(input: SimulateInput): Promise<Trace>
}
