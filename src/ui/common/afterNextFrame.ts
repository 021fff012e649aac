/**
 * Runs `run` once the next frame has been drawn: an animation frame, then a zero timer, so it
 * comes after that frame's rendering, when layout is clean and the frame is on screen. Where no
 * frame comes (a background tab draws none) it runs after `fallbackMs` instead. Returns the way
 * to cancel it.
 */
export const afterNextFrame = (run: () => void, fallbackMs = 1000): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const fallback = setTimeout(() => {
    cancelAnimationFrame(frame)
    run()
  }, fallbackMs)
  const frame = requestAnimationFrame(() => {
    clearTimeout(fallback)
    timer = setTimeout(run, 0)
  })
  return () => {
    clearTimeout(fallback)
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}
