import { useEffect, useRef, useState } from 'react'
import { selectBlanked, selectSetBlanked, useStore } from '../../store'
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
 * Presentation mode's page-wide parts: the root attributes, fullscreen, the `present` hash key,
 * the presenter window link, and the black screen B shows. Rendered once, beside the app.
 */
export function PresentMode() {
  const presenting = usePresentation()
  usePresenterHost()
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
