import type { LayerId, TraceEvent } from '../../../engine'
import type { GroupId } from '../../model/groups'
import { groupOf } from '../../model/groups'
import { middlewareAt } from '../../model/middleware'

/** A layer as the course texts number and name it (0 Client … 6 Your code, 7 Response). */
interface CourseLayer {
  readonly number: number
  readonly name: string
  /** The part of the layer, where one layer covers several (DNS, TCP, TLS inside the network). */
  readonly part: string | null
  /** The journey band, for the layer's colour. */
  readonly group: GroupId
}

const LAYERS: Record<LayerId, Omit<CourseLayer, 'group'>> = {
  client: { number: 0, name: 'Client', part: 'the browser' },
  dns: { number: 1, name: 'Network and reverse proxy', part: 'DNS' },
  tcp: { number: 1, name: 'Network and reverse proxy', part: 'TCP' },
  tls: { number: 1, name: 'Network and reverse proxy', part: 'TLS' },
  // The layer's own name already says "reverse proxy": repeating it as the part reads as a stutter.
  proxy: { number: 1, name: 'Network and reverse proxy', part: null },
  server: { number: 2, name: 'App server', part: 'WSGI / ASGI' },
  middleware: { number: 3, name: 'Middleware', part: null },
  router: { number: 4, name: 'Router', part: null },
  validation: { number: 5, name: 'Validation and dependencies', part: null },
  handler: { number: 6, name: 'Your code', part: 'the handler' },
}

/** The course layer an event belongs to; an unknown layer (a newer engine) reads as the app server. */
export const courseLayerOf = (event: TraceEvent): CourseLayer => {
  const layer =
    (LAYERS as Partial<Record<string, Omit<CourseLayer, 'group'>>>)[event.layer] ?? LAYERS.server
  // Middleware events name their own middleware: "Logging", "Authentication".
  const part = middlewareAt(event.stage)?.name ?? layer.part
  return { ...layer, part, group: groupOf(event.layer) }
}

/** Layer 7 of the course texts: the response on its way back out. */
export const RESPONSE_LAYER = { number: 7, name: 'Response' } as const
