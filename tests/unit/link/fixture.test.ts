// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { findScenario } from '../../../src/engine'
import { decodeState, encodeState } from '../../../src/link/hash'
import fixture from '../../fixtures/links/v1.json'

interface Entry {
  readonly name: string
  readonly notice: string | null
  readonly state: Record<string, unknown>
}

/** `{ "$curated": id }` stands for the curated scenario's own app or request, as it is today. */
const resolved = (value: unknown, id: string, part: 'scenario' | 'request'): unknown =>
  typeof value === 'object' && value !== null && '$curated' in value
    ? findScenario((value as { $curated: string }).$curated)![part]
    : value

const expected = ({ state }: Entry) => {
  const id = state.scenarioId as string
  return {
    ...state,
    scenario: resolved(state.scenario, id, 'scenario'),
    request: resolved(state.request, id, 'request'),
  }
}

const links = Object.entries(fixture.links as Record<string, Entry>)

describe('links written by format 1 (tests/fixtures/links/v1.json)', () => {
  it('holds every kind of link', () => {
    expect(links.length).toBeGreaterThan(60)
    expect(links.some(([hash]) => hash.includes('app=1.'))).toBe(true)
    expect(links.some(([hash]) => hash.includes('req=1.'))).toBe(true)
  })

  it.each(links.map(([hash, entry]) => [entry.name, hash, entry] as const))(
    '%s opens as it did',
    (_name, hash, entry) => {
      const decoded = decodeState(hash)
      expect(decoded.notice, entry.name).toBe(entry.notice)
      expect(JSON.parse(JSON.stringify(decoded.state)), entry.name).toEqual(expected(entry))
    },
  )

  it('re-encodes each state to a link that opens the same state', () => {
    for (const [hash, entry] of links) {
      const { state } = decodeState(hash)
      const again = decodeState(encodeState(state))
      expect(again.state, entry.name).toEqual(state)
    }
  })
})
