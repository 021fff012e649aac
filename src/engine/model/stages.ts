import type { LayerId } from './layers'
import type { MiddlewareKind } from './middlewareKinds'
import { MIDDLEWARE_KINDS } from './middlewareKinds'

/** A configured middleware's stage, e.g. `middleware:logging`. */
export type MiddlewareStageId = `middleware:${MiddlewareKind}`

/**
 * The onion stage that emitted an event: a layer's own id (`proxy`, `router`), or in the
 * middleware layer, which middleware (`middleware:logging`), one stage a configured kind.
 */
export type StageId = Exclude<LayerId, 'middleware'> | MiddlewareStageId

const PREFIX = 'middleware:'

/** The stage of a middleware kind: `logging` → `middleware:logging`. */
export const middlewareStageId = (kind: MiddlewareKind): MiddlewareStageId => `${PREFIX}${kind}`

/** The middleware kind a stage id names (`middleware:auth` → `auth`); `null` for any other id. */
export const middlewareKindOf = (stage: string): MiddlewareKind | null => {
  if (!stage.startsWith(PREFIX)) return null
  const kind = stage.slice(PREFIX.length)
  return MIDDLEWARE_KINDS.find((k) => k === kind) ?? null
}
