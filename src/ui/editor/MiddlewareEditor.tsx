import type { DragEvent } from 'react'
import { useId, useLayoutEffect, useRef, useState } from 'react'
import type { Framework, MiddlewareKind, MiddlewareSpec } from '../../engine'
import { MIDDLEWARE_INFO } from '../model/middleware'
import { addableKinds, moveItem, nameOf, positionSentence } from './model'

interface Props {
  readonly framework: Framework
  readonly middleware: readonly MiddlewareSpec[]
  readonly onChange: (middleware: MiddlewareSpec[]) => void
}

type Direction = 'up' | 'down'

function Grip() {
  return (
    <svg className="ed-grip" viewBox="0 0 12 20" aria-hidden="true">
      {[4, 10, 16].flatMap((y) => [
        <circle key={`a${y}`} cx="3.5" cy={y} r="1.6" />,
        <circle key={`b${y}`} cx="8.5" cy={y} r="1.6" />,
      ])}
    </svg>
  )
}

function Arrow({ direction }: { readonly direction: Direction }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={direction === 'up' ? 'M12 19V5M6 11l6-6 6 6' : 'M12 5v14M6 13l6 6 6-6'} />
    </svg>
  )
}

/**
 * The middleware stack, outermost first. Reorder by dragging a row onto another (HTML5 drag and
 * drop) or with each row's "Move … up / down" buttons; every move is announced in words.
 */
export function MiddlewareEditor({ framework, middleware, onChange }: Props) {
  const [dragging, setDragging] = useState<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [adding, setAdding] = useState<MiddlewareKind | ''>('')
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const focusAfter = useRef<{ kind: string; direction: Direction } | null>(null)
  const focusAdd = useRef(false)
  const addId = useId()
  const listId = useId()
  const addable = addableKinds(middleware, framework)
  const choice = adding && addable.includes(adding) ? adding : (addable[0] ?? '')

  // After a keyboard move, keep focus on the moved row's button (or its twin at either end).
  useLayoutEffect(() => {
    if (focusAdd.current) {
      focusAdd.current = false
      document.getElementById(addId)?.focus()
    }
    const want = focusAfter.current
    if (!want) return
    focusAfter.current = null
    const same = buttons.current.get(`${want.kind}:${want.direction}`)
    const other = buttons.current.get(`${want.kind}:${want.direction === 'up' ? 'down' : 'up'}`)
    ;(same && !same.disabled ? same : other)?.focus()
  })

  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= middleware.length) return
    const next = moveItem(middleware, from, to)
    onChange(next)
    setAnnouncement(positionSentence(next, to))
  }

  const remove = (index: number) => {
    const spec = middleware[index]!
    onChange(middleware.filter((_, i) => i !== index))
    setAnnouncement(`${nameOf(spec)} removed.`)
    // The button pressed is gone; the "Add middleware" choice (now offering it) is nearest.
    focusAdd.current = true
  }

  const add = () => {
    if (!choice) return
    const next = [...middleware, { kind: choice } as MiddlewareSpec]
    onChange(next)
    setAdding('')
    setAnnouncement(`${nameOf({ kind: choice })} added: ${positionSentence(next, next.length - 1)}`)
  }

  const endDrag = () => {
    setDragging(null)
    setOver(null)
  }

  const onDrop = (e: DragEvent, to: number) => {
    e.preventDefault()
    const kind = e.dataTransfer?.getData('text/plain')
    const from = dragging ?? middleware.findIndex((m) => m.kind === kind)
    endDrag()
    if (from >= 0) move(from, to)
  }

  return (
    <div className="ed-mw">
      {middleware.length === 0 ? (
        <p className="ed-empty">No middleware: the request goes straight to the router.</p>
      ) : (
        <ol className="ed-mw-list" id={listId} aria-label="Middleware, outermost first">
          {middleware.map((spec, i) => {
            const name = nameOf(spec)
            return (
              <li
                key={spec.kind}
                className="ed-mw-row"
                draggable
                data-dragging={dragging === i ? 'true' : undefined}
                data-over={
                  over === i && dragging !== null && dragging !== i
                    ? dragging < i
                      ? 'after'
                      : 'before'
                    : undefined
                }
                onDragStart={(e) => {
                  setDragging(i)
                  if (e.dataTransfer) {
                    e.dataTransfer.effectAllowed = 'move'
                    e.dataTransfer.setData('text/plain', spec.kind)
                  }
                }}
                onDragOver={(e) => {
                  e.preventDefault()
                  if (e.dataTransfer) e.dataTransfer.dropEffect = 'move'
                  if (over !== i) setOver(i)
                }}
                onDragLeave={() => setOver((o) => (o === i ? null : o))}
                onDrop={(e) => onDrop(e, i)}
                onDragEnd={endDrag}
              >
                <Grip />
                <span className="ed-mw-index" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="ed-mw-text">
                  <span className="ed-mw-name">{name}</span>
                  <span className="ed-mw-hint">
                    {MIDDLEWARE_INFO[spec.kind].summary}
                    {spec.position === 'after-router'
                      ? ' · runs after the router'
                      : spec.kind === 'csrf'
                        ? ' · checks once the URL resolves (process_view)'
                        : ''}
                  </span>
                </span>
                <span className="ed-mw-actions">
                  {(['up', 'down'] as const).map((direction) => (
                    <button
                      key={direction}
                      ref={(el) => {
                        const key = `${spec.kind}:${direction}`
                        if (el) buttons.current.set(key, el)
                        else buttons.current.delete(key)
                      }}
                      type="button"
                      className="ed-icon-button"
                      aria-label={`Move ${name} ${direction}`}
                      title={`Move ${name} ${direction}`}
                      disabled={direction === 'up' ? i === 0 : i === middleware.length - 1}
                      onClick={() => {
                        focusAfter.current = { kind: spec.kind, direction }
                        move(i, direction === 'up' ? i - 1 : i + 1)
                      }}
                    >
                      <Arrow direction={direction} />
                    </button>
                  ))}
                  <button
                    type="button"
                    className="ed-icon-button ed-remove"
                    aria-label={`Remove ${name}`}
                    title={`Remove ${name}`}
                    onClick={() => remove(i)}
                  >
                    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
                      <path d="M6 6l12 12M18 6L6 18" />
                    </svg>
                  </button>
                </span>
              </li>
            )
          })}
          <li className="ed-mw-core" aria-hidden="true">
            router and your view
          </li>
        </ol>
      )}
      <p className="ed-announce" aria-live="polite">
        {announcement}
      </p>
      {addable.length > 0 ? (
        <div className="ed-add">
          <label htmlFor={addId} className="ed-label">
            Add middleware
          </label>
          <div className="ed-add-row">
            <select
              id={addId}
              className="ed-select"
              value={choice}
              aria-describedby={`${addId}-hint`}
              onChange={(e) => setAdding(e.target.value as MiddlewareKind)}
            >
              {addable.map((kind) => (
                <option key={kind} value={kind}>
                  {nameOf({ kind })}
                </option>
              ))}
            </select>
            <button type="button" className="button" onClick={add}>
              Add
            </button>
          </div>
          {choice ? (
            <p id={`${addId}-hint`} className="ed-hint">
              {nameOf({ kind: choice })} {MIDDLEWARE_INFO[choice].summary}. It goes innermost; move
              it from there.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
