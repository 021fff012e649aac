import type { EventOf, EventType, LayerId, TraceEvent } from '../../../engine'
import { displayHeaderName, target } from '../../../engine'
import { formatMs } from '../../format'
import type { ExplainContext } from './types'

/** Wraps a value as code; a stray backtick inside would break the markup, so it becomes a quote. */
export const code = (value: string | number): string => `\`${String(value).replace(/`/g, "'")}\``

/** "a", "a and b", "a, b and c". */
export const list = (items: readonly string[], last = 'and'): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`

export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`

/** `X-Forwarded-For`, `Content-Encoding`: header names as people write them, as code. */
export const headerList = (names: readonly string[]): string =>
  list(names.map((name) => code(displayHeaderName(name))))

export const ms = formatMs

/** Long waits read better in seconds: "4.2 s" rather than "4194 ms". */
export const wait = (value: number): string =>
  value >= 1000 ? `${Number((value / 1000).toFixed(1))} s` : formatMs(value)

/** Seconds for people: "45 s", "5 min", "2 h". */
export const seconds = (value: number): string => {
  if (value >= 3600 && value % 3600 === 0) return `${value / 3600} h`
  if (value >= 120 && value % 60 === 0) return `${value / 60} min`
  return `${value} s`
}

export const bytes = (value: number): string => plural(value, 'byte')

/** A share as a whole percentage, never "0%" for a real part nor "100%" for less than all. */
export const percent = (part: number, whole: number): string => {
  if (whole <= 0) return '0%'
  const share = (part / whole) * 100
  if (share > 0 && share < 1) return 'under 1%'
  if (share < 100 && share > 99) return 'over 99%'
  return `${Math.round(share)}%`
}

/** "GET /users/42": the method and target the request carries at this event. */
export const requestLine = (event: TraceEvent): string =>
  `${event.request.method} ${target(event.request)}`

/** The first event of a type anywhere in the trace (the server's name, the framework…). */
export const find = <K extends EventType>(ctx: ExplainContext, type: K): EventOf<K> | undefined =>
  ctx.events.find((e): e is EventOf<K> => e.type === type)

/** The nearest earlier event of a type, e.g. the middleware's own entry before its exit. */
export const findBefore = <K extends EventType>(
  ctx: ExplainContext,
  type: K,
  match: (event: EventOf<K>) => boolean = () => true,
): EventOf<K> | undefined => {
  for (let i = ctx.index - 1; i >= 0; i--) {
    const event = ctx.events[i]
    if (event && event.type === type && match(event as EventOf<K>)) return event as EventOf<K>
  }
  return undefined
}

/** From the first event's start to the last event's end: what the user waited. */
export const traceMs = (ctx: ExplainContext): number => {
  const first = ctx.events[0]
  const last = ctx.events.at(-1)
  return first && last ? last.at + last.duration - first.at : 0
}

/** Time spent in an unbroken run of one layer's events, up to and including the current one. */
export const runMs = (ctx: ExplainContext, layer: LayerId): number => {
  let sum = 0
  for (let i = ctx.index; i >= 0; i--) {
    const event = ctx.events[i]
    if (!event || event.layer !== layer) break
    sum += event.duration
  }
  return sum
}

/** "Flask", "Django", "FastAPI", or a neutral word when the trace never reached the app. */
export const frameworkOf = (ctx: ExplainContext): string =>
  find(ctx, 'server:request-object')?.data.framework ?? 'the framework'

/** The reverse proxy's name ("nginx"), from the trace. */
export const proxyOf = (ctx: ExplainContext): string =>
  find(ctx, 'proxy:receive')?.data.software ?? 'the reverse proxy'

/** The longest single step of the trace: where the time actually went. */
export const slowestEvent = (ctx: ExplainContext): TraceEvent | undefined =>
  ctx.events.reduce<TraceEvent | undefined>(
    (slowest, event) => (!slowest || event.duration > slowest.duration ? event : slowest),
    undefined,
  )

/** The status of the response as it stands at this event, if there is one. */
export const statusAt = (event: TraceEvent): string =>
  event.response ? `${event.response.status} ${event.response.statusText}` : 'the response'

/** Capitalises a sentence fragment that starts with a variable word. */
export const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
