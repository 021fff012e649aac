import type { ReactNode } from 'react'
import { useId, useState } from 'react'
import type { Theme } from '../../store'
import { ModalDialog } from '../controls/ModalDialog'
import { CopyField, THEME_CHOICES } from './CopyField'

/** What the reader chose in a "Share or embed" dialog, and what its exports last said. */
export interface ShareChoices {
  readonly withStep: boolean
  readonly setWithStep: (withStep: boolean) => void
  readonly theme: Theme
  readonly setTheme: (theme: Theme) => void
  readonly message: string
  readonly say: (message: string) => void
}

/** A dialog's choices: open at the step (at first yes), the theme (at first the app's). */
export const useShareChoices = (appTheme: Theme): ShareChoices => {
  const [withStep, setWithStep] = useState(true)
  const [theme, setTheme] = useState<Theme>(appTheme)
  const [message, say] = useState('')
  return { withStep, setWithStep, theme, setTheme, message, say }
}

/** The words that differ between the journey's dialog and the page load's. */
export interface ShareTexts {
  readonly link: string
  readonly linkHint: string
  readonly iframeHint: string
  readonly exportTitle: string
}

interface ShareOptionsProps {
  readonly choices: ShareChoices
  readonly texts: ShareTexts
  readonly onClose: () => void
  /** What the link opens, said first. */
  readonly lead: ReactNode
  /** Said under the lead (a journey on a kept-alive connection). */
  readonly notice?: ReactNode
  /** The "Open at step …" checkbox's words; it is off and greyed when `stepDisabled`. */
  readonly stepLabel: string
  readonly stepDisabled?: boolean
  readonly link: string
  readonly iframe: string
  /** More ways to embed, after the iframe (the journey's `<roundtrip-embed>` element). */
  readonly moreEmbeds?: ReactNode
  readonly exportHint: string
  /** The export buttons. */
  readonly children: ReactNode
}

/**
 * "Share or embed", as both its dialogs (a journey's, a page load's) show it: what the link opens,
 * open at this step, the theme, the link, the `<iframe>` for a course page, and the exports for
 * readers without Roundtrip. A modal dialog: focus stays inside, Escape closes, focus goes back.
 */
export function ShareOptions({
  choices,
  texts,
  onClose,
  lead,
  notice,
  stepLabel,
  stepDisabled = false,
  link,
  iframe,
  moreEmbeds,
  exportHint,
  children,
}: ShareOptionsProps) {
  const leadId = useId()
  const stepId = useId()
  const themeId = useId()
  const embedId = useId()
  const exportId = useId()
  return (
    // Keys typed here are the dialog's: the page's shortcuts must not step what is behind it.
    <ModalDialog
      title="Share or embed"
      className="dialog share-dialog"
      describedBy={leadId}
      onClose={onClose}
      ownsKeys
    >
      <p id={leadId} className="dialog-lead">
        {lead}
      </p>
      {notice}

      <div className="share-options">
        <label className="share-check" htmlFor={stepId}>
          <input
            id={stepId}
            type="checkbox"
            checked={choices.withStep && !stepDisabled}
            disabled={stepDisabled || undefined}
            onChange={(e) => choices.setWithStep(e.target.checked)}
          />
          {stepLabel}
        </label>
        <label className="share-theme" htmlFor={themeId}>
          Theme
          <select
            id={themeId}
            value={choices.theme}
            onChange={(e) => choices.setTheme(e.target.value as Theme)}
          >
            {THEME_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="share-section share-link">
        <CopyField label={texts.link} hint={texts.linkHint} value={link} copyLabel="Copy link" />
      </div>

      <section className="share-section" aria-labelledby={embedId}>
        <h3 id={embedId} className="dialog-sub">
          Embed in a course page
        </h3>
        <CopyField
          label="iframe"
          hint={texts.iframeHint}
          value={iframe}
          rows={4}
          copyLabel="Copy iframe"
        />
        {moreEmbeds}
      </section>

      <section className="share-section" aria-labelledby={exportId}>
        <h3 id={exportId} className="dialog-sub">
          {texts.exportTitle}
        </h3>
        <p className="share-hint">{exportHint}</p>
        <div className="share-exports">{children}</div>
        <p className="share-message" aria-live="polite">
          {choices.message}
        </p>
      </section>
    </ModalDialog>
  )
}
