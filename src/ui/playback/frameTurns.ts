/**
 * The frames a played step's work is drawn in: one piece of work per frame, in order.
 *
 * A step, while playing, changes the journey in pieces: the step line and the packet's start,
 * the bands it enters and leaves, the reading panels, the current band's unfolding, the bands
 * below a failure one by one. Each piece's render and the style, layout and paint it causes fit
 * a frame under 4× CPU throttling; two in one frame did not. Each piece used to count its own
 * frames from the step, so two of them could land in the same frame: the panels (two frames
 * after the step) with the first band of a wave (two frames after the step, too), and a step
 * 80 ms after the last one with that one's panels. Here they take turns instead: a piece runs
 * only in a frame no other piece has taken.
 *
 * A turn is either a task just after a frame (its rendering is the next frame's, so it has a
 * whole frame interval ahead of it) or, with `inFrame`, inside an animation frame callback (its
 * rendering is that frame's, and an IntersectionObserver asked then reports from it). Waiting
 * turns go by the step they belong to first (a step's pieces come before the next step's), then
 * by kind (`TURN_ORDER`), then in the order asked; a step's in-frame turns of one kind share
 * their frame (the band the step leaves folds as the one it enters unfolds). A turn may also wait
 * a number of frames at least (`frames`), counted from when it was asked. A turn whose render
 * React's scheduler does later (in a task of its own after the turn's, which a frame may come
 * before) says so by returning `stillDrawing`: a frame that comes before its commit passes, and
 * the frame after the commit is still the turn's. A turn does not start in a frame that is
 * already late: a task turn whose frame's rendering ran past `LATE_MS` from the frame's start, or
 * an in-frame turn whose callback came `LATE_IN_FRAME_MS` after it, waits for the next frame (at
 * most `MAX_DEFERRALS` times), so its work is not added to a frame that has already overrun.
 * Where no frame comes (a hidden tab, which draws none), every waiting turn runs after a short
 * wait, in order.
 */

/** What a turn is for, in the order a step's turns are taken. */
const TURN_ORDER = ['step', 'lead', 'panels', 'count', 'unfold', 'wave'] as const
export type TurnKind = (typeof TURN_ORDER)[number]

export interface TurnOptions {
  /** Inside the animation frame callback instead of a task after the frame. */
  readonly inFrame?: boolean
  /** Animation frames to let pass first, from when the turn is asked (1: the next one). */
  readonly frames?: number
}

/**
 * A turn's work. It may return a question, `stillDrawing`, for work it leaves to React's
 * scheduler: while that answers true, its render has not reached the page, and the frames it
 * will reach stay the turn's.
 */
export type TurnRun = () => void | StillDrawing
export type StillDrawing = () => boolean

interface Turn {
  readonly run: TurnRun
  readonly kind: TurnKind
  /** The step the turn belongs to: how many steps had asked for a turn when it was asked. */
  readonly step: number
  readonly seq: number
  readonly inFrame: boolean
  /** Frames still to pass before the turn may be taken. */
  wait: number
  /** How many frames it has let pass because they were late. */
  deferred: number
}

/** How long to wait for a frame before running anyway: a hidden tab draws none. */
const NO_FRAME_MS = 100

const waiting: Turn[] = []
let steps = 0
let seq = 0
let frame = 0
let fallback: ReturnType<typeof setTimeout> | undefined
/** The turn that runs in a task after the frame just drawn (its rendering is the next frame). */
let next: { turn: Turn; timer: ReturnType<typeof setTimeout> } | null = null
/** Whether the coming frame's rendering is already a turn's (one ran after the last frame). */
let taken = false
/** The last turn's question, while its render may still be on its way (see `TurnRun`). */
let drawing: { still: StillDrawing; frames: number } | null = null
/**
 * How many frames a turn's render may hold before the next turn goes ahead anyway: React's
 * scheduler finishes a render within a frame or two; a render that never comes (its part was
 * unmounted first) must not stop playback.
 */
const MAX_DRAWING_FRAMES = 3

/**
 * A frame whose rendering has run this long from the frame's start has overrun its 16.7 ms: a
 * turn's script added after it (5–17 ms at 4× throttling) could push the next frame out to the
 * fourth vsync. Under throttling a step's heavier frames take 30–45 ms to render.
 */
const LATE_MS = 20
/**
 * An in-frame turn's render is its own frame's: one whose callback comes this late (a long task
 * ran before the frame) would overrun with it, where the next frame on time would not.
 */
const LATE_IN_FRAME_MS = 8
/** How many frames a turn waits for one that is not late; then it runs anyway. */
const MAX_DEFERRALS = 2
/** When the frame being drawn began, on `performance.now()`'s clock (its vsync). */
let frameBegan = 0

