import type { ComponentType, LazyExoticComponent, ReactNode } from 'react'
import { Suspense, useCallback, useState } from 'react'

/** A dialog that closes itself through `onClose` (unmounting it is what closes it). */
type DialogComponent = LazyExoticComponent<ComponentType<{ onClose: () => void }>>

interface Props {
  /** The dialog, made with `React.lazy` at module level so its chunk loads on first open. */
  readonly dialog: DialogComponent
  /** The dialog's import: given, its chunk is fetched on the first hover or focus, before a click. */
  readonly preload?: () => Promise<unknown>
  readonly icon: ReactNode
  readonly label: string
  /** Extra class next to `button tool-button`. */
  readonly className: string
  readonly title?: string
}

/** A compact header button (icon and short text) that opens a lazily loaded modal dialog. */
export function LazyDialogButton({
  dialog: Dialog,
  preload,
  icon,
  label,
  className,
  title,
}: Props) {
  const [open, setOpen] = useState(false)
  const close = useCallback(() => setOpen(false), [])
  const warm = preload ? () => void preload().catch(() => undefined) : undefined
  return (
    <>
      <button
        type="button"
        className={`button tool-button ${className}`}
        aria-haspopup="dialog"
        title={title}
        onClick={() => setOpen(true)}
        onPointerEnter={warm}
        onFocus={warm}
      >
        {icon}
        <span className="tool-text">{label}</span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <Dialog onClose={close} />
        </Suspense>
      ) : null}
    </>
  )
}
