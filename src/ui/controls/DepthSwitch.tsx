import { useId } from 'react'
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
  return (
    <div className="depth">
      <span id={labelId} className="depth-label">
        Explanation depth
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={labelId}>
        {DEPTHS.map((value) => (
          <label key={value} className="segment" title={HINTS[value]}>
            <input
              type="radio"
              name={name}
              value={value}
              checked={depth === value}
              onChange={() => setDepth(value)}
            />
            <span>{LABELS[value]}</span>
          </label>
        ))}
      </div>
    </div>
  )
}
