/** How long to wait for a frame before running anyway: a hidden tab draws none. */
const NO_FRAME_MS = 100

/**
 * Runs `then` in a task of its own right after the next frame has been drawn; returns the way to
 * cancel it.
 *
 * Why: the DOM a task changes is drawn by the next frame, and under CPU throttling a task plus
 * that frame's style, layout and paint is what overruns. A change made just after a frame (the
 * animation frame callback, then a zero timer: the timer's task comes after the frame's
 * rendering) has the whole frame interval ahead of it before the next one is due. A change made
 * inside an animation frame callback has none: its rendering is that frame's. Where there are no
 * frames (jsdom without them, a hidden tab), `then` runs after a short wait instead.
 */
export const afterNextFrame = (then: () => void): (() => void) => {
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  // `then` is the timer's own callback, so a long-animation-frame entry names the caller's
  // function (the step, the panels, the word count) rather than a wrapper here.
  const framed = typeof requestAnimationFrame === 'function'
  const fallback = setTimeout(
    () => {
      if (frame) cancelAnimationFrame(frame)
      frame = 0
      then()
    },
    framed ? NO_FRAME_MS : 0,
  )
  if (framed)
    frame = requestAnimationFrame(() => {
      frame = 0
      clearTimeout(fallback)
      timer = setTimeout(then, 0)
    })
  return () => {
    if (frame) cancelAnimationFrame(frame)
    clearTimeout(timer)
    clearTimeout(fallback)
  }
}

/**
 * Runs `then` just after the `frames`-th frame from now has been drawn (afterNextFrame, that
 * many times over); returns the way to cancel it wherever it is.
 */
export const afterFrames = (frames: number, then: () => void): (() => void) => {
  let cancel = () => {}
  const wait = (left: number) => {
    cancel = left <= 1 ? afterNextFrame(then) : afterNextFrame(() => wait(left - 1))
  }
  wait(frames)
  return () => cancel()
}
