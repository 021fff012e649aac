import { useId, useRef } from 'react'
import type { Depth } from '../../store'
import { DEPTHS, selectDepth, selectSetDepth, useStore } from '../../store'

const LABELS: Record<Depth, string> = {
  simple: 'Simple',
  standard: 'Standard',
  deep: 'Deep',
}

const HINTS: Record<Depth, string> = {
  simple: 'Everyday comparisons, no jargon',
  standard: 'What happens and why',
  deep: 'Protocol and framework detail',
}

/** "Explanation depth": how much the Explain panel says, as one segmented radio group. */
export function DepthSwitch() {
  const depth = useStore(selectDepth)
  const setDepth = useStore(selectSetDepth)
  const name = useId()
  const labelId = useId()
  // Set by a pointer press on a segment: arrow keys on the radios never move the focus away.
  const pointer = useRef(false)
  return (
    <div className="depth">
      <span id={labelId} className="depth-label">
        Explanation depth
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={labelId}>
        {DEPTHS.map((value) => (
          <label
            key={value}
            className="segment"
            title={HINTS[value]}
            onPointerDown={() => (pointer.current = true)}
          >
            <input
              type="radio"
              name={name}
              value={value}
              checked={depth === value}
              onChange={(e) => {
                setDepth(value)
                if (!pointer.current) return
                pointer.current = false
                // Chosen with the mouse: the keys go back to the page (the panel takes focus once
                // the click is done), so → steps the journey rather than changing the depth.
                const panel = e.currentTarget.closest<HTMLElement>('[role="tabpanel"]')
                setTimeout(() => panel?.focus({ preventScroll: true }), 0)
              }}
            />
            <span>{LABELS[value]}</span>
          </label>
        ))}
      </div>
    </div>
  )
}
