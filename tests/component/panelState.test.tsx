import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { selectPlayhead, useStore } from '../../src/store'
import { takeTurn } from '../../src/ui/playback/frameTurns'
import { usePanelState } from '../../src/ui/playback/panelState'
import { useCleanApp, useFakeClock } from './setup'

/** A trace of `n` steps is all the panels' state needs here: only its length is read. */
const withSteps = (n: number) =>
  useStore.setState({
    trace: { events: Array.from({ length: n }, (_, i) => ({ seq: i })) } as never,
    playhead: 0,
  })

/** Playing (on the fake clock), with Play's own change already published to the panels. */
const playingPanels = async () => {
  withSteps(5)
  act(() => useStore.setState({ playing: true }))
  const hook = renderHook(() => usePanelState(selectPlayhead))
  // Play's own change reaches the panels in the first frame's turn.
  await act(() => vi.advanceTimersByTimeAsync(20))
  return hook
}

describe('the reading panels’ state', () => {
  useCleanApp()

  it('paused, a step reaches the panels in the same render as the journey', () => {
    withSteps(5)
    const { result } = renderHook(() => usePanelState(selectPlayhead))
    act(() => useStore.setState({ playhead: 3 }))
    expect(result.current).toBe(3)
  })

  it('playing, a step reaches them in a frame of their own, after the step’s frame', async () => {
    useFakeClock()
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
    useFakeClock()
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
    useFakeClock()
    withSteps(5)
    act(() => useStore.setState({ playing: true, playhead: 3 }))
    const { result } = renderHook(() => usePanelState(selectPlayhead))
    await act(() => vi.advanceTimersByTimeAsync(40))
    expect(result.current).toBe(3)
    act(() => useStore.getState().advance())
    expect(useStore.getState()).toMatchObject({ playhead: 4, playing: false })
    expect(result.current).toBe(3)
    await act(() => vi.advanceTimersByTimeAsync(40))
    expect(result.current).toBe(4)
  })

  it('a pause shows the playhead at once, without waiting for the frame', () => {
    useFakeClock()
    withSteps(5)
    act(() => useStore.setState({ playing: true }))
    const { result } = renderHook(() => usePanelState(selectPlayhead))
    act(() => useStore.setState({ playhead: 4 }))
    expect(result.current).toBe(0)
    act(() => useStore.setState({ playing: false }))
    expect(result.current).toBe(4)
  })
})
