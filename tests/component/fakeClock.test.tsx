import { afterEach, expect, it, vi } from 'vitest'
import { endFakeClock, useFakeClock } from './setup'

afterEach(() => endFakeClock())

it('lets an animation frame asked for on the real clock fire before the clock turns fake', async () => {
  let firedOn: 'real' | 'fake' | null = null
  requestAnimationFrame(() => {
    firedOn = vi.isFakeTimers() ? 'fake' : 'real'
  })
  await useFakeClock()
  expect(vi.isFakeTimers()).toBe(true)
  // Fired already, and before the fake clock: it cannot fire in the middle of the test's steps.
  expect(firedOn).toBe('real')
})
