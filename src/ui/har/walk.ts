import type { RequestSpec, Scenario, Trace } from '../../engine'
import { parseRequestSpec, simulate } from '../../engine'
import type { MeasuredEntry } from '../../har'
import { MASK, maskEntry, phasesOfTrace } from '../../har'

/** What the browser or HTTP/2 adds by itself: not part of the request the model's client sends. */
const NOT_SENT =
  /^(:|host$|content-length$|connection$|keep-alive$|upgrade$|te$|transfer-encoding$)/i

export type Nearest =
  | { readonly ok: true; readonly request: RequestSpec; readonly url: string }
  | { readonly ok: false; readonly message: string }

/**
 * The nearest request the model can send: the entry's method, path, query, headers and body on
 * the model app's origin. Secrets go in masked (a walk can end up in a link), as the word
 * `masked`, which any header accepts.
 */
export const nearestRequest = (entry: MeasuredEntry, origin: string): Nearest => {
  const masked = maskEntry(entry)
  let target: URL
  try {
    target = new URL(masked.url.replaceAll(MASK, 'masked'))
  } catch {
    return { ok: false, message: `The entry's URL (${masked.url}) cannot be read.` }
  }
  if (target.protocol === 'ws:' || target.protocol === 'wss:')
    return { ok: false, message: 'A WebSocket: the model walks HTTP requests only.' }
  const url = `${origin}${target.pathname}${target.search}`
  const headers: Record<string, string> = {}
  for (const h of masked.request.headers) {
    const name = h.name.toLowerCase()
    if (NOT_SENT.test(name)) continue
    const value = h.value.replaceAll(MASK, 'masked')
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  const body = masked.request.postData?.text?.replaceAll(MASK, 'masked')
  try {
    const request = parseRequestSpec({
      method: masked.method,
      url,
      headers,
      ...(body ? { body } : {}),
    })
    return { ok: true, request, url }
  } catch (error) {
    return {
      ok: false,
      message: `The model cannot send this request: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
}

export interface Walk {
  readonly request: RequestSpec
  readonly url: string
  readonly trace: Trace
  /** The model's phases, in ms, to set beside the measured ones. */
  readonly phases: ReturnType<typeof phasesOfTrace>
}

/** The entry walked through the model's app from a cold browser: everything here is inferred. */
export const walkInModel = (
  entry: MeasuredEntry,
  scenario: Scenario,
  origin: string,
): Walk | { readonly message: string } => {
  const nearest = nearestRequest(entry, origin)
  if (!nearest.ok) return { message: nearest.message }
  const trace = simulate({ scenario, request: nearest.request, seed: 1 })
  return { request: nearest.request, url: nearest.url, trace, phases: phasesOfTrace(trace) }
}
