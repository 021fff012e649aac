/**
 * `parseScenario` and `parseRequestSpec` on mutated curated documents and arbitrary JSON: either
 * they read it (and `simulate()` then runs and gives exactly one of a response or an error) or
 * they throw `ScenarioError` naming the field; never another exception, never a polluted prototype.
 */
import fc from 'fast-check'
import { describe, expect } from 'vitest'
import type { RequestSpec, Scenario, Trace } from '../../src/engine'
import {
  ScenarioError,
  isRecord,
  parseRequestSpec,
  parseScenario,
  scenarios,
  simulate,
} from '../../src/engine'
import { POLLUTERS, mutated, mutationArb, mutate, valueArb } from './arbitraries'
import type { Json } from './arbitraries'
import { fuzz, prototypeIsClean, viaJson } from './harness'

/** The value, or the `ScenarioError` it threw; any other exception fails the property. */
export const attempt = <T>(parse: () => T): { value: T } | { error: ScenarioError } => {
  try {
    return { value: parse() }
  } catch (error) {
    if (error instanceof ScenarioError) return { error }
    throw error
  }
}

/**
 * A `ScenarioError` names the field: a non-empty path for anything inside an object. The root
 * has the empty path only in `parseScenario`, for input that is not an object at all (its message
 * then names "scenario"); `parseRequestSpec` names it "request".
 */
export const expectNamed = (error: ScenarioError, input: unknown, root: '' | 'request') => {
  expect(error.problem).not.toBe('')
  expect(error.message).not.toBe('')
  if (root === 'request' || isRecord(input)) expect(error.path).not.toBe('')
  else expect(error.message).toMatch(/^scenario: /)
}

/** A trace as the engine promises it: events, and exactly one of a response or an error. */
export const expectTrace = (trace: Trace) => {
  expect(Array.isArray(trace.events)).toBe(true)
  expect((trace.response === undefined) !== (trace.error === undefined)).toBe(true)
  if (trace.response) {
    expect(Number.isInteger(trace.response.status)).toBe(true)
    expect(typeof trace.response.body).toBe('string')
  } else expect(typeof trace.error!.code).toBe('string')
  trace.events.forEach((event, i) => {
    expect(Number.isFinite(event.at)).toBe(true)
    expect(Number.isFinite(event.duration)).toBe(true)
    if (i > 0) expect(event.at).toBeGreaterThanOrEqual(trace.events[i - 1]!.at)
  })
}

const run = (scenario: Scenario, request: RequestSpec, seed: number) => {
  const trace = simulate({ scenario, request, seed })
  expectTrace(trace)
  // The engine is deterministic: the same inputs give the same trace.
  return trace
}

/** Injects a polluter (`__proto__`, `constructor.prototype`) at a random object in `root`. */
const pollute = (root: Json, where: number, polluter: unknown) =>
  mutate(root, { op: 'add', where, key: '__proto__', value: polluter })

describe('fuzz: the scenario and request parsers (src/engine)', () => {
  fuzz('parse-mutated-scenario', { runs: 600, timeout: 40_000 }, () =>
    fc.property(
      mutated((c) => c.scenario),
      fc.nat(),
      ({ curated, input }, seed) => {
        const result = attempt(() => parseScenario(input))
        expect(prototypeIsClean()).toBe(true)
        if ('error' in result) return expectNamed(result.error, input, '')
        // What was read reads again the same, and runs.
        expect(parseScenario(viaJson(result.value))).toEqual(viaJson(result.value))
        run(result.value, curated.request, seed)
        expect(prototypeIsClean()).toBe(true)
      },
    ),
  )

  fuzz('parse-mutated-request', { runs: 500, timeout: 40_000 }, () =>
    fc.property(
      mutated((c) => c.request),
      fc.nat(),
      ({ curated, input }, seed) => {
        const result = attempt(() => parseRequestSpec(input))
        expect(prototypeIsClean()).toBe(true)
        if ('error' in result) return expectNamed(result.error, input, 'request')
        expect(parseRequestSpec(viaJson(result.value))).toEqual(result.value)
        run(curated.scenario, result.value, seed)
        expect(prototypeIsClean()).toBe(true)
      },
    ),
  )

  fuzz('parse-arbitrary-json', { runs: 1000 }, () =>
    fc.property(
      fc.oneof(valueArb, fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...POLLUTERS)),
      (input) => {
        const scenario = attempt(() => parseScenario(input))
        if ('error' in scenario) expectNamed(scenario.error, input, '')
        const request = attempt(() => parseRequestSpec(input))
        if ('error' in request) expectNamed(request.error, input, 'request')
        expect(prototypeIsClean()).toBe(true)
      },
    ),
  )

  fuzz('parse-polluted-documents', { runs: 200, timeout: 30_000 }, () =>
    fc.property(
      fc.constantFrom(...scenarios),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...POLLUTERS)), { minLength: 1, maxLength: 3 }),
      fc.array(mutationArb, { maxLength: 2 }),
      (curated, polluters, mutations) => {
        // JSON text, as an import or a link carries it: `__proto__` is then an own key.
        const app = viaJson(curated.scenario) as unknown as Json
        const request = viaJson(curated.request) as unknown as Json
        for (const [where, polluter] of polluters) {
          pollute(app, where, polluter)
          pollute(request, where, polluter)
        }
        for (const mutation of mutations) mutate(app, mutation)
        let appText: string
        let requestText: string
        try {
          appText = JSON.stringify(app) ?? 'null'
          requestText = JSON.stringify(request) ?? 'null'
        } catch {
          return // a BigInt put there by a mutation: no JSON text carries it
        }
        const scenario = attempt(() => parseScenario(JSON.parse(appText)))
        const spec = attempt(() => parseRequestSpec(JSON.parse(requestText)))
        expect(prototypeIsClean()).toBe(true)
        if ('value' in scenario && 'value' in spec) run(scenario.value, spec.value, 1)
        if ('value' in scenario) {
          // Nothing read inherits from a polluter: plain objects stay plain.
          const read = scenario.value as unknown as Record<string, unknown>
          expect(Object.getPrototypeOf(read)).toBe(Object.prototype)
          expect(read.polluted).toBeUndefined()
        }
        expect(prototypeIsClean()).toBe(true)
      },
    ),
  )
})
