import type { SimulateInput, Trace } from '../engine'
import type { Transport } from '../store/transport'
import type { ViolationWatch } from './csp'
import { CSP_NOTICES, sameOriginUrl, watchConnectViolations } from './csp'
import type { RunRegistry } from './handlers'
import { RUN_HEADER, answerRequest, createRegistry } from './handlers'
import type { WorkerEnvironment } from './storage'
import { inPageNotice, repairMswCookieStore, serviceWorkerBlocker } from './storage'

const WORKER_START_TIMEOUT_MS = 5000

let nextRun = 0

/**
 * The real request the browser sends for a simulation input (what DevTools will show).
 * `target` rewrites its URL (to the app's own origin, where a CSP refuses the simulated one).
 */
export const toRequest = (
  input: SimulateInput,
  runId: string,
  target: (url: string) => string = (url) => url,
): Request => {
  const spec = input.request ?? { method: 'GET', url: 'https://api.example.com/' }
  const headers = new Headers()
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    try {
      headers.set(name, value)
    } catch {
      // The browser refuses some headers (Host, Cookie…); the simulation still has them.
    }
  }
  headers.set(RUN_HEADER, runId)
  const canHaveBody = spec.method !== 'GET' && spec.method !== 'HEAD'
  return new Request(target(spec.url), {
    method: spec.method,
    headers,
    body: canHaveBody && spec.body ? spec.body : null,
    redirect: 'manual',
    credentials: 'omit',
    cache: 'no-store',
  })
}

type Deliver = (input: SimulateInput, runId: string) => Promise<Response | undefined>

/** Sends `input` through `deliver` and returns the trace its handler recorded. */
const sendVia =
  (registry: RunRegistry, deliver: Deliver) =>
  async (input: SimulateInput): Promise<Trace> => {
    const runId = `run-${++nextRun}`
    registry.inputs.set(runId, input)
    try {
      const response = await deliver(input, runId).catch((error: unknown) => {
        // A simulated network failure reaches the page as a real failed fetch.
        if (registry.traces.get(runId)?.error) return undefined
        throw error
      })
      const trace = registry.traces.get(runId)
      if (!trace) throw new Error('The request was not answered by the simulation handler')
      if (response && response.type !== 'opaqueredirect' && trace.response) {
        const body = await response.text()
        if (response.status !== trace.response.status || body !== trace.response.body)
          throw new Error(
            `The browser received ${response.status}, the trace says ${trace.response.status}`,
          )
      }
      return trace
    } finally {
      registry.inputs.delete(runId)
      registry.traces.delete(runId)
    }
  }

/** The shared handler, run in the page: what the service worker would have answered. */
const answerInPage = async (registry: RunRegistry, request: Request) => {
  const response = answerRequest(registry, request)
  // Response.error() stands for a network failure, as fetch() would report it.
  if (response?.type === 'error') throw new TypeError('Failed to fetch')
  return response ?? undefined
}

const inProcess = (registry: RunRegistry, reason: string): Transport => ({
  mode: 'in-process',
  notice: inPageNotice(reason),
  send: sendVia(registry, (input, runId) => answerInPage(registry, toRequest(input, runId))),
})

interface WorkerTransportOptions {
  readonly registry: RunRegistry
  /** The page's `connect-src` violations, watched since before the first send. */
  readonly violations: ViolationWatch
  /** The app's own address (`document.baseURI`), where the same-origin requests go. */
  readonly base: string
  /** Stops the worker: called once the page simulates in itself. */
  readonly stop: () => void
  /** The real fetch (tests pass their own). */
  readonly send?: (request: Request) => Promise<Response>
}

/**
 * The worker's transport: each request is a real `fetch()` to the simulated origin. Where the
 * page's CSP refuses that (a `connect-src` violation, then a failed fetch the handler never saw),
 * it switches, for the rest of the page's life, to the same request on the app's own origin,
 * which `connect-src 'self'` allows and the worker answers just the same (still in DevTools);
 * where the CSP refuses that too, to the handler in the page. The blocked request is retried at
 * once, so the press of "Send request" that found out still works.
 */
export const workerTransport = ({
  registry,
  violations,
  base,
  stop,
  send = (request) => fetch(request),
}: WorkerTransportOptions): Transport => {
  let route: 'direct' | 'same-origin' | 'in-page' = 'direct'
  const listeners = new Set<() => void>()
  const moveTo = (next: typeof route) => {
    if (route === next) return
    route = next
    // A CSP that refuses the page's own origin refuses it to the worker too (it is served with
    // the same headers), so the worker could no longer fetch the app's own files for the page:
    // stopped, it lets the browser load them itself.
    if (next === 'in-page') stop()
    for (const listener of listeners) listener()
  }
  const deliver: Deliver = async (input, runId) => {
    const tried = route
    if (tried === 'in-page') return answerInPage(registry, toRequest(input, runId))
    const seen = violations.count()
    const target = tried === 'same-origin' ? (url: string) => sameOriginUrl(url, base) : undefined
    try {
      return await send(toRequest(input, runId, target))
    } catch (error) {
      // Answered by the handler (a simulated network failure), or refused for another reason.
      if (!registry.inputs.has(runId) || !(await violations.after(seen))) throw error
      // Another request in flight may have found out first: move on from where this one was.
      if (route === tried) moveTo(tried === 'direct' ? 'same-origin' : 'in-page')
      return deliver(input, runId)
    }
  }
  return {
    get mode() {
      return route === 'in-page' ? 'in-process' : 'service-worker'
    },
    get notice() {
      if (route === 'same-origin') return CSP_NOTICES.sameOrigin
      return route === 'in-page' ? CSP_NOTICES.inPage : undefined
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    send: sendVia(registry, deliver),
  }
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('the service worker did not start in time')), ms),
    ),
  ])

/**
 * Starts the msw service worker so each request is a real `fetch()` the browser's DevTools can
 * see; where no worker can run, the same handler runs in the page instead.
 */
export const startTransport = async (): Promise<Transport> => {
  const registry = createRegistry()
  // globalThis, not window: where there is no window at all (Node), the blocker says so.
  const blocker = serviceWorkerBlocker(globalThis as unknown as WorkerEnvironment)
  if (blocker) return inProcess(registry, blocker)
  // Listening from now on: a refused fetch reports its violation on the document.
  const violations = watchConnectViolations(document)
  if (repairMswCookieStore(window))
    console.info('Roundtrip removed an unreadable __msw-cookie-store__ entry before starting msw.')
  try {
    const { startWorker } = await import('./worker')
    const stop = await withTimeout(startWorker(registry), WORKER_START_TIMEOUT_MS)
    return workerTransport({ registry, violations, base: document.baseURI, stop })
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the service worker failed to start'
    return inProcess(registry, reason)
  }
}
