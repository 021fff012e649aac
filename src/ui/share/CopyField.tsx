import { useEffect, useId, useRef, useState } from 'react'
import type { Theme } from '../../store'
import { copyText, selectToCopy } from '../common/clipboard'

export const THEME_CHOICES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'Viewer’s setting' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'projector', label: 'Projector' },
]

/** Copies text; falls back to selecting it in its field so Ctrl+C finishes the job. */
const copy = async (text: string, field: HTMLInputElement | HTMLTextAreaElement | null) => {
  if (await copyText(text)) return 'Copied.'
  selectToCopy(field)
  return 'Copying was blocked here; the text is selected, press Ctrl+C (⌘C on a Mac).'
}

interface CopyFieldProps {
  readonly label: string
  readonly hint: string
  readonly value: string
  readonly rows?: number
  readonly copyLabel: string
}

export function CopyField({ label, hint, value, rows, copyLabel }: CopyFieldProps) {
  const id = useId()
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null)
  const [message, setMessage] = useState('')
  useEffect(() => setMessage(''), [value])
  const props = {
    id,
    ref: field,
    className: 'share-field',
    value,
    readOnly: true,
    spellCheck: false,
    'aria-describedby': `${id}-hint`,
    onFocus: () => field.current?.select(),
  }
  return (
    <div className="share-copy">
      <label htmlFor={id} className="share-label">
        {label}
      </label>
      <p id={`${id}-hint`} className="share-hint">
        {hint}
      </p>
      <div className="share-copy-row">
        {rows ? <textarea rows={rows} {...props} /> : <input type="text" {...props} />}
        <button
          type="button"
          className="button"
          onClick={() => void copy(value, field.current).then(setMessage)}
        >
          {copyLabel}
        </button>
      </div>
      <p className="share-message" aria-live="polite">
        {message}
      </p>
    </div>
  )
}
