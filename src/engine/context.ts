import type { ConnectionState } from './model/connection'
import type { Direction, EventPayloads, EventType, TraceEvent } from './model/events'
import type { HttpRequest, HttpResponse } from './model/http'
import type { LayerId } from './model/layers'
import type { NetworkProfile } from './model/network'
import type { RouteSpec, Scenario } from './model/scenario'
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
  readonly id: string
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

export interface RouteMatch {
  readonly route: RouteSpec
  readonly params: Readonly<Record<string, string | number>>
}

export interface EmitInput<K extends EventType> {
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
    const event = {
      ...input,
      seq: this.events.length,
      at: ms(this.clock),
      duration,
      layer: stage.layer,
      stage: stage.id,
    } as unknown as TraceEvent
    this.events.push(event)
    this.clock += duration
  }
}
