import type { SimulateInput, Trace } from '../engine'
import { serverTiming, simulate } from '../engine'

/** The request header that ties a real fetch to the simulation input waiting for it. */
export const RUN_HEADER = 'x-roundtrip-run'

/** Simulation inputs waiting for their fetch, and the traces their handler produced. */
export interface RunRegistry {
  readonly inputs: Map<string, SimulateInput>
  readonly traces: Map<string, Trace>
}

export const createRegistry = (): RunRegistry => ({ inputs: new Map(), traces: new Map() })

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])

/** `Server-Timing: proxy;dur=0.31;desc="Reverse proxy", …` from the trace's server-side stages. */
export const serverTimingHeader = (trace: Trace): string =>
  serverTiming(trace)
    .map((entry) => `${entry.name};dur=${entry.ms};desc="${entry.description}"`)
    .join(', ')

/** The trace's response as a real `Response` the browser (and its DevTools) can see. */
export const toResponse = (trace: Trace): Response => {
  // A network failure has no HTTP response at all: fetch() rejects, as it would for real.
  if (!trace.response) return Response.error()
  const { status, statusText, headers, body } = trace.response
  const real = new Headers()
  for (const [name, value] of Object.entries(headers)) {
    // The simulated body is the decoded text: a real Content-Encoding would make the browser
    // try to gunzip it, and the length would no longer match.
    if (name === 'content-encoding' || name === 'content-length') continue
    try {
      real.append(name, value)
    } catch {
      // A value the Fetch API refuses stays in the trace; the real response simply omits it.
    }
  }
  const timing = serverTimingHeader(trace)
  if (timing) real.set('server-timing', timing)
  return new Response(NULL_BODY_STATUS.has(status) ? null : body, {
    status,
    statusText,
    headers: real,
  })
}

/**
 * The one handler, shared by the service worker path (wrapped by msw) and the in-process
 * fallback: a request carrying the run header is answered by `simulate()`; for anything else
 * (the app's own assets) it returns `null` and the request goes to the network untouched.
 */
export const answerRequest = (registry: RunRegistry, request: Request): Response | null => {
  const id = request.headers.get(RUN_HEADER)
  const input = id === null ? undefined : registry.inputs.get(id)
  if (id === null || input === undefined) return null
  registry.inputs.delete(id)
  const trace = simulate(input)
  registry.traces.set(id, trace)
  return toResponse(trace)
}
