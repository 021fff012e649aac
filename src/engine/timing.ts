import type { LayerId } from './model/layers'
import { middlewareKindOf } from './model/stages'
import type { Trace } from './model/trace'

export interface ServerTimingEntry {
  /** A Server-Timing metric name, e.g. `proxy` or `mw-logging`. */
  readonly name: string
  readonly description: string
  readonly ms: number
}

const SERVER_SIDE: readonly LayerId[] = [
  'proxy',
  'server',
  'middleware',
  'router',
  'validation',
  'handler',
]
const DESCRIPTIONS: Partial<Record<LayerId, string>> = {
  proxy: 'Reverse proxy',
  server: 'App server',
  router: 'Router',
  validation: 'Validation',
  handler: 'Handler',
}

/**
 * Time each server-side stage spent, in trace order, for a `Server-Timing` header. Network time
 * to and from the proxy is not server time, so `proxy:receive` and `proxy:send` are left out.
 */
export const serverTiming = (trace: Trace): ServerTimingEntry[] => {
  const totals = new Map<string, ServerTimingEntry>()
  for (const event of trace.events) {
    if (!SERVER_SIDE.includes(event.layer)) continue
    if (event.type === 'proxy:receive' || event.type === 'proxy:send') continue
    const kind = middlewareKindOf(event.stage)
    const name = kind ? `mw-${kind}` : event.stage
    const description = DESCRIPTIONS[event.layer] ?? `Middleware: ${kind ?? event.stage}`
    const previous = totals.get(name)
    totals.set(name, { name, description, ms: (previous?.ms ?? 0) + event.duration })
  }
  return [...totals.values()].map((entry) => ({ ...entry, ms: Math.round(entry.ms * 1000) / 1000 }))
}
