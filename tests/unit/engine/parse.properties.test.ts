import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CuratedScenario } from '../../../src/engine'
import { ScenarioError, parseRequestSpec, parseScenario, scenarios } from '../../../src/engine'

import type { Json } from '../../fuzz/arbitraries'
import { mutate, mutationArb } from '../../fuzz/arbitraries'

/** A copy as JSON has it: what an import, a link or saved data hands the parser. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const attempt = <T>(parse: () => T): { value: T } | { path: string } => {
  try {
    return { value: parse() }
  } catch (error) {
    if (error instanceof ScenarioError) return { path: error.path }
    throw error
  }
}

/**
 * Mutates a curated scenario's `part` and parses it with `parse`: the result reads again the same,
 * or the error names a field (never another exception).
 */
const readOrNameTheField = <T>(
  part: (curated: CuratedScenario) => T,
  parse: (input: unknown) => T,
  numRuns: number,
) =>
  fc.assert(
    fc.property(
      fc.constantFrom(...scenarios),
      fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      (curated, mutations) => {
        const input = viaJson(part(curated)) as unknown as Json
        for (const mutation of mutations) mutate(input, mutation)
        const result = attempt(() => parse(input))
        if ('path' in result) expect(result.path).not.toBe('')
        else expect(JSON.stringify(parse(viaJson(result.value)))).toBe(JSON.stringify(result.value))
      },
    ),
    { numRuns },
  )

describe('parseScenario and parseRequestSpec on untrusted input', () => {
  it('read every curated scenario and its request back unchanged after a trip through JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scenarios), (curated) => {
        expect(parseScenario(viaJson(curated.scenario))).toStrictEqual(viaJson(curated.scenario))
        expect(parseRequestSpec(viaJson(curated.request))).toStrictEqual(viaJson(curated.request))
      }),
      { numRuns: scenarios.length * 3 },
    )
  })

  it('either read a mutated scenario or name the bad field, and what they read reads again the same', () => {
    readOrNameTheField((curated) => curated.scenario, parseScenario, 600)
  })

  it('either read a mutated request or name the bad field, and what they read reads again the same', () => {
    readOrNameTheField((curated) => curated.request, parseRequestSpec, 300)
  })

  it('name the input itself when it is not an object at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        const scenario = attempt(() => parseScenario(input))
        const notObject = typeof input !== 'object' || input === null || Array.isArray(input)
        if (notObject) expect(scenario).toEqual({ path: '' })
        const request = attempt(() => parseRequestSpec(input))
        if ('path' in request) expect(request.path).not.toBe('')
      }),
      { numRuns: 300 },
    )
  })
})