const rank = (t: Turn) => TURN_ORDER.indexOf(t.kind)
const before = (a: Turn, b: Turn) =>
  a.step !== b.step ? a.step < b.step : rank(a) !== rank(b) ? rank(a) < rank(b) : a.seq < b.seq

/** The first waiting turn that may be taken now, in turn order. */
const firstReady = (): Turn | null => {
  let best: Turn | null = null
  for (const t of waiting) if (t.wait <= 0 && (!best || before(t, best))) best = t
  return best
}

const remove = (t: Turn) => {
  const i = waiting.indexOf(t)
  if (i >= 0) waiting.splice(i, 1)
}

const drain = () => {
  fallback = undefined
  if (frame) cancelAnimationFrame(frame)
  frame = 0
  drawing = null
  const all = [...waiting].sort((a, b) => (before(a, b) ? -1 : 1))
  waiting.length = 0
  for (const t of all) t.run()
  ask()
}

/** Asks for the next frame while turns are waiting. */
const ask = () => {
  if (waiting.length === 0 || frame) return
  frame = requestAnimationFrame(onFrame)
  fallback ??= setTimeout(drain, NO_FRAME_MS)
}

const track = (still: void | StillDrawing) => {
  drawing = still ? { still, frames: 0 } : null
}

/** Later than this after its timestamp, a frame's callback is taken to be on another clock. */
const OTHER_CLOCK_MS = 50

/**
 * When a frame began: its callbacks' timestamp, the vsync, which is earlier than the callback when
 * the thread was busy. A browser's is on `performance.now()`'s clock; jsdom's is on its own (its
 * window's time origin, hundreds of milliseconds from Node's), and then the callback's time is
 * used.
 */
const beganAt = (timestamp: number, now: number): number =>
  Number.isFinite(timestamp) && timestamp <= now && now - timestamp < OTHER_CLOCK_MS
    ? timestamp
    : now

/** A turn waits for the next frame when this one is late, unless it has waited enough. */
const waitsForNext = (turn: Turn, late: boolean): boolean => {
  if (!late || turn.deferred >= MAX_DEFERRALS) return false
  turn.deferred += 1
  return true
}

function onFrame(timestamp: number) {
  const now = performance.now()
  frameBegan = beganAt(timestamp, now)
  frame = 0
  clearTimeout(fallback)
  fallback = undefined
  // A render React has not committed by this frame is committed after it, and drawn in the next:
  // that one stays the turn's too.
  if (drawing && (drawing.frames++ >= MAX_DRAWING_FRAMES || !drawing.still())) drawing = null
  const drawnByTurn = taken
  taken = drawing !== null
  for (const t of waiting) t.wait -= 1
  if (taken) return ask()
  let head = firstReady()
  if (head?.inFrame) {
    // This frame is free: the turn's rendering is this frame's. Otherwise it waits for the next,
    // and no turn after it is let in before it.
    if (drawnByTurn) return ask()
    if (waitsForNext(head, now - frameBegan > LATE_IN_FRAME_MS)) return ask()
    // Turns of one kind and step share the frame: a band folding and the next unfolding.
    const { kind, step } = head
    while (head?.inFrame && head.kind === kind && head.step === step) {
      remove(head)
      track(head.run())
      head = firstReady()
    }
  }
  if (head && !head.inFrame && !next) {
    const turn = head
    remove(turn)
    taken = true
    next = {
      turn,
      timer: setTimeout(() => {
        next = null
        if (waitsForNext(turn, performance.now() - frameBegan > LATE_MS)) {
          // The frame it was to follow overran: the next one is free for it.
          waiting.push(turn)
          taken = false
          return ask()
        }
        track(turn.run())
        ask()
      }, 0),
    }
  }
  ask()
}

/**
 * Runs `run` in the next free frame of its kind's turn (see the module's comment); returns the way
 * to cancel it, wherever it is. Without animation frames (jsdom without them) it runs after a
 * zero timer.
 */
export const takeTurn = (
  run: TurnRun,
  kind: TurnKind,
  { inFrame = false, frames = 1 }: TurnOptions = {},
): (() => void) => {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(() => void run(), 0)
    return () => clearTimeout(timer)
  }
  if (kind === 'step') steps += 1
  const turn: Turn = { run, kind, step: steps, seq: seq++, inFrame, wait: frames, deferred: 0 }
  waiting.push(turn)
  ask()
  return () => {
    remove(turn)
    if (next?.turn === turn) {
      clearTimeout(next.timer)
      next = null
      taken = false
    }
  }
}
