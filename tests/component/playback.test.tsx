import { act, screen } from '@testing-library/react'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { useStore } from '../../src/store'
import {
  MAX_STEP_MS,
  MIN_PROPORTIONAL_STEP_MS,
  MIN_STEP_MS,
  PROPORTIONAL_STRETCH,
  readingMs,
  stepDelayMs,
} from '../../src/ui/playback/pacing'
import { renderApp } from './driver'
import { useCleanApp, useFakeClock } from './setup'

/**
 * Moves the fake clock on a few milliseconds at a time, each in an act of its own: React's
 * scheduled work (a band's release) is done between frames, as in a browser. Within one act it
 * would wait for the act's end, however many frames the wait spans.
 */
const wait = async (ms: number) => {
  for (let left = ms; left > 0; left -= 8)
    await act(() => vi.advanceTimersByTimeAsync(Math.min(8, left)))
}
/** A step is taken just after the first frame drawn once its time is up (the fake clock's frames are 16 ms apart). */
const FRAME_MS = 17

describe('playback', () => {
  useCleanApp()

  it('never starts by itself after "Send request"', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await wait(30_000)
    expect(ui.stepNumber()).toBe(1)
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
  })

  it('Play advances one step per paced interval; Pause stops it', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await ui.play()
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    await wait(MAX_STEP_MS * 3)
    const reached = ui.stepNumber()!
    expect(reached).toBeGreaterThanOrEqual(4)

    await ui.pause()
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
    await wait(MAX_STEP_MS * 5)
    expect(ui.stepNumber()).toBe(reached)
  })

  it('holds each step for its paced time: the minimum for a tiny step, a quarter of it at 4×', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    const delayOf = (speed: number) => {
      const { trace, playhead } = useStore.getState()
      return stepDelayMs(trace!.events[playhead]!.duration, speed)
    }
    expect(delayOf(1)).toBeGreaterThanOrEqual(MIN_STEP_MS)

    await ui.play()
    await wait(delayOf(1) - 5)
    expect(ui.stepNumber()).toBe(1)
    await wait(5 + FRAME_MS)
    expect(ui.stepNumber()).toBe(2)

    await ui.pause()
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'Speed' }), '4')
    expect(useStore.getState().speed).toBe(4)
    const quarter = delayOf(4)
    expect(quarter).toBeCloseTo(delayOf(1) / 4)
    await ui.play()
    await wait(quarter - 5)
    expect(ui.stepNumber()).toBe(2)
    await wait(5 + FRAME_MS)
    expect(ui.stepNumber()).toBe(3)
  })

  it('readable pacing holds a step for its own words, counted once the panels show them', async () => {
    await useFakeClock()
    // jsdom lays nothing out: every element gets a box, so every word in the page counts as shown.
    const boxes = vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([{}] as never)
    onTestFinished(() => boxes.mockRestore())
    const ui = renderApp()
    await ui.send()
    await screen.findByTestId('explanation')
    const words = () =>
      [...document.querySelectorAll('[role="status"], [data-testid="explanation"]')].reduce(
        (sum, el) => sum + (el.textContent ?? '').split(/\s+/).filter(Boolean).length,
        0,
      )
    const first = words()
    await ui.play()
    const holdOf = (count: number) => {
      const { trace, playhead } = useStore.getState()
      return Math.max(stepDelayMs(trace!.events[playhead]!.duration, 1), readingMs(count))
    }
    await wait(holdOf(first) + FRAME_MS)
    expect(ui.stepNumber()).toBe(2)
    // The panels take the step two frames after the journey; then its words are on screen.
    await wait(3 * FRAME_MS)
    const second = words()
    // The first step explains more than the second: a count of the words still shown from the
    // first would hold the second too long.
    expect(readingMs(first)).toBeGreaterThan(readingMs(second) + 1000)
    await wait(holdOf(second) - 4 * FRAME_MS - 5)
    expect(ui.stepNumber()).toBe(2)
    await wait(5 + FRAME_MS)
    expect(ui.stepNumber()).toBe(3)
    await ui.pause()
  })

  it('keeps the pacing clock over many steps: waiting for a frame makes no step later than one frame', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await ui.user.selectOptions(screen.getByRole('combobox', { name: 'Pacing' }), 'proportional')
    const { events } = useStore.getState().trace!
    const hold = (index: number) =>
      Math.max(MIN_PROPORTIONAL_STEP_MS, events[index]!.duration * PROPORTIONAL_STRETCH)
    await ui.play()
    // Each step is due when the holds before it add up; each comes within a frame of that time,
    // however many frames the steps before it waited for.
    let due = 0
    let at = 0
    for (let step = 1; step <= 12; step++) {
      due += hold(step - 1)
      await wait(due - 1 - at)
      expect(ui.stepNumber()).toBe(step)
      await wait(1 + FRAME_MS)
      at = due + FRAME_MS
      expect(ui.stepNumber()).toBe(step + 1)
    }
    await ui.pause()
  })

  it('stops on the last step and Play there replays from the start', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await ui.press('{End}')
    const total = ui.stepCount()!
    await ui.play()
    expect(ui.stepNumber()).toBe(1)
    await wait(MAX_STEP_MS * (total + 2))
    expect(ui.stepNumber()).toBe(total)
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument()
    expect(ui.finalStatus()).toBe('200 OK')
  })

  it('Space plays and pauses from the keyboard', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    // Focus on the page itself, not on a button that Space would press.
    ;(document.activeElement as HTMLElement | null)?.blur()
    await ui.press(' ')
    expect(useStore.getState().playing).toBe(true)
    await wait(MAX_STEP_MS * 2)
    await ui.press(' ')
    expect(useStore.getState().playing).toBe(false)
    const stopped = ui.stepNumber()
    await wait(MAX_STEP_MS * 3)
    expect(ui.stepNumber()).toBe(stopped)
    expect(stopped).toBeGreaterThan(1)
  })

  it('a manual step while playing pauses, so the class can look at it', async () => {
    await useFakeClock()
    const ui = renderApp()
    await ui.send()
    await ui.play()
    await ui.step(1)
    expect(useStore.getState().playing).toBe(false)
    const here = ui.stepNumber()
    await wait(MAX_STEP_MS * 3)
    expect(ui.stepNumber()).toBe(here)
  })

  it('Restart goes back to step 1', async () => {
    const ui = renderApp()
    await ui.send()
    await ui.step(4)
    await ui.user.click(screen.getByRole('button', { name: 'Restart' }))
    expect(ui.stepNumber()).toBe(1)
  })

  it('disables the playback buttons until there is a trace', () => {
    renderApp()
    for (const name of ['Play', 'Step back', 'Step forward', 'Restart'])
      expect(screen.getByRole('button', { name })).toBeDisabled()
  })
})

describe('pacing', () => {
  it('never goes under the minimum at 1×, grows with duration, and divides by speed', () => {
    expect(stepDelayMs(0.05, 1)).toBeGreaterThanOrEqual(MIN_STEP_MS)
    expect(stepDelayMs(8, 1)).toBeGreaterThan(stepDelayMs(0.05, 1))
    expect(stepDelayMs(400, 1)).toBeLessThanOrEqual(MAX_STEP_MS)
    expect(stepDelayMs(8, 2)).toBeCloseTo(stepDelayMs(8, 1) / 2)
    expect(stepDelayMs(100_000, 0.25)).toBe(MAX_STEP_MS * 4)
  })
})
