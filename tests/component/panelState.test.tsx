import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { selectPlayhead, useStore } from '../../src/store'
import { usePanelState } from '../../src/ui/playback/panelState'
import { useCleanApp, useFakeClock } from './setup'

/** A trace of `n` steps is all the panels' state needs here: only its length is read. */
const withSteps = (n: number) =>
  useStore.setState({
    trace: { events: Array.from({ length: n }, (_, i) => ({ seq: i })) } as never,
    playhead: 0,
  })

describe('the reading panels’ state', () => {
  useCleanApp()

  it('paused, a step reaches the panels in the same render as the journey', () => {
    withSteps(5)
    const { result } = renderHook(() => usePanelState(selectPlayhead))
    act(() => useStore.setState({ playhead: 3 }))
    expect(result.current).toBe(3)
  })

  it('playing, a step reaches them two frames later: after the step’s frame and the bands’', async () => {
    useFakeClock()
    withSteps(5)
    act(() => useStore.setState({ playing: true }))
    const { result } = renderHook(() => usePanelState(selectPlayhead))
    act(() => useStore.setState({ playhead: 1 }))
    expect(useStore.getState().playhead).toBe(1)
    expect(result.current).toBe(0)
    // Two steps before the frame: the panels skip straight to the newest.
    act(() => useStore.setState({ playhead: 2 }))
    expect(result.current).toBe(0)
    // The fake clock draws a frame every 16 ms: after the first, the bands' turn, not the panels'.
    await act(() => vi.advanceTimersByTimeAsync(20))
    expect(result.current).toBe(0)
    await act(() => vi.advanceTimersByTimeAsync(20))
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
