import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { simulate, findScenario } from '../../src/engine'
import { startLinkSync } from '../../src/link/sync'
import { resetStore, useStore } from '../../src/store'

const getUser = findScenario('get-user')!

describe('the address bar follows the page', () => {
  let stop: () => void = () => {}
  beforeEach(() => {
    vi.useFakeTimers()
    window.history.replaceState(null, '', '/#scenario=get-user')
    useStore.setState({
      trace: simulate({ scenario: getUser.scenario, request: getUser.request }),
      traced: { scenario: getUser.scenario, request: getUser.request },
      playhead: 0,
    })
    stop = startLinkSync({ delay: 100 })
  })
  afterEach(() => {
    stop()
    vi.useRealTimers()
    resetStore()
  })

  it('writes the step after a short pause in changes', () => {
    useStore.getState().seek(4)
    expect(window.location.hash).not.toMatch(/step=5/)
    vi.advanceTimersByTime(150)
    expect(window.location.hash).toMatch(/step=5/)
  })

  it('waits for stepping to pause, however long it goes on, and writes once where it stopped', () => {
    const replace = vi.spyOn(window.history, 'replaceState')
    for (let step = 1; step <= 8; step++) {
      useStore.getState().seek(step)
      vi.advanceTimersByTime(60)
    }
    expect(replace).not.toHaveBeenCalled()
    vi.advanceTimersByTime(60)
    expect(replace).toHaveBeenCalledTimes(1)
    expect(window.location.hash).toMatch(/step=9/)
    replace.mockRestore()
  })

  it('waits while playing and writes where playback stopped', () => {
    const replace = vi.spyOn(window.history, 'replaceState')
    useStore.setState({ playing: true })
    for (let i = 0; i < 6; i++) {
      useStore.getState().advance()
      vi.advanceTimersByTime(150)
    }
    expect(replace).not.toHaveBeenCalled()
    useStore.getState().pause()
    vi.advanceTimersByTime(150)
    expect(replace).toHaveBeenCalledTimes(1)
    expect(window.location.hash).toMatch(/step=7/)
    replace.mockRestore()
  })
})
