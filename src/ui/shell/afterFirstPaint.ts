import { afterNextFrame } from '../common/afterNextFrame'

let painted: Promise<void> | null = null

/**
 * Resolves once the page has painted a frame after this is first called (the frame after the
 * next animation frame), or after a second where no frame comes (a background tab). What is not
 * needed for the first screen waits for it, so fetching and running it never holds up the paint
 * that shows the page.
 */
export const afterFirstPaint = (): Promise<void> =>
  (painted ??= new Promise<void>((resolve) => void afterNextFrame(resolve)))
