import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as FrameTurns from '../../src/ui/playback/frameTurns'

type Turns = typeof FrameTurns

const VSYNC = 1000 / 60

interface Timing {
  /** How long after its vsync the frame's callbacks run (a long task came first). */
  readonly late?: number
  /** How long after its vsync the frame's rendering ends and the tasks after it run. */
  readonly renderMs?: number
}

/**
 * Frames drawn by hand: `draw()` runs the animation frame callbacks asked for so far, then the
 * tasks they left (zero timers), as a browser draws a frame and then runs the next tasks. Frame n
 * begins at n vsyncs on `performance.now()`'s clock, and its callbacks get that timestamp.
 */
const frames = () => {
  let callbacks: FrameRequestCallback[] = []
  const log: string[] = []
  let clock = 0
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    callbacks.push(cb)
    return callbacks.length
  })
  vi.stubGlobal('cancelAnimationFrame', () => undefined)
  let n = 0
  /** The frame alone, before the tasks after it. */
  const frame = ({ late = 0 }: Timing = {}) => {
    n += 1
    const now = callbacks
    callbacks = []
    log.push(`frame ${n}`)
    clock = n * VSYNC + late
    for (const cb of now) cb(n * VSYNC)
  }
  const draw = (timing: Timing = {}) => {
    frame(timing)
    clock = n * VSYNC + Math.max(timing.renderMs ?? 4, timing.late ?? 0)
    vi.advanceTimersByTime(0)
  }
  return { draw, frame, log }
}

