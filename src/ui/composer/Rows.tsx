import { useEffect, useRef, useState } from 'react'
import { FieldMessages, useField } from './fields'

interface RowView {
  readonly key: string | number
  readonly name: string
  readonly value: string
}

type Part = 'name' | 'value'

interface Props {
  /** "Header", "Parameter", "Field": names each input ("Header 2 value") and button. */
  readonly noun: string
  /** The validation key prefix: `header` gives `header-name:<key>` and `header-value:<key>`. */
  readonly keyPrefix: string
  readonly rows: readonly RowView[]
  readonly onEdit: (index: number, part: Part, text: string) => void
  readonly onAdd: () => void
  readonly onRemove: (index: number) => void
  readonly placeholders: readonly [string, string]
  /** The text shown when there are no rows. */
  readonly empty: string
  /**
   * A value that may hold a line break is a textarea, so a pasted CR/LF stays visible and can be
   * pointed at (a text input would silently strip it).
   */
  readonly multilineValue?: boolean
}

type Focus = { readonly part: 'name' | 'remove'; readonly index: number } | { readonly part: 'add' }

function Row({
  noun,
  keyPrefix,
  row,
  index,
  onEdit,
  onRemove,
  placeholders,
  multilineValue,
}: Omit<Props, 'rows' | 'onAdd' | 'empty'> & { row: RowView; index: number }) {
  const n = index + 1
  const nameKey = `${keyPrefix}-name:${row.key}`
  const valueKey = `${keyPrefix}-value:${row.key}`
  const name = useField(nameKey)
  const value = useField(valueKey)
  const valueProps = {
    ...value,
    className: 'composer-input composer-mono',
    'aria-label': `${noun} ${n} value`,
    placeholder: placeholders[1],
    spellCheck: false,
    autoComplete: 'off',
    value: row.value,
  }
  return (
    <li className="composer-row" data-row={index}>
      <input
        {...name}
        className="composer-input composer-mono"
        aria-label={`${noun} ${n} name`}
        placeholder={placeholders[0]}
        spellCheck={false}
        autoComplete="off"
        value={row.name}
        onChange={(e) => onEdit(index, 'name', e.target.value)}
      />
      {multilineValue ? (
        <textarea
          {...valueProps}
          rows={1}
          onChange={(e) => onEdit(index, 'value', e.target.value)}
        />
      ) : (
        <input {...valueProps} onChange={(e) => onEdit(index, 'value', e.target.value)} />
      )}
      <button
        type="button"
        className="composer-remove"
        aria-label={`Remove ${noun.toLowerCase()} ${n}`}
        title={`Remove ${noun.toLowerCase()} ${n}`}
        data-remove={index}
        onClick={() => onRemove(index)}
      >
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M5.5 5.5l9 9M14.5 5.5l-9 9" />
        </svg>
      </button>
      <div className="composer-row-messages">
        <FieldMessages field={nameKey} />
        <FieldMessages field={valueKey} />
      </div>
    </li>
  )
}

/**
 * Name/value rows with add and remove (headers, query parameters, form fields). Focus follows the
 * change: a new row's name, or after a removal the next row's remove button, else "Add".
 */
export function Rows(props: Props) {
  const { noun, rows, onAdd, onRemove, empty } = props
  const list = useRef<HTMLDivElement>(null)
  const [focus, setFocus] = useState<Focus | null>(null)

  useEffect(() => {
    if (!focus || !list.current) return
    const root = list.current
    const target =
      focus.part === 'add'
        ? root.querySelector<HTMLElement>('.composer-add')
        : focus.part === 'name'
          ? root.querySelector<HTMLElement>(`[data-row="${focus.index}"] input`)
          : root.querySelector<HTMLElement>(`[data-remove="${focus.index}"]`)
    target?.focus()
    setFocus(null)
  }, [focus])

  const remove = (index: number) => {
    onRemove(index)
    const left = rows.length - 1
    setFocus(left === 0 ? { part: 'add' } : { part: 'remove', index: Math.min(index, left - 1) })
  }

  return (
    <div className="composer-rows" ref={list}>
      {rows.length > 0 ? (
        <ul className="composer-row-list">
          {rows.map((row, index) => (
            <Row key={row.key} {...props} row={row} index={index} onRemove={remove} />
          ))}
        </ul>
      ) : (
        <p className="composer-empty">{empty}</p>
      )}
      <button
        type="button"
        className="button composer-add"
        onClick={() => {
          onAdd()
          setFocus({ part: 'name', index: rows.length })
        }}
      >
        <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 4v12M4 10h12" />
        </svg>
        Add {noun.toLowerCase()}
      </button>
    </div>
  )
}
