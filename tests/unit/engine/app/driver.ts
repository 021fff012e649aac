import type {
  EventOf,
  EventType,
  HttpMethod,
  MiddlewareSpec,
  RouteSpec,
  Scenario,
  Trace,
  TraceEvent,
} from '../../../../src/engine'
import { simulate } from '../../../../src/engine'
import { demoApp } from '../../../../src/engine/scenarios/demoApp'

export const API = 'https://api.example.com'

/** The demo app with a different framework, middleware or extra routes. */
export const app = (
  changes: {
    framework?: Scenario['framework']
    middleware?: MiddlewareSpec[]
    routes?: RouteSpec[]
  } = {},
): Scenario => ({
  ...demoApp,
  ...(changes.framework ? { framework: changes.framework } : {}),
  middleware: changes.middleware ?? demoApp.middleware,
  routes: [...demoApp.routes, ...(changes.routes ?? [])],
})

/** A route whose view returns `{ ok: true }` unless told otherwise. */
export const route = (
  methods: HttpMethod[],
  pattern: string,
  extra: Omit<Partial<RouteSpec>, 'handler'> & { handler?: Partial<RouteSpec['handler']> } = {},
): RouteSpec => ({
  methods,
  pattern,
  endpoint: 'view',
  ...extra,
  handler: {
    kind: 'json',
    status: 200,
    body: { ok: true },
    queries: [],
    computeMs: 1,
    ...extra.handler,
  },
})

/** Sends one request through the whole onion. */
export const send = (
  scenario: Scenario,
  method: HttpMethod,
  path: string,
  options: { headers?: Record<string, string>; body?: string; seed?: number } = {},
): Trace =>
  simulate({
    scenario,
    request: {
      method,
      url: API + path,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
    },
    seed: options.seed ?? 1,
  })

const APP_LAYERS = ['server', 'middleware', 'router', 'validation', 'handler']

/** The app side of the trace as `[stage, direction, type]`, the clearest statement of the onion. */
export const appLog = (trace: Trace): [string, string, string][] =>
  trace.events
    .filter((e) => APP_LAYERS.includes(e.layer))
    .map((e) => [e.stage, e.direction, e.type])

export const types = (trace: Trace): string[] => trace.events.map((e) => e.type)

/** The first event of a type, typed, or a failed test. */
export const find = <K extends EventType>(trace: Trace, type: K): EventOf<K> => {
  const event = trace.events.find((e): e is EventOf<K> => e.type === type)
  if (!event) throw new Error(`no ${type} event in [${types(trace).join(', ')}]`)
  return event
}

/** Stage ids in order for one direction, consecutive repeats folded. */
export const stagePath = (trace: Trace, direction: 'request' | 'response'): string[] =>
  trace.events
    .filter((e: TraceEvent) => e.direction === direction)
    .map((e) => e.stage)
    .filter((stage, i, all) => stage !== all[i - 1])

/** Stages that never touch a response, so they emit nothing on the way out. */
const NO_OUTBOUND = ['dns', 'router', 'validation']

/** The onion property: the way out is the way in, reversed, minus set-up-only stages. */
export const expectOnion = (trace: Trace): { inbound: string[]; outbound: string[] } => {
  const inbound = stagePath(trace, 'request').filter((s) => !NO_OUTBOUND.includes(s))
  const outbound = stagePath(trace, 'response').filter((s) => !NO_OUTBOUND.includes(s))
  return { inbound: [...inbound].reverse(), outbound }
}

export const body = (trace: Trace): unknown => JSON.parse(trace.response?.body ?? 'null')