describe('frame turns', () => {
  let turns: Turns
  beforeEach(async () => {
    vi.useFakeTimers()
    // The queue is the module's own: each test gets a fresh one.
    vi.resetModules()
    turns = await import('../../src/ui/playback/frameTurns')
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('takes one turn a frame, each in a task after the frame, in a step’s order', () => {
    const { draw, log } = frames()
    const note = (what: string) => () => void log.push(what)
    turns.takeTurn(note('step'), 'step')
    turns.takeTurn(note('wave'), 'wave')
    turns.takeTurn(note('panels'), 'panels')
    turns.takeTurn(note('lead'), 'lead')
    expect(log).toEqual([])
    for (let i = 0; i < 5; i++) draw()
    expect(log).toEqual([
      'frame 1',
      'step',
      'frame 2',
      'lead',
      'frame 3',
      'panels',
      'frame 4',
      'wave',
      'frame 5',
    ])
  })

  it('keeps the frame a turn’s render is drawn in, when the render comes after a frame', () => {
    const { draw, log } = frames()
    let committed = false
    turns.takeTurn(() => {
      log.push('lead')
      // Left to React's scheduler: not on the page until it commits.
      return () => !committed
    }, 'lead')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    turns.takeTurn(() => void log.push('unfold'), 'unfold', { inFrame: true })
    draw()
    draw()
    // Frame 2 came before the commit: the panels wait, and the unfolding does not take it.
    expect(log).toEqual(['frame 1', 'lead', 'frame 2'])
    // It commits after frame 2, so frame 3 draws it: the panels' task comes after frame 3, and
    // the unfolding waits for a frame of its own.
    committed = true
    for (let i = 0; i < 3; i++) draw()
    expect(log).toEqual([
      'frame 1',
      'lead',
      'frame 2',
      'frame 3',
      'panels',
      'frame 4',
      'frame 5',
      'unfold',
    ])
  })

  it('goes ahead after a few frames if a turn’s render never comes', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => {
      log.push('lead')
      return () => true
    }, 'lead')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    for (let i = 0; i < 6; i++) draw()
    expect(log).toContain('panels')
    expect(log.indexOf('panels') - log.indexOf('lead')).toBeLessThanOrEqual(6)
  })

  it('lets a step’s turns finish before the next step’s', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => {
      log.push('step 1')
      // What the step asks for while it renders is the step's own.
      turns.takeTurn(() => void log.push('panels 1'), 'panels')
      turns.takeTurn(() => void log.push('wave 1'), 'wave')
    }, 'step')
    draw()
    // The next step is due now: it waits for the step before's panels and wave.
    turns.takeTurn(() => void log.push('step 2'), 'step')
    draw()
    draw()
    draw()
    expect(log).toEqual([
      'frame 1',
      'step 1',
      'frame 2',
      'panels 1',
      'frame 3',
      'wave 1',
      'frame 4',
      'step 2',
    ])
  })

  it('runs an in-frame turn inside the callback of a frame no turn has taken, and may wait frames', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('fold'), 'unfold', { inFrame: true })
    turns.takeTurn(() => void log.push('unfold'), 'unfold', { inFrame: true })
    turns.takeTurn(() => void log.push('later'), 'unfold', { inFrame: true, frames: 4 })
    draw()
    // Frame 2 draws the step's render: the unfolding waits for frame 3, and shares it.
    draw()
    draw()
    draw()
    draw()
    expect(log).toEqual([
      'frame 1',
      'step',
      'frame 2',
      'frame 3',
      'fold',
      'unfold',
      'frame 4',
      'later',
      'frame 5',
    ])
  })

  it('keeps turns behind a waiting in-frame turn from taking its frame', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('unfold'), 'unfold', { inFrame: true })
    turns.takeTurn(() => void log.push('wave'), 'wave')
    draw()
    draw()
    draw()
    expect(log).toEqual(['frame 1', 'step', 'frame 2', 'frame 3', 'unfold', 'wave'])
    // The wave's task came after the unfolding's frame: its rendering is frame 4's.
  })

  it('cancels a turn while it waits, and after its frame before its task', () => {
    const { draw, frame, log } = frames()
    const cancelStep = turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    const cancelWave = turns.takeTurn(() => void log.push('wave'), 'wave')
    turns.takeTurn(() => void log.push('count'), 'count')
    cancelStep()
    draw()
    // The count's task follows frame 2; frame 3 chooses the wave, cancelled before its task.
    draw()
    frame()
    cancelWave()
    vi.advanceTimersByTime(0)
    draw()
    expect(log).toEqual(['frame 1', 'panels', 'frame 2', 'count', 'frame 3', 'frame 4'])
  })

  it('starts no task turn after a frame that overran: the next frame is free for it', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    draw()
    // Frame 2 draws the step's render, which takes 35 ms: the panels' script after it would push
    // frame 3 out to the fourth vsync. They wait for frame 3, which renders on time.
    draw({ renderMs: 35 })
    expect(log).toEqual(['frame 1', 'step', 'frame 2'])
    draw()
    expect(log).toEqual(['frame 1', 'step', 'frame 2', 'frame 3', 'panels'])
  })

  it('runs an in-frame turn in a frame whose callback is on time, not in one a long task delayed', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => void log.push('unfold'), 'unfold', { inFrame: true })
    turns.takeTurn(() => void log.push('wave'), 'wave')
    // A 12 ms task ran before frame 1's callbacks: the unfolding waits, and the wave behind it.
    draw({ late: 12 })
    draw()
    expect(log).toEqual(['frame 1', 'frame 2', 'unfold', 'wave'])
  })

  it('waits for an on-time frame twice at most, then runs in a late one', () => {
    const { draw, log } = frames()
    turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    draw()
    for (let i = 0; i < 4; i++) draw({ renderMs: 40 })
    expect(log).toEqual(['frame 1', 'step', 'frame 2', 'frame 3', 'frame 4', 'panels', 'frame 5'])
  })

  it('where no frame comes (a hidden tab), runs every waiting turn after a short wait, in order', () => {
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const log: string[] = []
    turns.takeTurn(() => void log.push('wave'), 'wave')
    turns.takeTurn(() => void log.push('step'), 'step')
    turns.takeTurn(() => void log.push('panels'), 'panels')
    vi.advanceTimersByTime(50)
    expect(log).toEqual([])
    vi.advanceTimersByTime(60)
    // The wave was asked before the step, so it is the step before's.
    expect(log).toEqual(['wave', 'step', 'panels'])
    vi.advanceTimersByTime(1000)
    expect(log).toHaveLength(3)
  })
})
