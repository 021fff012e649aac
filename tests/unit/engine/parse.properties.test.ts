import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CuratedScenario } from '../../../src/engine'
import { ScenarioError, parseRequestSpec, parseScenario, scenarios } from '../../../src/engine'

type Json = Record<string, unknown> | unknown[]

/** A copy as JSON has it: what an import, a link or saved data hands the parser. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** Every path to a value inside `root` (not `root` itself), in document order. */
const pathsIn = (root: unknown): (string | number)[][] => {
  const paths: (string | number)[][] = []
  const walk = (value: unknown, at: (string | number)[]) => {
    if (at.length > 0) paths.push(at)
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i]))
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key])
  }
  walk(root, [])
  return paths
}

const at = (root: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], root)

/** Values a mutation puts somewhere: JSON of any shape, and what JSON cannot say. */
const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(
    undefined,
    Number.NaN,
    Infinity,
    -0,
    10n,
    '',
    '/',
    'x',
    'GET',
    'get',
    'fastapi',
    'exception',
    'https://api.example.com/',
    'a b',
    204,
    301,
    [],
    {},
  ),
)

type Mutation =
  | { op: 'set'; where: number; value: unknown }
  | { op: 'delete'; where: number }
  | { op: 'add'; where: number; key: string; value: unknown }
  /** Puts a value from elsewhere in the same document: shapes the parser knows, in the wrong place. */
  | { op: 'move'; where: number; from: number }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), where: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant('delete' as const), where: fc.nat() }),
  fc.record({
    op: fc.constant('add' as const),
    where: fc.nat(),
    key: fc.oneof(fc.string(), fc.constantFrom('kind', 'params', 'depends', '__proto__')),
    value: valueArb,
  }),
  fc.record({ op: fc.constant('move' as const), where: fc.nat(), from: fc.nat() }),
)

/** Applies `mutation` to `root` (a JSON copy) in place. */
const mutate = (root: Json, mutation: Mutation): void => {
  const paths = pathsIn(root)
  if (paths.length === 0) return
  const path = paths[mutation.where % paths.length]!
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1]!
  switch (mutation.op) {
    case 'set':
      parent[key] = mutation.value
      return
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key]
      return
    case 'add': {
      const target = parent[key]
      if (target && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, mutation.key, {
          value: mutation.value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      return
    }
    case 'move':
      parent[key] = structuredClone(at(root, paths[mutation.from % paths.length]!))
      return
  }
}

/** What parsing did: the value, or the error's path. Any other exception fails the property. */
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
