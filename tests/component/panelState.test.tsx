import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { endFakeClock, useFakeClock } from './setup'

/**
 * The store, the turns' queue, the panels' state and Testing Library from a fresh module
 * registry. The queue is a module's own (frameTurns.ts) and test files share modules (isolate:
 * false), so a file before this one may have left a frame asked of the page's real clock, which
 * can come at any moment of this test's fake clock. A clean-clone CI run (6 December) saw the
 * step and the panels' turn in one fake frame interval. useStaggered.test.tsx does the same.
 */
const fresh = async () => {
  vi.resetModules()
  const { selectPlayhead, useStore } = await import('../../src/store')
  const { takeTurn } = await import('../../src/ui/playback/frameTurns')
  const { usePanelState } = await import('../../src/ui/playback/panelState')
  const rtl = await import('@testing-library/react')
  cleanup = rtl.cleanup

  /** A trace of `n` steps is all the panels' state needs here: only its length is read. */
  const withSteps = (n: number) =>
    useStore.setState({
      trace: { events: Array.from({ length: n }, (_, i) => ({ seq: i })) } as never,
      playhead: 0,
    })

  const panelPlayhead = () => rtl.renderHook(() => usePanelState(selectPlayhead))

  /** Playing (on the fake clock), with Play's own change already published to the panels. */
  const playingPanels = async () => {
    withSteps(5)
    rtl.act(() => useStore.setState({ playing: true }))
    const hook = panelPlayhead()
    // Play's own change reaches the panels in the first frame's turn.
    await rtl.act(() => vi.advanceTimersByTimeAsync(20))
    return hook
  }

  return { act: rtl.act, useStore, takeTurn, withSteps, panelPlayhead, playingPanels }
}

let cleanup: (() => void) | undefined

describe('the reading panels’ state', () => {
  beforeEach(() => {
    cleanup = undefined
  })
  afterEach(() => {
    endFakeClock(() => cleanup?.())
    // On real timers endFakeClock leaves the page mounted (vitest.setup.ts unmounts the shared
    // Testing Library's, not this registry's).
    cleanup?.()
    vi.unstubAllGlobals()
  })

  it('paused, a step reaches the panels in the same render as the journey', async () => {
    const { act, useStore, withSteps, panelPlayhead } = await fresh()
    withSteps(5)
    const { result } = panelPlayhead()
    act(() => useStore.setState({ playhead: 3 }))
    expect(result.current).toBe(3)
  })

  it('playing, a step reaches them in a frame of their own, after the step’s frame', async () => {
    await useFakeClock()
    const { act, useStore, takeTurn, playingPanels } = await fresh()
    const { result } = await playingPanels()
    // The step is taken in its turn, just after a frame, as the driver takes it.
    takeTurn(() => useStore.setState({ playhead: 1 }), 'step')
    // The fake clock draws a frame every 16 ms: the first is the step's, the panels' comes next.
    await act(() => vi.advanceTimersByTimeAsync(20))
    expect(useStore.getState().playhead).toBe(1)
    expect(result.current).toBe(0)
    // A second step before the panels' turn: they skip straight to the newest.
    act(() => useStore.setState({ playhead: 2 }))
    expect(result.current).toBe(0)
    await act(() => vi.advanceTimersByTimeAsync(20))
    expect(result.current).toBe(2)
  })

  it('a step waits for the panels of the step before, so both never take one frame', async () => {
    await useFakeClock()
    const { act, useStore, takeTurn, playingPanels } = await fresh()
    const { result } = await playingPanels()
    const seen: number[] = []
    takeTurn(() => useStore.setState({ playhead: 1 }), 'step')
    await act(() => vi.advanceTimersByTimeAsync(20))
    // The next step is due at once, but the frame after this one is the panels'.
    takeTurn(() => {
      seen.push(result.current)
      useStore.setState({ playhead: 2 })
    }, 'step')
    await act(() => vi.advanceTimersByTimeAsync(16))
    expect(result.current).toBe(1)
    expect(useStore.getState().playhead).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(16))
    expect(seen).toEqual([1])
    expect(useStore.getState().playhead).toBe(2)
    expect(result.current).toBe(1)
    await act(() => vi.advanceTimersByTimeAsync(16))
    expect(result.current).toBe(2)
  })

  it('the step that ends a play waits for the frame too, though the store stops playing in it', async () => {
    await useFakeClock()
    const { act, useStore, withSteps, panelPlayhead } = await fresh()
    withSteps(5)
    act(() => useStore.setState({ playing: true, playhead: 3 }))
    const { result } = panelPlayhead()
    await act(() => vi.advanceTimersByTimeAsync(40))
    expect(result.current).toBe(3)
    act(() => useStore.getState().advance())
    expect(useStore.getState()).toMatchObject({ playhead: 4, playing: false })
    expect(result.current).toBe(3)
    await act(() => vi.advanceTimersByTimeAsync(40))
    expect(result.current).toBe(4)
  })

  it('a pause shows the playhead at once, without waiting for the frame', async () => {
    await useFakeClock()
    const { act, useStore, withSteps, panelPlayhead } = await fresh()
    withSteps(5)
    act(() => useStore.setState({ playing: true }))
    const { result } = panelPlayhead()
    act(() => useStore.setState({ playhead: 4 }))
    expect(result.current).toBe(0)
    act(() => useStore.setState({ playing: false }))
    expect(result.current).toBe(4)
  })
})
