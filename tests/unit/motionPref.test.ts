// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MOTION_KEY, readMotion, writeMotion } from '../../src/store/slices/prefs'
import { resetStore, useStore } from '../../src/store'

afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
  resetStore()
})

describe('"Reduce motion" is remembered', () => {
  it('saves a choice made in the app and reads it back on the next visit', () => {
    useStore.getState().setMotion('reduce')
    expect(localStorage.getItem(MOTION_KEY)).toBe('reduce')
    expect(readMotion()).toBe('reduce')
    useStore.getState().setMotion('full')
    expect(readMotion()).toBe('full')
  })

  it('forgets the choice when it goes back to following the system', () => {
    writeMotion('reduce')
    useStore.getState().setMotion('system')
    expect(localStorage.getItem(MOTION_KEY)).toBeNull()
    expect(readMotion()).toBe('system')
  })

  it('reads anything else that was stored as "system", and never throws', () => {
    for (const stored of ['REDUCE', 'true', '{"motion":"reduce"}', '__proto__', ' reduce']) {
      localStorage.setItem(MOTION_KEY, stored)
      expect(readMotion()).toBe('system')
    }
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    expect(readMotion()).toBe('system')
  })

  it('keeps the choice for this visit when storage refuses to save it', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    expect(() => useStore.getState().setMotion('reduce')).not.toThrow()
    expect(useStore.getState().motion).toBe('reduce')
  })

  it('ignores a value that is not a motion choice', () => {
    useStore.getState().setMotion('sideways' as never)
    expect(localStorage.getItem(MOTION_KEY)).toBeNull()
  })
})
