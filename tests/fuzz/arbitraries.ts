/**
 * Generators shared by the fuzz properties: hostile values, mutations of curated documents, and
 * valid edits of curated scenarios.
 */
import fc from 'fast-check'
import type { CuratedScenario, RequestSpec, Scenario } from '../../src/engine'
import { parseRequestSpec, parseScenario, scenarios } from '../../src/engine'
import { viaJson } from './harness'

export type Json = Record<string, unknown> | unknown[]

/** Strings an attacker would try: markup, script URLs, escapes, controls, lone surrogates. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '</script><script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '{{7*7}}${7*7}',
  '%00%ff%zz%',
  '\u0000\u0001\u001f\u007f',
  '\r\nSet-Cookie: a=b',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'x'.repeat(10_000),
] as const

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
)

/** JSON with `__proto__` and `constructor.prototype` keys, as `JSON.parse` makes them (own keys). */
export const POLLUTERS: readonly unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true, "isAdmin": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": [1, 2, 3]}'),
  JSON.parse('{"prototype": {"polluted": true}, "__proto__": null}'),
  JSON.parse('[{"__proto__": {"isAdmin": true}}]'),
]

/** Values a mutation puts somewhere: JSON of any shape, what JSON cannot say, and polluters. */
export const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true }),
  fc.constantFrom(
    undefined,
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    1e308,
    2 ** 53,
    '',
    '/',
    'x',
    'GET',
    'get',
    'fastapi',
    'flask',
    'django',
    'exception',
    'https://api.example.com/',
    'a b',
    204,
    301,
    [],
    {},
    ...POLLUTERS,
  ),
  hostileString,
)

export type Mutation =
  | { op: 'set'; where: number; value: unknown }
  | { op: 'delete'; where: number }
  | { op: 'add'; where: number; key: string; value: unknown }
  /** Puts a value from elsewhere in the same document: shapes the parser knows, in the wrong place. */
  | { op: 'move'; where: number; from: number }

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), where: fc.nat(), value: valueArb }),
  fc.record({ op: fc.constant('delete' as const), where: fc.nat() }),
  fc.record({
    op: fc.constant('add' as const),
    where: fc.nat(),
    key: fc.oneof(
      fc.string(),
      fc.constantFrom('kind', 'params', 'depends', '__proto__', 'constructor', 'prototype'),
    ),
    value: valueArb,
  }),
  fc.record({ op: fc.constant('move' as const), where: fc.nat(), from: fc.nat() }),
)

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

/** Applies `mutation` to `root` (a JSON copy) in place; own keys only, never a prototype. */
export const mutate = (root: Json, mutation: Mutation): void => {
  const paths = pathsIn(root)
  if (paths.length === 0) return
  const path = paths[mutation.where % paths.length]!
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1]!
  const put = (target: object, name: string | number, value: unknown) =>
    Object.defineProperty(target, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  switch (mutation.op) {
    case 'set':
      put(parent, key, copyOf(mutation.value))
      return
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key]
      return
    case 'add': {
      const target = parent[key]
      if (target && typeof target === 'object' && !Array.isArray(target))
        put(target, mutation.key, copyOf(mutation.value))
      return
    }
    case 'move':
      put(parent, key, copyOf(at(root, paths[mutation.from % paths.length]!)))
      return
  }
}

/**
 * A deep copy of arrays and objects (own keys, `__proto__` included, null prototypes kept), so a
 * mutation never changes a shared constant and never makes a cycle.
 */
export const copyOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(copyOf)
  if (value === null || typeof value !== 'object') return value
  const proto = Object.getPrototypeOf(value) as object | null
  if (proto !== null && proto !== Object.prototype) return value // a Date, a Map: kept as it is
  const out = Object.create(proto) as Record<string, unknown>
  for (const key of Object.keys(value))
    Object.defineProperty(out, key, {
      value: copyOf((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return out
}

/** A curated document, JSON-copied, with 1 to `max` mutations. */
export const mutated = <T>(part: (curated: CuratedScenario) => T, max = 4) =>
  fc
    .tuple(fc.constantFrom(...scenarios), fc.array(mutationArb, { minLength: 1, maxLength: max }))
    .map(([curated, mutations]) => {
      const input = viaJson(part(curated)) as unknown as Json
      for (const mutation of mutations) mutate(input, mutation)
      return { curated, input: input as unknown }
    })

// ─── valid edits ───────────────────────────────────────────────────────────────────────────────

/** Edits an author could make: new text in a string field, another number, an item removed. */
type Edit =
  | { op: 'text'; where: number; text: string }
  | { op: 'number'; where: number; n: number }
  | { op: 'drop'; where: number }
  | { op: 'swap'; where: number }

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('text' as const), where: fc.nat(), text: hostileString }),
  fc.record({ op: fc.constant('number' as const), where: fc.nat(), n: fc.nat({ max: 100_000 }) }),
  fc.record({ op: fc.constant('drop' as const), where: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), where: fc.nat() }),
)

const applyEdit = (root: Json, edit: Edit): void => {
  const paths = pathsIn(root)
  const leaves = paths.filter((p) => {
    const value = at(root, p)
    return edit.op === 'text'
      ? typeof value === 'string'
      : edit.op === 'number'
        ? typeof value === 'number'
        : Array.isArray(value) && value.length > (edit.op === 'swap' ? 1 : 0)
  })
  if (leaves.length === 0) return
  const path = leaves[edit.where % leaves.length]!
  const value = at(root, path)
  const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1]!
  if (edit.op === 'text') parent[key] = edit.text
  else if (edit.op === 'number') parent[key] = edit.n
  else if (edit.op === 'drop') (value as unknown[]).splice(edit.where % (value as []).length, 1)
  else (value as unknown[]).reverse()
}

/**
 * A valid app and request: a curated scenario with up to `max` edits, as the parsers read it
 * (an edit the schema refuses leaves that part curated).
 */
export const editedSetup = (max = 3) =>
  fc
    .tuple(
      fc.constantFrom(...scenarios),
      fc.array(editArb, { maxLength: max }),
      fc.array(editArb, { maxLength: max }),
    )
    .map(([curated, appEdits, requestEdits]) => {
      const app = viaJson(curated.scenario) as unknown as Json
      for (const edit of appEdits) applyEdit(app, edit)
      const request = viaJson(curated.request) as unknown as Json
      for (const edit of requestEdits) applyEdit(request, edit)
      let scenario: Scenario = curated.scenario
      let req: RequestSpec = curated.request
      try {
        scenario = parseScenario(app)
      } catch {
        // refused: the curated app stays
      }
      try {
        req = parseRequestSpec(request)
      } catch {
        // refused: the curated request stays
      }
      return { curated, scenario, request: req }
    })
