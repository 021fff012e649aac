import { createContext, useContext } from 'react'
import type { FieldKey, Issue, Verdict } from './validate'

interface FieldInfo {
  readonly base: string
  readonly verdict: Verdict
}

export const FieldContext = createContext<FieldInfo>({
  base: 'composer',
  verdict: { errors: [], warnings: [] },
})

const ids = (base: string, key: FieldKey) => ({
  field: `${base}-${key}`,
  error: `${base}-${key}-error`,
  warning: `${base}-${key}-warning`,
})

const forKey = (list: readonly Issue[], key: FieldKey) => list.filter((i) => i.field === key)

/**
 * The attributes that tie a field to its messages: a stable id, `aria-invalid` while it has an
 * error, and `aria-describedby` naming its error and warning (plus any hint passed in).
 */
export const useField = (key: FieldKey, hint?: string) => {
  const { base, verdict } = useContext(FieldContext)
  const id = ids(base, key)
  const error = forKey(verdict.errors, key).length > 0
  const warning = forKey(verdict.warnings, key).length > 0
  const described = [error ? id.error : null, warning ? id.warning : null, hint ?? null].filter(
    Boolean,
  )
  return {
    id: id.field,
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {}),
  }
}

/** The id a field's input gets, for a `<label htmlFor>`. */
export const useFieldId = (key: FieldKey): string => ids(useContext(FieldContext).base, key).field

function ErrorIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="8" />
      <path d="M10 5.5v5.5M10 14.2v.1" />
    </svg>
  )
}

function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
      <path d="M10 2.5 18.5 17h-17z" />
      <path d="M10 8v4.2M10 14.6v.1" />
    </svg>
  )
}

/** The error and warning of one field, where it was typed; the words carry the meaning. */
export function FieldMessages({ field }: { field: FieldKey }) {
  const { base, verdict } = useContext(FieldContext)
  const id = ids(base, field)
  const errors = forKey(verdict.errors, field)
  const warnings = forKey(verdict.warnings, field)
  if (errors.length === 0 && warnings.length === 0) return null
  return (
    <>
      {errors.length > 0 ? (
        <p className="composer-message" data-kind="error" id={id.error}>
          <ErrorIcon />
          <span>{errors.map((e) => e.message).join(' ')}</span>
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <p className="composer-message" data-kind="warning" id={id.warning}>
          <WarningIcon />
          <span>{warnings.map((w) => w.message).join(' ')}</span>
        </p>
      ) : null}
    </>
  )
}
