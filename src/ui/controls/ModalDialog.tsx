import type { KeyboardEvent, ReactNode, RefObject } from 'react'
import { useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export interface ModalDialogOptions {
  readonly onClose: () => void
  /** The element that takes the focus when the dialog opens (its "Close" button, a search field). */
  readonly initialFocus: RefObject<HTMLElement | null>
  /**
   * True when every key pressed inside belongs to the dialog, so the page's shortcuts (step, play,
   * present) never see them; false when only Escape is kept from the page, so that Escape closes
   * the dialog and does not also leave presentation mode.
   */
  readonly ownsKeys?: boolean
  /** Escape's first job, if it has one (clearing a search field): return true when it did it. */
  readonly onEscape?: (e: KeyboardEvent<HTMLElement>) => boolean
}

/**
 * What every modal dialog here does: focus moves in on open, the page behind turns inert, Tab
 * wraps inside, Escape closes, and focus goes back to where it was (the button that opened it).
 */
export const useModalDialog = ({
  onClose,
  initialFocus,
  ownsKeys = false,
  onEscape,
}: ModalDialogOptions) => {
  const panel = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    initialFocus.current?.focus()
    // The page behind is inert while the dialog is open: no focus, no clicks, no reading.
    const app = document.querySelector<HTMLElement>('.app')
    app?.setAttribute('inert', '')
    return () => {
      app?.removeAttribute('inert')
      if (before?.isConnected) before.focus()
    }
  }, [initialFocus])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (ownsKeys) e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      if (!onEscape?.(e)) onClose()
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

  return { panel, onKeyDown }
}

interface Props extends Omit<ModalDialogOptions, 'initialFocus'> {
  /** The heading, which names the dialog; a "Close" button sits beside it. */
  readonly title: string
  /** Classes of the panel, `dialog` first. */
  readonly className: string
  readonly describedBy?: string
  /** Where the focus starts; the "Close" button unless given. */
  readonly initialFocus?: RefObject<HTMLElement | null>
  /** Puts the heading row inside the dialog's own top block (the library's search sits there). */
  readonly wrapHead?: (head: ReactNode) => ReactNode
  readonly children: ReactNode
}

/** A modal dialog over a backdrop (a click on the backdrop closes it), portalled to the body. */
export function ModalDialog({
  title,
  className,
  describedBy,
  initialFocus,
  wrapHead,
  children,
  ...options
}: Props) {
  const titleId = useId()
  const closeButton = useRef<HTMLButtonElement>(null)
  const { panel, onKeyDown } = useModalDialog({
    ...options,
    initialFocus: initialFocus ?? closeButton,
  })
  const { onClose } = options
  const head = (
    <div className="dialog-head">
      <h2 id={titleId}>{title}</h2>
      <button ref={closeButton} type="button" className="button" onClick={onClose}>
        Close
      </button>
    </div>
  )
  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
      >
        {wrapHead ? wrapHead(head) : head}
        {children}
      </div>
    </div>,
    document.body,
  )
}
