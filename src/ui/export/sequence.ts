import type { RequestSpec, Trace, TraceEvent } from '../../engine'
import { middlewareKindOf } from '../../engine'
import { groupInfo, groupOf, layerName, tripsOf } from '../model/groups'
import { MIDDLEWARE_INFO, middlewareAt } from '../model/middleware'

/** What every export starts from: the trace on screen and what it was made from. */
export interface ExportInput {
  /** The scenario's title, e.g. "Fetch a user". */
  readonly title: string
  readonly request: RequestSpec
  readonly trace: Trace
}

/** "Middleware · Logging", "Network · DNS", "Handler": the layer an event belongs to, in words. */
export const layerLabel = (event: TraceEvent): string => {
  const group = groupInfo(groupOf(event.layer))
  if (group.id === 'network') return `${group.label} · ${layerName(event.layer)}`
  const middleware = middlewareAt(event.stage)
  if (middleware) return `${group.label} · ${middleware.name}`
  return group.label
}

/** Milliseconds with one decimal, e.g. "12.3 ms" (virtual time, as the timeline shows it). */
export const ms = (value: number): string => `${value.toFixed(1)} ms`

export const totalOf = (trace: Trace): number => {
  const first = trace.events[0]
  const last = trace.events.at(-1)
  return first && last ? last.at + last.duration - first.at : 0
}

export const requestLineOf = (request: RequestSpec): string => `${request.method} ${request.url}`

/** "200 OK", or the network error's code and message when no HTTP response exists. */
export const outcomeOf = (trace: Trace): string =>
  trace.response
    ? `${trace.response.status} ${trace.response.statusText}`.trim()
    : trace.error
      ? `${trace.error.code}: ${trace.error.message}`
      : 'no answer'

/**
 * The event where the final answer was made: the first step back of the last round trip (a
 * short-circuit's layer, or the handler), or for a network failure the last layer reached.
 */
export const answeringEvent = (trace: Trace): TraceEvent | undefined => {
  const trip = tripsOf(trace.events, !trace.response).at(-1)
  if (!trip || trip.turn === null) return undefined
  return trip.failed ? trace.events[Math.max(trip.start, trip.turn - 1)] : trace.events[trip.turn]
}

// ─── the sequence diagram model (Mermaid and SVG draw the same one) ────────────────────────────

export interface Participant {
  /** A plain identifier, safe in Mermaid. */
  readonly id: string
  readonly label: string
  /** The CSS custom property of its layer's hue, e.g. `--hue-proxy`. */
  readonly hue: string
}

export type SequenceItem =
  | {
      readonly kind: 'arrow'
      readonly from: string
      readonly to: string
      /** The response on its way back: drawn dashed. */
      readonly back: boolean
      readonly event: TraceEvent
    }
  | { readonly kind: 'note'; readonly over: string; readonly event: TraceEvent }

export interface Sequence {
  readonly participants: readonly Participant[]
  readonly items: readonly SequenceItem[]
}

const ORDER = ['client', 'dns', 'proxy', 'server', 'middleware', 'router', 'validation', 'handler']

/** Handshake steps the other side sends back to the browser. */
const FROM_PEER = new Set([
  'dns:answer',
  'dns:nxdomain',
  'tcp:syn-ack',
  'tcp:refused',
  'tls:server-hello',
  'tls:alert',
])
/** Handshake-layer steps that happen inside the browser (caches, reuse, checks). */
const IN_BROWSER = new Set([
  'dns:cache-miss',
  'dns:cache-hit',
  'tcp:reuse',
  'tcp:idle-closed',
  'tls:reuse',
  'tls:certificate',
])

const participantOf = (event: TraceEvent): Participant => {
  if (event.layer === 'client') return { id: 'client', label: 'Browser', hue: '--hue-client' }
  if (event.layer === 'dns') return { id: 'dns', label: 'DNS', hue: '--hue-network' }
  if (event.layer === 'tcp' || event.layer === 'tls' || event.layer === 'proxy')
    return { id: 'proxy', label: 'Proxy', hue: '--hue-proxy' }
  const kind = middlewareKindOf(event.stage)
  if (kind) {
    const { name, hue } = MIDDLEWARE_INFO[kind]
    return { id: `mw_${kind}`, label: name, hue }
  }
  const group = groupInfo(groupOf(event.layer))
  return { id: group.id, label: group.label, hue: `--hue-${group.id}` }
}

const rank = (p: Participant): number => {
  const i = ORDER.indexOf(p.id.startsWith('mw_') ? 'middleware' : p.id)
  return i < 0 ? ORDER.length : i
}

/**
 * The trace as a sequence diagram: who talks to whom, in order. A step at a new participant is an
 * arrow from the previous one (dashed on the way back); a step where the request already is, a
 * note. DNS, TCP and TLS steps are exchanges between the browser and the resolver or the proxy.
 */
export const sequenceOf = (trace: Trace): Sequence => {
  const seen = new Map<string, { p: Participant; first: number }>()
  const items: SequenceItem[] = []
  let at = 'client'
  trace.events.forEach((event, index) => {
    let p = participantOf(event)
    const handshake = event.layer === 'dns' || event.layer === 'tcp' || event.layer === 'tls'
    if (handshake && (IN_BROWSER.has(event.type) || event.direction === 'response'))
      p = participantOf({ ...event, layer: 'client' })
    if (!seen.has(p.id)) seen.set(p.id, { p, first: index })
    if (handshake && FROM_PEER.has(event.type)) {
      if (!seen.has('client'))
        seen.set('client', { p: participantOf({ ...event, layer: 'client' }), first: index })
      items.push({ kind: 'arrow', from: p.id, to: 'client', back: true, event })
      at = 'client'
      return
    }
    const from = handshake && p.id !== 'client' ? 'client' : at
    if (from === p.id) items.push({ kind: 'note', over: p.id, event })
    else items.push({ kind: 'arrow', from, to: p.id, back: event.direction === 'response', event })
    at = p.id
  })
  const participants = [...seen.values()]
    .sort((a, b) => rank(a.p) - rank(b.p) || a.first - b.first)
    .map(({ p }) => p)
  return { participants, items }
}
