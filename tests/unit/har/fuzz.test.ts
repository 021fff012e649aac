/**
 * Hostile input: whatever the text, importing a HAR never throws, and a refusal always carries a
 * message that names a kind and (for a field) its JSON path.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { importHar } from '../../../src/har'
import { fixture } from './fixtures'

const check = (text: string) => {
  const result = importHar(text)
  if (result.ok) {
    for (const e of result.value.entries) {
      expect(Number.isFinite(e.start)).toBe(true)
      for (const x of Object.values(e.phases)) if (x !== null) expect(x).toBeGreaterThanOrEqual(0)
    }
  } else {
    expect(result.error.message.length).toBeGreaterThan(10)
    if (result.error.kind === 'field')
      expect(result.error.message.startsWith(result.error.path)).toBe(true)
  }
}

/** A JSON value in the shape of a HAR, with any part replaced by anything. */
const mutate = (
  value: unknown,
  path: readonly (string | number)[],
  replacement: unknown,
): unknown => {
  if (path.length === 0) return replacement
  if (typeof value !== 'object' || value === null) return value
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<
    string | number,
    unknown
  >
  copy[head!] = mutate(copy[head!], rest, replacement)
  return copy
}

const paths = (
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
) => {
  out.push(prefix)
  if (typeof value === 'object' && value !== null)
    for (const [k, x] of Object.entries(value))
      paths(x, [...prefix, Array.isArray(value) ? Number(k) : k], out)
  return out
}

describe('hostile HAR input', () => {
  it('any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 500 })
  })

  it('any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => check(JSON.stringify(json))),
      { numRuns: 500 },
    )
  })

  it('a real HAR with any one field replaced or removed', () => {
    const har: unknown = JSON.parse(fixture('playwright'))
    const all = paths(har)
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(-1), fc.constant('h3')),
        (path, replacement) => check(JSON.stringify(mutate(har, path, replacement))),
      ),
      { numRuns: 800 },
    )
  })

  it('a real HAR cut short anywhere', () => {
    const text = fixture('firefox').trimEnd()
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), (n) => {
        const result = importHar(text.slice(0, n))
        expect(result.ok).toBe(false)
        check(text.slice(0, n))
      }),
      { numRuns: 200 },
    )
  })

  it('deeply nested JSON', () => {
    check(`${'['.repeat(5000)}${']'.repeat(5000)}`)
    check(`{"log":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`)
  })
})
