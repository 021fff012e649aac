import { useEffect, useRef, useState } from 'react'
import { selectBlanked, selectPlayhead, selectSetBlanked, useStore } from '../../store'
import { usePresentation } from './usePresentation'
import { usePresenterHost } from './usePresenterHost'
import './present.css'

const SAY = {
  blanked: 'Screen blanked. Press any key to show it again.',
  unblanked: 'Screen shown again.',
  presenting: 'Presentation mode. Escape or P leaves it; B blanks the screen.',
  left: 'Presentation mode left.',
} as const

/** Says each change of mode once, politely, without touching the step's own status line. */
const useAnnouncement = (presenting: boolean, blanked: boolean): string => {
  const [text, setText] = useState('')
  const before = useRef({ presenting, blanked })
  useEffect(() => {
    const was = before.current
    before.current = { presenting, blanked }
    if (blanked !== was.blanked) setText(blanked ? SAY.blanked : SAY.unblanked)
    else if (presenting !== was.presenting) setText(presenting ? SAY.presenting : SAY.left)
  }, [presenting, blanked])
  return text
}

/**
 * Scrolls the unfolded band's steps (clipped to the room left on the stage: present.css) so the
 * current one is in view with a row of context either side. Runs three frames after the step:
 * the band unfolds two frames after the commit (LayerGroup), and this reads the layout that
 * frame needs anyway.
 */
const keepCurrentRowInBand = () => {
  const row = document.querySelector<HTMLElement>(
    '.band[aria-current="step"] [data-state="current"]',
  )
  const scroller = row?.closest<HTMLElement>('.band-events')
  if (!row || !scroller || scroller.scrollHeight <= scroller.clientHeight) return
  const box = row.getBoundingClientRect()
  const view = scroller.getBoundingClientRect()
  const context = Math.min(box.height, view.height / 4)
  const above = view.top + context - box.top
  const below = box.bottom - (view.bottom - context)
  const by = above > 0 ? -above : below > 0 ? below : 0
  if (by === 0) return
  const reduce = document.documentElement.dataset.motion === 'reduce'
  scroller.scrollBy({ top: by, behavior: reduce ? 'auto' : 'smooth' })
}

const useCurrentRowInBand = (presenting: boolean): void => {
  const playhead = useStore(selectPlayhead)
  useEffect(() => {
    if (!presenting) return
    let frames = 0
    let id = 0
    const wait = () => {
      frames += 1
      if (frames < 3) id = requestAnimationFrame(wait)
      else keepCurrentRowInBand()
    }
    id = requestAnimationFrame(wait)
    return () => cancelAnimationFrame(id)
  }, [presenting, playhead])
}

/**
 * Presentation mode's page-wide parts: the root attributes, fullscreen, the `present` hash key,
 * the presenter window link, and the black screen B shows. Rendered once, beside the app.
 */
export function PresentMode() {
  const presenting = usePresentation()
  usePresenterHost()
  useCurrentRowInBand(presenting)
  const blanked = useStore(selectBlanked)
  const setBlanked = useStore(selectSetBlanked)
  const announcement = useAnnouncement(presenting, blanked)

  return (
    <>
      <p className="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      {blanked ? (
        // Keys un-blank through the page's shortcuts; a click (or a tap) does it here.
        <div
          className="present-blank"
          data-testid="blank-screen"
          aria-hidden="true"
          onClick={() => setBlanked(false)}
        />
      ) : null}
    </>
  )
}
