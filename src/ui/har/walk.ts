import type { CuratedScenario, RequestSpec, Trace } from '../../engine'
import { parseRequestSpec, scenarios, simulate } from '../../engine'
import type { MeasuredEntry } from '../../har'
import { MASK, maskEntry, phasesOfTrace } from '../../har'

/** What the browser or HTTP/2 adds by itself: not part of the request the model's client sends. */
const NOT_SENT =
  /^(:|host$|content-length$|connection$|keep-alive$|upgrade$|te$|transfer-encoding$)/i

/** A real request as the model can take it: what was sent, and what came back if known. */
export interface Asked {
  readonly method: string
  /** The path and query as sent (`/api/users?page=2`). */
  readonly target: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** The status the real server answered; `null` when unknown (a curl command) or it failed. */
  readonly status: number | null
}

export type Nearest =
  { readonly ok: true; readonly asked: Asked } | { readonly ok: false; readonly message: string }

/**
 * The entry as the model can send it: its method, path, query, headers and body, secrets masked
 * (a walk can end up in a link) as the word `masked`, which any header accepts.
 */
export const askedOfEntry = (entry: MeasuredEntry): Nearest => {
  const masked = maskEntry(entry)
  let target: URL
  try {
    target = new URL(masked.url.replaceAll(MASK, 'masked'))
  } catch {
    return { ok: false, message: `The entry's URL (${masked.url}) cannot be read.` }
  }
  if (target.protocol === 'ws:' || target.protocol === 'wss:')
    return { ok: false, message: 'A WebSocket: the model walks HTTP requests only.' }
  const headers: Record<string, string> = {}
  for (const h of masked.request.headers) {
    const name = h.name.toLowerCase()
    if (NOT_SENT.test(name)) continue
    const value = h.value.replaceAll(MASK, 'masked')
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  const body = masked.request.postData?.text?.replaceAll(MASK, 'masked')
  return {
    ok: true,
    asked: {
      method: masked.method,
      target: `${target.pathname}${target.search}`,
      headers,
      ...(body ? { body } : {}),
      status: entry.status,
    },
  }
}

/** A curl command's request (already parsed) as the model can take it: no status is known. */
export const askedOfCurl = (spec: RequestSpec): Asked => {
  const url = new URL(spec.url)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    if (!NOT_SENT.test(name)) headers[name.toLowerCase()] = value
  return {
    method: spec.method,
    target: `${url.pathname}${url.search}`,
    headers,
    ...(spec.body ? { body: spec.body } : {}),
    status: null,
  }
}

export interface Walk {
  /** The curated scenario whose app the request was walked on. */
  readonly scenario: CuratedScenario
  readonly request: RequestSpec
  readonly url: string
  readonly trace: Trace
  /** The model's phases, in ms, to set beside the measured ones. */
  readonly phases: ReturnType<typeof phasesOfTrace>
  /**
   * The status set beside the real one: the first redirect's when the real one was a redirect
   * (the model's browser then follows it), else the final one; the error code of a failure.
   */
  readonly status: number | string
  /** Whether the request's own path was walked, or the scenario's (the real path is no route there). */
  readonly pathKept: boolean
  /** Why this scenario, in one sentence for the reader. */
  readonly why: string
}

/**
 * What kind of answer a status is, for finding the nearest scenario: its family (2xx, 4xx…),
 * except that a 304 (use your cached copy) is no redirect, though both are 3xx.
 */
const family = (status: number) => (status === 304 ? 304 : Math.floor(status / 100))

/**
 * The status the walk answered: its first redirect's when the real request was a redirect (the
 * model's browser follows it, as a HAR file writes each hop as an entry of its own), else the
 * final one.
 */
const statusOf = (trace: Trace, asked: number | null = null): number | null => {
  if (asked !== null && family(asked) === 3) {
    const hop = trace.events.find((e) => e.type === 'client:redirect')
    if (hop?.type === 'client:redirect') return hop.data.status
  }
  return trace.response?.status ?? null
}

/** Whether a walk answers like the real request did (same status family), or plausibly if unknown. */
const fits = (trace: Trace, status: number | null) => {
  const got = statusOf(trace, status)
  if (got === null) return false
  return status === null ? got < 400 : family(got) === family(status)
}

/** Curated scenarios that end in an HTTP status, nearest first: same method, same status family. */
const ranked = (asked: Asked): CuratedScenario[] => {
  const score = (c: CuratedScenario) =>
    (c.request.method === asked.method ? 4 : 0) +
    (asked.status !== null && c.expectedStatus !== null
      ? family(c.expectedStatus) === family(asked.status)
        ? 3
        : 0
      : c.expectedStatus !== null && c.expectedStatus < 400
        ? 1
        : 0)
  return scenarios
    .filter((c) => c.expectedStatus !== null)
    .map((c, i) => ({ c, i, s: score(c) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map(({ c }) => c)
}

/** How many scenarios are tried before the nearest by method and status is taken as it is. */
const TRIES = 8

const walkOn = (c: CuratedScenario, asked: Asked, url: string) => {
  const request = parseRequestSpec({
    method: asked.method,
    url,
    headers: asked.headers,
    ...(asked.body ? { body: asked.body } : {}),
  })
  return { request, trace: simulate({ scenario: c.scenario, request, seed: 1 }) }
}

/**
 * The nearest scenario for a real request, walked from a cold browser: among the curated
 * scenarios, the first (same method and status family first) whose app answers the request's own
 * method, path, headers and body in the same status family as the real server did (for a curl
 * command, with a success); failing that, the same request on the scenario's own path. Everything
 * the walk holds is the model's, inferred: only what was asked comes from the user.
 */
export const nearestWalk = (asked: Asked): Walk | { readonly message: string } => {
  const candidates = ranked(asked)
  let first: Walk | null = null
  try {
    for (const c of candidates.slice(0, TRIES)) {
      const origin = new URL(c.request.url).origin
      const own = `${origin}${asked.target}`
      const mine = walkOn(c, asked, own)
      const walk = (w: typeof mine, url: string, pathKept: boolean): Walk => ({
        scenario: c,
        request: w.request,
        url,
        trace: w.trace,
        status: statusOf(w.trace, asked.status) ?? w.trace.error?.code ?? '—',
        phases: phasesOfTrace(w.trace),
        pathKept,
        why: whyOf(c, asked, w.trace, pathKept),
      })
      first ??= walk(mine, own, true)
      if (fits(mine.trace, asked.status)) return walk(mine, own, true)
      const theirs = walkOn(c, asked, c.request.url)
      if (fits(theirs.trace, asked.status)) return walk(theirs, c.request.url, false)
    }
  } catch (error) {
    return {
      message: `The model cannot send this request: ${error instanceof Error ? error.message : String(error)}.`,
    }
  }
  return first ?? { message: 'No scenario of the model can take this request.' }
}

const whyOf = (c: CuratedScenario, asked: Asked, trace: Trace, pathKept: boolean): string => {
  const got = statusOf(trace, asked.status)
  const answered = got === null ? 'fails below HTTP' : `answers ${got}`
  const like =
    asked.status === null
      ? ''
      : got !== null && family(got) === family(asked.status)
        ? got === asked.status
          ? `, as your server did`
          : `, in the same family as your ${asked.status}`
        : `, not like your ${asked.status}: no scenario of the model answers that way`
  const path = pathKept
    ? ''
    : ` Your path ${asked.target} is no route of that app, so the walk uses its own ${new URL(c.request.url).pathname}.`
  return `Nearest scenario: “${c.title}”. Its app ${answered} to your ${asked.method}${like}.${path}`
}

/** The entry walked through the nearest scenario's app from a cold browser: all of it inferred. */
export const walkInModel = (entry: MeasuredEntry): Walk | { readonly message: string } => {
  const asked = askedOfEntry(entry)
  return asked.ok ? nearestWalk(asked.asked) : { message: asked.message }
}
