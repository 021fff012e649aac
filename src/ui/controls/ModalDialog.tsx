import type { KeyboardEvent, MouseEvent, ReactNode, RefObject, SyntheticEvent } from 'react'
import { useId, useLayoutEffect, useRef } from 'react'
import { createPortal } from 'react-dom'

interface ModalDialogOptions {
  readonly onClose: () => void
  /** The element that takes the focus when the dialog opens (its "Close" button, a search field). */
  readonly initialFocus: RefObject<HTMLElement | null>
  /**
   * True when every key pressed inside belongs to the dialog, so the page's shortcuts (step, play,
   * present) never see them; false when they may, as the page's shortcuts leave Escape and the
   * presentation keys to a dialog that has the focus.
   */
  readonly ownsKeys?: boolean
  /** Escape's first job, if it has one (clearing a search field): return true when it did it. */
  readonly onEscape?: (e: KeyboardEvent<HTMLElement>) => boolean
}

/** True when a press on the dialog element itself fell outside its box: on the ::backdrop. */
const onBackdrop = (e: MouseEvent<HTMLDialogElement>): boolean => {
  if (e.target !== e.currentTarget) return false
  const box = e.currentTarget.getBoundingClientRect()
  return (
    e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom
  )
}

/**
 * What every modal dialog here does, on a native `<dialog>` opened with `showModal()`: the
 * browser turns the page behind inert (no focus, no clicks, no reading), so Tab goes round the
 * dialog (and the browser's own toolbar between rounds, never the page), and Escape fires
 * `cancel`, which closes it. The focus moves in on open and back to where it was (the button that
 * opened it) on close: the browser only does that for close(), and these dialogs close by being
 * unmounted.
 */
const useModalDialog = ({
  onClose,
  initialFocus,
  ownsKeys = false,
  onEscape,
}: ModalDialogOptions) => {
  const dialog = useRef<HTMLDialogElement>(null)

  // Before paint, so the dialog never shows as a closed box for a frame.
  useLayoutEffect(() => {
    const node = dialog.current
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (node && !node.open) node.showModal()
    initialFocus.current?.focus()
    return () => {
      node?.close()
      if (before?.isConnected) before.focus()
    }
  }, [initialFocus])

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (ownsKeys) e.stopPropagation()
    // Done here, Escape's first job keeps the browser from turning the key into `cancel`.
    if (e.key === 'Escape' && onEscape?.(e)) e.preventDefault()
  }
  const onCancel = (e: SyntheticEvent<HTMLDialogElement>) => {
    // Unmounting is what closes it, so the browser does not close it on its own.
    e.preventDefault()
    onClose()
  }
  const onMouseDown = (e: MouseEvent<HTMLDialogElement>) => {
    if (!onBackdrop(e)) return
    // Else the press would then move the focus to the page, away from the opener it went back to.
    e.preventDefault()
    onClose()
  }

  return { dialog, onKeyDown, onCancel, onMouseDown }
}

interface Props extends Omit<ModalDialogOptions, 'initialFocus'> {
  /** The heading, which names the dialog; a "Close" button sits beside it. */
  readonly title: string
  /** Classes of the dialog, `dialog` first. */
  readonly className: string
  readonly describedBy?: string
  /** Where the focus starts; the "Close" button unless given. */
  readonly initialFocus?: RefObject<HTMLElement | null>
  /** Puts the heading row inside the dialog's own top block (the library's search sits there). */
  readonly wrapHead?: (head: ReactNode) => ReactNode
  readonly children: ReactNode
}

/** A modal dialog over a dimmed ::backdrop (a click on it closes), portalled to the body. */
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
  const { dialog, ...handlers } = useModalDialog({
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
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      {...handlers}
    >
      {wrapHead ? wrapHead(head) : head}
      {children}
    </dialog>,
    document.body,
  )
}
