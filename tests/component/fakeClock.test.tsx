import { afterEach, expect, it, vi } from 'vitest'
import { endFakeClock, useFakeClock } from './setup'

afterEach(() => endFakeClock())

it('lets no animation frame asked for on the real clock fire once the clock is fake', async () => {
  const realTimeout = setTimeout
  let firedOn: 'real' | 'fake' | null = null
  requestAnimationFrame(() => {
    firedOn = vi.isFakeTimers() ? 'fake' : 'real'
  })
  await useFakeClock()
  expect(vi.isFakeTimers()).toBe(true)
  // Real time passes while a test awaits: a frame asked for before must not come in it. It came
  // before the clock turned fake, or (where an earlier file left jsdom's frames stopped) never.
  await new Promise((resolve) => realTimeout(resolve, 100))
  expect(firedOn).not.toBe('fake')
})
