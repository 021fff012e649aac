import type { SimulateInput, Trace } from '../engine'
import type { Transport } from '../store/transport'
import type { RunRegistry } from './handlers'
import { RUN_HEADER, answerRequest, createRegistry } from './handlers'

const WORKER_START_TIMEOUT_MS = 5000

let nextRun = 0

/** The real request the browser sends for a simulation input (what DevTools will show). */
export const toRequest = (input: SimulateInput, runId: string): Request => {
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
  return new Request(spec.url, {
    method: spec.method,
    headers,
    body: canHaveBody && spec.body ? spec.body : null,
    redirect: 'manual',
    credentials: 'omit',
    cache: 'no-store',
  })
}

/** Sends `input` through `deliver` and returns the trace its handler recorded. */
const sendVia =
  (registry: RunRegistry, deliver: (request: Request) => Promise<Response | undefined>) =>
  async (input: SimulateInput): Promise<Trace> => {
    const runId = `run-${++nextRun}`
    registry.inputs.set(runId, input)
    try {
      const response = await deliver(toRequest(input, runId)).catch((error: unknown) => {
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

/** Why a service worker cannot run here, or `null` when it may. */
const serviceWorkerBlocker = (): string | null => {
  try {
    if (location.protocol === 'file:') return 'pages opened from a file cannot use a service worker'
    if (!window.isSecureContext) return 'this page is not served over HTTPS or localhost'
    if (!('serviceWorker' in navigator)) return 'this browser offers no service worker here'
    // Frames sandboxed without allow-same-origin have an opaque origin: storage access throws.
    void window.localStorage
    void navigator.serviceWorker.controller
    return null
  } catch {
    return 'this frame is sandboxed, so it cannot register a service worker'
  }
}

const inProcess = (registry: RunRegistry, reason: string): Transport => ({
  mode: 'in-process',
  notice: `Simulated in the page (${reason}); the request will not appear in DevTools' Network panel.`,
  send: sendVia(registry, async (request) => {
    const response = answerRequest(registry, request)
    // Response.error() stands for a network failure, as fetch() would report it.
    if (response?.type === 'error') throw new TypeError('Failed to fetch')
    return response ?? undefined
  }),
})

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
  const blocker = serviceWorkerBlocker()
  if (blocker) return inProcess(registry, blocker)
  try {
    const { startWorker } = await import('./worker')
    await withTimeout(startWorker(registry), WORKER_START_TIMEOUT_MS)
    return { mode: 'service-worker', send: sendVia(registry, (request) => fetch(request)) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the service worker failed to start'
    return inProcess(registry, reason)
  }
}
