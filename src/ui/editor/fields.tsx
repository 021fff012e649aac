import type { ReactNode } from 'react'
import { useId, useState } from 'react'

interface DraftProps {
  /** The visible label; with `labelledBy` the field's name is that plus this. */
  readonly label: string
  readonly value: string
  /** Why `text` cannot be used, or `null` when it can. */
  readonly validate: (text: string) => string | null
  readonly onCommit: (text: string) => void
  readonly hint?: string
  readonly numeric?: boolean
  /** An id whose text is added to the accessible name, e.g. the route's heading. */
  readonly labelledBy?: string
  readonly className?: string
  readonly mono?: boolean
}

/**
 * A text field that is checked as you type and applied when you leave it or press Enter, so
 * the request is not re-run on every keystroke and a half-typed value never reaches the app.
 */
export function DraftField({
  label,
  value,
  validate,
  onCommit,
  hint,
  numeric = false,
  labelledBy,
  className,
  mono = false,
}: DraftProps) {
  const [draft, setDraft] = useState(value)
  const [shown, setShown] = useState(value)
  // The app changed underneath (reset, import, another field): show the new value.
  if (shown !== value) {
    setShown(value)
    setDraft(value)
  }
  const id = useId()
  const problem = validate(draft)
  const commit = () => {
    if (problem === null && draft !== value) onCommit(draft)
  }
  const describedBy = [problem ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className={`ed-field ${className ?? ''}`}>
      <label id={`${id}-label`} htmlFor={id} className="ed-label">
        {label}
      </label>
      <input
        id={id}
        className={`ed-input${mono ? ' ed-mono' : ''}`}
        value={draft}
        inputMode={numeric ? 'decimal' : undefined}
        spellCheck={false}
        autoComplete="off"
        aria-labelledby={labelledBy ? `${id}-label ${labelledBy}` : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
          if (e.key === 'Escape' && draft !== value) {
            e.preventDefault()
            setDraft(value)
          }
        }}
      />
      {hint ? (
        <p id={`${id}-hint`} className="ed-hint">
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} className="ed-error">
          <span className="ed-error-icon" aria-hidden="true">
            !
          </span>
          {problem}
        </p>
      ) : null}
    </div>
  )
}

/** A whole number from `min` to `max`, or the reason it is not one. */
export const numberProblem =
  (min: number, max: number, unit = '') =>
  (text: string): string | null => {
    const n = Number(text.trim())
    if (text.trim() === '' || !Number.isFinite(n)) return 'Enter a number.'
    if (n < min || n > max)
      return `Enter a number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}${unit}.`
    return null
  }

interface SelectProps<T extends string> {
  readonly label: string
  readonly value: T
  readonly options: readonly { readonly value: T; readonly label: string }[]
  readonly onChange: (value: T) => void
  readonly labelledBy?: string
  readonly hint?: string
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  labelledBy,
  hint,
}: SelectProps<T>) {
  const id = useId()
  return (
    <div className="ed-field">
      <label id={`${id}-label`} htmlFor={id} className="ed-label">
        {label}
      </label>
      <select
        id={id}
        className="ed-select"
        value={value}
        aria-labelledby={labelledBy ? `${id}-label ${labelledBy}` : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="ed-hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function Toggle({
  label,
  checked,
  onChange,
  hint,
}: {
  readonly label: string
  readonly checked: boolean
  readonly onChange: (checked: boolean) => void
  readonly hint?: string
}) {
  const id = useId()
  return (
    <div className="ed-toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="ed-hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

export function Section({
  title,
  lede,
  children,
}: {
  readonly title: string
  readonly lede?: ReactNode
  readonly children: ReactNode
}) {
  const id = useId()
  return (
    <section className="ed-section" aria-labelledby={id}>
      <h2 id={id} className="ed-heading">
        {title}
      </h2>
      {lede ? <p className="ed-lede">{lede}</p> : null}
      {children}
    </section>
  )
}
