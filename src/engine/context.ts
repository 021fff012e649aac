import type { ConnectionState } from './model/connection'
import type { Direction, EventPayloads, EventType, TraceEvent } from './model/events'
import type { HttpRequest, HttpResponse } from './model/http'
import type { LayerId } from './model/layers'
import type { NetworkProfile } from './model/network'
import type { StageId } from './model/stages'
import type { JsonValue, RouteSpec, Scenario } from './model/scenario'
import type { Millis } from './model/time'
import { ms } from './model/time'
import type { Rng } from './rng'

/** The rest of the onion, from the next stage inward. */
export type Next = (request: HttpRequest) => HttpResponse

/**
 * One layer of the onion. `run` emits its inbound events, then either calls `next` or answers
 * itself (a short-circuit), then emits its outbound events — like Starlette's
 * `dispatch(request, call_next)` or a Django middleware's `get_response`.
 */
export interface Stage {
  readonly id: StageId
  readonly layer: LayerId
  run(ctx: SimContext, request: HttpRequest, next: Next): HttpResponse
}

/** A failure below HTTP (DNS, TCP, TLS): no status code exists, the trace ends in an error. */
export class NetworkFailure extends Error {
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'NetworkFailure'
    this.code = code
  }
}

/**
 * A Python exception raised inside the app (the view, a dependency, a middleware). It unwinds
 * outward through the layers, skipping their outbound code, until error-handling middleware
 * catches it; failing that, the server stage answers with the framework's default 500.
 */
export class AppException extends Error {
  /** The Python class, e.g. `KeyError`. */
  readonly exception: string
  /** `str(e)`. */
  readonly detail: string
  readonly traceback: readonly string[]
  /** The stage that raised it, e.g. `handler`. */
  readonly raisedBy: string
  constructor(exception: string, detail: string, traceback: readonly string[], raisedBy: string) {
    super(`${exception}: ${detail}`)
    this.name = 'AppException'
    this.exception = exception
    this.detail = detail
    this.traceback = traceback
    this.raisedBy = raisedBy
  }
}

/** Who the authentication middleware decided is calling. */
export interface AuthenticatedUser {
  readonly name: string
  readonly roles: readonly string[]
  readonly via: 'bearer' | 'session'
}

/** The session the session middleware loaded; the view replaces it when it writes. */
export interface SessionState {
  readonly data: Readonly<Record<string, JsonValue>>
  /** The Django session key (database store); absent for a signed-cookie session. */
  readonly key?: string
  /** Set when the view wrote to it, so the middleware saves it and sends Set-Cookie. */
  readonly modified: boolean
  /** Set when something read it (Django then adds `Vary: Cookie`). */
  readonly accessed?: boolean
}

/** What validation handed the view: typed path parameters, query and parsed body. */
export interface ViewInput {
  readonly query: Readonly<Record<string, JsonValue>>
  readonly body: JsonValue | undefined
}

interface RouteMatch {
  readonly route: RouteSpec
  readonly params: Readonly<Record<string, string | number>>
}

interface EmitInput<K extends EventType> {
  readonly type: K
  readonly direction: Direction
  readonly title: string
  readonly duration: number
  readonly request: HttpRequest
  readonly response?: HttpResponse
  readonly data: EventPayloads[K]
}

/** What every stage shares during one `simulate` call. Only the engine mutates it. */
export class SimContext {
  readonly events: TraceEvent[] = []
  private clock = 0
  /** Set by the router for the layers inside it. */
  match: RouteMatch | undefined
  /** Set by authentication middleware for the layers inside it. */
  user: AuthenticatedUser | undefined
  /** Loaded by session middleware; the view may replace it. */
  session: SessionState | undefined
  /** Set by the validation stage for the view. */
  input: ViewInput | undefined
  /** Where the browser's memory (DNS cache, open connections) stands as the trace runs. */
  connection: ConnectionState
  /** Virtual time of the previous request's end; the trace's own clock starts at 0. */
  readonly base: number

  constructor(
    readonly scenario: Scenario,
    readonly network: NetworkProfile,
    readonly rng: Rng,
    connection: ConnectionState,
  ) {
    this.connection = connection
    this.base = connection.now
  }

  now(): Millis {
    return ms(this.clock)
  }

  /** Real-world durations vary; ±10 % from the seeded RNG keeps traces lifelike and reproducible. */
  vary(duration: number): number {
    return duration * (0.9 + 0.2 * this.rng.next())
  }

  /** Records an event starting now and advances the clock by its duration. */
  emit<K extends EventType>(stage: Stage, input: EmitInput<K>): void {
    const duration = ms(Math.max(0, input.duration))
    // One literal in a fixed key order gives every event the same shape; spreading `input`
    // made V8 build a new hidden class per payload, which was most of simulate's time.
    const event = {
      seq: this.events.length,
      at: ms(this.clock),
      duration,
      layer: stage.layer,
      stage: stage.id,
      direction: input.direction,
      type: input.type,
      title: input.title,
      request: input.request,
      response: input.response,
      data: input.data,
    } as unknown as TraceEvent
    this.events.push(event)
    this.clock += duration
  }
}
