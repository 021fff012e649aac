/**
 * The smallest cases the fuzz properties found, kept as plain tests so a fix is seen at once and
 * stays fixed. Each names the property that found it.
 */
import { describe, expect, it } from 'vitest'
import { decodeState, encodeState } from '../../src/link/hash'

describe('fuzz findings', () => {
  // link-roundtrip: a key no feature declares is to be kept verbatim when the address is
  // rewritten (docs/architecture.md, "URL keys"). `extraOf` copies the link's other keys into a
  // plain object by assignment, and assigning a string to `__proto__` does nothing, so that key
  // is dropped (harmless for the prototype, but the link loses a key it was given).
  it('keeps an undeclared key named __proto__ when a link is read and written again', () => {
    const { state } = decodeState('scenario=get-user&__proto__=x&utm=1')
    expect(Object.entries(state.extra ?? {})).toEqual([
      ['__proto__', 'x'],
      ['utm', '1'],
    ])
    expect(encodeState(state)).toBe('scenario=get-user&__proto__=x&utm=1')
  })
})
