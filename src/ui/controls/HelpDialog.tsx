import { Fragment, useId } from 'react'
import { ModelTruth } from '../code/ModelTruth'
import { ModalDialog } from './ModalDialog'
import type { Shortcut } from './shortcuts'
import { LOCAL_SHORTCUTS, SHORTCUTS } from './shortcuts'

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
  const descriptionId = useId()

  if (!open) return null

  return (
    <ModalDialog
      title="Keyboard shortcuts"
      className="dialog"
      describedBy={descriptionId}
      onClose={onClose}
    >
      <p id={descriptionId} className="dialog-lead">
        They work anywhere on the page except while typing in a field. Space plays even on a focused
        button (Enter presses it), so it never sends the request again; on a button in a form, a
        dialog or the lesson card, Space presses it. A presenter’s clicker sends Page Down and Page
        Up, so it steps too.
      </p>
      <dl className="shortcuts-list">
        <ShortcutRows list={SHORTCUTS} />
      </dl>
      <h3 className="dialog-sub">Where the focus is</h3>
      <dl className="shortcuts-list">
        <ShortcutRows list={LOCAL_SHORTCUTS} />
      </dl>
      <ModelTruth />
    </ModalDialog>
  )
}
