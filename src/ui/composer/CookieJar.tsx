import { useEffect, useRef, useState } from 'react'
import type { CookieRow } from './draft'
import { FieldMessages, useField } from './fields'

type Part = 'name' | 'value' | 'domain' | 'path'

interface Props {
  readonly cookies: readonly CookieRow[]
  readonly onChange: (cookies: readonly CookieRow[]) => void
  readonly onAdd: () => void
}

function TextPart({
  cookie,
  n,
  part,
  label,
  onEdit,
}: {
  cookie: CookieRow
  n: number
  part: Part
  label: string
  onEdit: (part: Part, text: string) => void
}) {
  const field = useField(`cookie-${part}:${cookie.id}`)
  return (
    <label className="cookie-part" data-part={part}>
      <span className="cookie-part-label" aria-hidden="true">
        {label}
      </span>
      <input
        {...field}
        className="composer-input composer-mono"
        aria-label={`Cookie ${n} ${part}`}
        spellCheck={false}
        autoComplete="off"
        value={cookie[part]}
        onChange={(e) => onEdit(part, e.target.value)}
      />
    </label>
  )
}

/**
 * The browser's cookie jar before the request: each cookie as a small card (name, value, the
 * domain and path it is sent to, and its HttpOnly / Secure flags).
 */
export function CookieJar({ cookies, onChange, onAdd }: Props) {
  const root = useRef<HTMLDivElement>(null)
  const [focus, setFocus] = useState<number | 'add' | null>(null)

  useEffect(() => {
    if (focus === null || !root.current) return
    const target =
      focus === 'add'
        ? root.current.querySelector<HTMLElement>('.composer-add')
        : root.current.querySelector<HTMLElement>(`[data-cookie="${focus}"] input`)
    target?.focus()
    setFocus(null)
  }, [focus])

  const edit = (index: number, patch: Partial<CookieRow>) =>
    onChange(cookies.map((c, i) => (i === index ? { ...c, ...patch } : c)))
  const remove = (index: number) => {
    onChange(cookies.filter((_, i) => i !== index))
    setFocus(cookies.length > 1 ? Math.min(index, cookies.length - 2) : 'add')
  }

  return (
    <div className="composer-rows" ref={root}>
      {cookies.length > 0 ? (
        <ul className="cookie-list">
          {cookies.map((cookie, index) => {
            const n = index + 1
            const onEdit = (part: Part, text: string) => edit(index, { [part]: text })
            return (
              <li key={cookie.id} className="cookie-card" data-cookie={index}>
                <div className="cookie-grid">
                  <TextPart cookie={cookie} n={n} part="name" label="Name" onEdit={onEdit} />
                  <TextPart cookie={cookie} n={n} part="value" label="Value" onEdit={onEdit} />
                  <TextPart cookie={cookie} n={n} part="domain" label="Domain" onEdit={onEdit} />
                  <TextPart cookie={cookie} n={n} part="path" label="Path" onEdit={onEdit} />
                </div>
                <div className="cookie-flags">
                  <label className="composer-check">
                    <input
                      type="checkbox"
                      aria-label={`Cookie ${n} HttpOnly`}
                      checked={cookie.httpOnly}
                      onChange={(e) => edit(index, { httpOnly: e.target.checked })}
                    />
                    <span aria-hidden="true">HttpOnly</span>
                  </label>
                  <label className="composer-check">
                    <input
                      type="checkbox"
                      aria-label={`Cookie ${n} Secure`}
                      checked={cookie.secure}
                      onChange={(e) => edit(index, { secure: e.target.checked })}
                    />
                    <span aria-hidden="true">Secure</span>
                  </label>
                  <button
                    type="button"
                    className="button composer-small"
                    aria-label={`Remove cookie ${n}`}
                    onClick={() => remove(index)}
                  >
                    Remove
                  </button>
                </div>
                <div className="composer-row-messages">
                  {(['name', 'value', 'domain', 'path'] as const).map((part) => (
                    <FieldMessages key={part} field={`cookie-${part}:${cookie.id}`} />
                  ))}
                </div>
              </li>
            )
          })}
        </ul>
      ) : (
        <p className="composer-empty">The browser holds no cookies for this app yet.</p>
      )}
      <button
        type="button"
        className="button composer-add"
        onClick={() => {
          onAdd()
          setFocus(cookies.length)
        }}
      >
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 4v12M4 10h12" />
        </svg>
        Add cookie
      </button>
    </div>
  )
}
