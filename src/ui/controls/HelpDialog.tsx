import type { KeyboardEvent } from 'react'
import { Fragment, useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'
import type { Shortcut } from './shortcuts'
import { LOCAL_SHORTCUTS, SHORTCUTS } from './shortcuts'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface Props {
  readonly open: boolean
  readonly onClose: () => void
}

function ShortcutRows({ list }: { list: readonly Shortcut[] }) {
  return list.map(({ keys, action }) => (
    <div key={action} className="shortcut">
      <dt>
        {keys.map((combo, i) => (
          <Fragment key={combo.join('+')}>
            {i > 0 ? <span className="shortcut-or"> or </span> : null}
            {combo.map((key, j) => (
              <Fragment key={key}>
                {j > 0 ? <span aria-hidden="true">+</span> : null}
                <kbd>{key}</kbd>
              </Fragment>
            ))}
          </Fragment>
        ))}
      </dt>
      <dd>{action}</dd>
    </div>
  ))
}

/**
 * The list of keyboard shortcuts, as a modal dialog: focus moves in and stays in (Tab wraps),
 * Escape or "Close" shuts it, and focus goes back to where it was.
 */
export function HelpDialog({ open, onClose }: Props) {
  const panel = useRef<HTMLDivElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    if (!open) return
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    closeButton.current?.focus()
    // The page behind is inert while the dialog is open: no focus, no clicks, no reading.
    const app = document.querySelector<HTMLElement>('.app')
    app?.setAttribute('inert', '')
    return () => {
      app?.removeAttribute('inert')
      if (before?.isConnected) before.focus()
    }
  }, [open])

  if (!open) return null

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onClose()
      return
    }
    if (e.key !== 'Tab' || !panel.current) return
    const items = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) return
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onKeyDown={onKeyDown}
      >
        <div className="dialog-head">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p id={descriptionId} className="dialog-lead">
          They work anywhere on the page except while typing in a field. A presenter’s clicker sends
          Page Down and Page Up, so it steps too.
        </p>
        <dl className="shortcuts-list">
          <ShortcutRows list={SHORTCUTS} />
        </dl>
        <h3 className="dialog-sub">Where the focus is</h3>
        <dl className="shortcuts-list">
          <ShortcutRows list={LOCAL_SHORTCUTS} />
        </dl>
      </div>
    </div>,
    document.body,
  )
}
