import type { KeyboardEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import type { Theme } from '../../store'
import { selectSetTheme, selectTheme, useStore } from '../../store'
import { MotionToggle } from '../controls/MotionToggle'

/** The themes a viewer picks here; `projector` belongs to presentation mode. */
const CHOICES: readonly { readonly value: Exclude<Theme, 'projector'>; readonly label: string }[] =
  [
    { value: 'system', label: 'As the system' },
    { value: 'light', label: 'Light' },
    { value: 'dark', label: 'Dark' },
  ]

function SlidersIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 5h8M15 5h2M3 10h2M9 10h8M3 15h10M17 15h0" />
      <circle cx="13" cy="5" r="2" />
      <circle cx="7" cy="10" r="2" />
      <circle cx="15" cy="15" r="2" />
    </svg>
  )
}

/**
 * "Display" in the header: the theme and the reduce-motion switch, in a small panel that opens
 * below the button (the disclosure pattern). Escape or a click elsewhere closes it, and Escape
 * gives focus back to the button.
 */
export function DisplayMenu() {
  const [open, setOpen] = useState(false)
  const theme = useStore(selectTheme)
  const setTheme = useStore(selectSetTheme)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const name = useId()

  useEffect(() => {
    if (!open) return
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', outside)
    return () => document.removeEventListener('pointerdown', outside)
  }, [open])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || !open) return
    // The page's own shortcuts must not see this Escape (presentation mode listens for it).
    e.stopPropagation()
    setOpen(false)
    button.current?.focus()
  }

  return (
    <div className="display-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button tool-button"
        aria-expanded={open}
        aria-controls={panelId}
        title="Display: theme and motion"
        onClick={() => setOpen((o) => !o)}
      >
        <SlidersIcon />
        <span className="tool-text">Display</span>
      </button>
      <div id={panelId} className="display-panel" hidden={!open}>
        <fieldset className="display-themes">
          <legend>Theme</legend>
          {CHOICES.map((c) => (
            <label key={c.value} className="display-choice">
              <input
                type="radio"
                name={name}
                value={c.value}
                checked={theme === c.value || (theme === 'projector' && c.value === 'system')}
                onChange={() => setTheme(c.value)}
              />
              {c.label}
            </label>
          ))}
        </fieldset>
        <MotionToggle />
      </div>
    </div>
  )
}
