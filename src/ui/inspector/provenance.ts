import type { Headers, LayerId, StageId, Trace, TraceEvent } from '../../engine'
import { middlewareAt } from '../model/middleware'

/** Which of the two messages of a round trip. */
export type MessageKind = 'request' | 'response'

/** A stage that touched a header, named for people ("nginx", "Compression middleware"). */
export interface Origin {
  /** The event (index in the trace) whose snapshot first shows the header or its new value. */
  readonly seq: number
  readonly stage: StageId
  readonly layer: LayerId
  readonly who: string
}

/** Where a header of the current message came from: who set it, then who changed its value. */
export interface HeaderOrigin {
  readonly setBy: Origin
  readonly changedBy: readonly Origin[]
}

/**
 * The first and last event of the round trip holding `index`: a followed redirect starts a new
 * trip at its own `client:parse-url`, and the messages of one trip never leak into the next.
 */
export const roundTrip = (
  events: readonly TraceEvent[],
  index: number,
): { first: number; last: number } => {
  let first = index
  while (first > 0 && events[first]?.type !== 'client:parse-url') first--
  let last = index
  while (last + 1 < events.length && events[last + 1]?.type !== 'client:parse-url') last++
  return { first, last }
}

/** Software names as this trip's own events report them, so labels say "nginx", not "proxy". */
const softwareIn = (events: readonly TraceEvent[], first: number, last: number) => {
  let proxy: string | null = null
  let server: string | null = null
  let endpoint: string | null = null
  for (let i = first; i <= last; i++) {
    const event = events[i]
    if (!event) continue
    if (event.type === 'proxy:receive' || event.type === 'proxy:send') proxy ??= event.data.software
    else if (event.type === 'server:parse' || event.type === 'server:write')
      server ??= event.data.software
    else if (event.type === 'handler:call' || event.type === 'router:match')
      endpoint ??= event.data.endpoint
  }
  return { proxy, server, endpoint }
}

/** A short name for the stage behind `event`, as a student would say it. */
export const whoOf = (trace: Trace, event: TraceEvent): string => {
  const { first, last } = roundTrip(trace.events, event.seq)
  const names = softwareIn(trace.events, first, last)
  const middleware = middlewareAt(event.stage)
  if (middleware) return `${middleware.name} middleware`
  switch (event.layer) {
    case 'client':
      if (event.type === 'client:parse-url')
        return event.data.hop === 0 ? 'Request as written' : 'Browser (redirect)'
      if (event.type === 'client:attach-cookies') return 'Browser (cookie jar)'
      if (event.type.startsWith('client:cache')) return 'Browser (HTTP cache)'
      return 'Browser'
    case 'dns':
      return 'DNS'
    case 'tcp':
      return 'TCP'
    case 'tls':
      return 'TLS'
    case 'proxy':
      return names.proxy ?? 'Reverse proxy'
    case 'server':
      return names.server ?? 'App server'
    case 'middleware':
      return 'Middleware'
    case 'router':
      return 'Router'
    case 'validation':
      return 'Validation'
    case 'handler':
      return names.endpoint ? `Handler ${names.endpoint}()` : 'Handler'
  }
}

const originOf = (trace: Trace, event: TraceEvent): Origin => ({
  seq: event.seq,
  stage: event.stage,
  layer: event.layer,
  who: whoOf(trace, event),
})

/** The snapshots of one message, in order: the request on the way in, the response on the way out. */
const snapshots = (
  trace: Trace,
  kind: MessageKind,
  first: number,
  upTo: number,
): { event: TraceEvent; headers: Headers }[] => {
  const out: { event: TraceEvent; headers: Headers }[] = []
  for (let i = first; i <= upTo; i++) {
    const event = trace.events[i]
    if (!event) continue
    // On the way back each layer shows the request as it saw it, not a new change to it.
    if (kind === 'request' && event.direction === 'request')
      out.push({ event, headers: event.request.headers })
    if (kind === 'response' && event.response) out.push({ event, headers: event.response.headers })
  }
  return out
}

/**
 * For every header of the message as it stands at `upTo`, the stage that set it and the stages
 * that later changed its value, found by walking the trip's snapshots in order.
 * @example headerOrigins(trace, 'response', 31)['content-encoding'].setBy.who // 'Compression middleware'
 */
export const headerOrigins = (
  trace: Trace,
  kind: MessageKind,
  upTo: number,
): Readonly<Record<string, HeaderOrigin>> => {
  const { first } = roundTrip(trace.events, upTo)
  const origins = new Map<string, { setBy: Origin; changedBy: Origin[] }>()
  let previous: Headers | null = null
  for (const { event, headers } of snapshots(trace, kind, first, upTo)) {
    if (previous === headers) continue
    for (const [name, value] of Object.entries(headers)) {
      const known = origins.get(name)
      if (!known || previous === null || !(name in previous))
        origins.set(name, { setBy: originOf(trace, event), changedBy: [] })
      else if (previous[name] !== value) known.changedBy.push(originOf(trace, event))
    }
    for (const name of origins.keys()) if (!(name in headers)) origins.delete(name)
    previous = headers
  }
  return Object.fromEntries(origins)
}
