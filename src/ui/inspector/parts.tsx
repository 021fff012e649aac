import type { ReactNode } from 'react'
import { groupOf } from '../model/groups'
import type { HeaderChange } from './model'
import type { Origin } from './provenance'

/** A row of mutually exclusive buttons; `aria-pressed` says which one is on. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string
  options: readonly { value: T; label: string; disabled?: boolean; mark?: ReactNode }[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <div className="insp-toggle" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="insp-option"
          aria-pressed={option.value === value}
          disabled={option.disabled}
          onClick={() => onChange(option.value)}
        >
          {option.label}
          {option.mark}
        </button>
      ))}
    </div>
  )
}

const CHANGE_LABEL = { added: 'Added', changed: 'Changed', removed: 'Removed' } as const
const CHANGE_ICON = { added: '+', changed: '~', removed: '−' } as const

/** "+ Added", "~ Changed", "− Removed": a symbol and a word, with colour only repeating them. */
export function ChangeBadge({ kind }: { kind: HeaderChange['kind'] }) {
  return (
    <span className="change-badge" data-kind={kind}>
      <span className="change-icon" aria-hidden="true">
        {CHANGE_ICON[kind]}
      </span>
      {CHANGE_LABEL[kind]}
    </span>
  )
}

/** A stage's name with its layer's colour as a marker beside it (the name carries the meaning). */
export function OriginName({ origin }: { origin: Origin }) {
  return (
    <span className="origin" data-group={groupOf(origin.layer)}>
      <span className="origin-mark" aria-hidden="true" />
      {origin.who}
    </span>
  )
}
