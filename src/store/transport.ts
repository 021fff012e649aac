import type { SimulateInput, Trace } from '../engine'

/**
 * How the store gets a trace for a request. main.tsx injects the real one (a `fetch()` answered
 * by the msw service worker, or in-process where no worker can run); tests inject a fake.
 */
export interface Transport {
  /** `service-worker`: a real fetch the browser's DevTools can see. `in-process`: the fallback. */
  readonly mode: 'service-worker' | 'in-process'
  /** One line for the UI when the fallback is in use (why the worker could not start). */
  readonly notice?: string
  send(input: SimulateInput): Promise<Trace>
}
