import { SimContext } from '../../../../src/engine/context'
import type {
  ConnectionState,
  EventOf,
  EventType,
  HttpRequest,
  RequestSpec,
  Scenario,
  Trace,
  TraceEvent,
} from '../../../../src/engine'
import { initialConnection, networkProfile, simulate } from '../../../../src/engine'
import { createRng } from '../../../../src/engine/rng'
import { demoApp } from '../../../../src/engine/scenarios/demoApp'

export const API = 'https://api.example.com'

/** The demo app with parts of its network side replaced. */
export const app = (changes: Partial<Scenario> = {}): Scenario => ({ ...demoApp, ...changes })
export const withProxy = (changes: Partial<Scenario['proxy']>, rest: Partial<Scenario> = {}) =>
  app({ proxy: { ...demoApp.proxy, ...changes }, ...rest })
export const withTls = (changes: Partial<Scenario['tls']>, rest: Partial<Scenario> = {}) =>
  app({ tls: { ...demoApp.tls, ...changes }, ...rest })

export const get = (url: string): RequestSpec => ({ method: 'GET', url })

export const send = (
  scenario: Scenario,
  request: RequestSpec = get(`${API}/users/42`),
  connection?: ConnectionState,
  seed = 1,
): Trace => simulate({ scenario, request, seed, ...(connection ? { connection } : {}) })

/** The trace's connection with `seconds` of idle time added before the next request. */
export const later = (trace: Trace, seconds: number): ConnectionState => ({
  ...trace.connection,
  now: trace.connection.now + seconds * 1000,
})

export const types = (trace: Trace): EventType[] => trace.events.map((e) => e.type)

export const first = <K extends EventType>(trace: Trace, type: K): EventOf<K> => {
  const event = trace.events.find((e) => e.type === type)
  if (!event) throw new Error(`no ${type} event in: ${types(trace).join(', ')}`)
  return event as EventOf<K>
}

export const all = <K extends EventType>(trace: Trace, type: K): EventOf<K>[] =>
  trace.events.filter((e) => e.type === type) as EventOf<K>[]

export const end = (trace: Trace): number => {
  const last = trace.events.at(-1)
  return last ? last.at + last.duration : 0
}

export const totalOf = (trace: Trace, layer: TraceEvent['layer']): number =>
  trace.events.filter((e) => e.layer === layer).reduce((sum, e) => sum + e.duration, 0)

/** The trace cut into round trips: each starts at `client:parse-url`. */
export const roundTrips = (trace: Trace): TraceEvent[][] => {
  const trips: TraceEvent[][] = []
  for (const event of trace.events) {
    if (event.type === 'client:parse-url' || trips.length === 0) trips.push([])
    trips.at(-1)!.push(event)
  }
  return trips
}

/** Stage ids in one direction, consecutive repeats folded. */
export const stagePath = (events: TraceEvent[], direction: 'request' | 'response'): string[] =>
  events
    .filter((e) => e.direction === direction)
    .map((e) => e.stage)
    .filter((stage, i, list) => stage !== list[i - 1])

/** Stages that never touch a response, so they have no outbound events. */
const SET_UP_ONLY = ['dns', 'router', 'validation']

/**
 * The outbound path the onion promises for a round trip: it starts at the stage that answered
 * (the first outbound event), then retraces the inbound path in reverse.
 */
export const expectedReturn = (events: TraceEvent[]): string[] => {
  const answered = stagePath(events, 'response')[0]
  if (answered === undefined) return []
  const inbound = stagePath(events, 'request')
  const at = inbound.indexOf(answered)
  const outside = at < 0 ? inbound : inbound.slice(0, at)
  return [answered, ...outside.filter((stage) => !SET_UP_ONLY.includes(stage)).reverse()]
}

/** A context and request for driving one stage directly. */
export const stageHarness = (scenario: Scenario, url = `${API}/users/42`) => {
  const ctx = new SimContext(
    scenario,
    networkProfile(scenario.network),
    createRng(1),
    initialConnection(scenario),
  )
  const parsed = new URL(url)
  const request: HttpRequest = {
    method: 'GET',
    scheme: parsed.protocol === 'https:' ? 'https' : 'http',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80,
    path: parsed.pathname,
    query: parsed.search.slice(1),
    httpVersion: 'HTTP/1.1',
    headers: {},
    body: '',
  }
  return { ctx, request }
}
