import { useId, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { LinkWrite } from '../../link/hash'
import { pageValuesOf, serializeLink } from '../../link/hash'
import { pageChoiceOf, pageView } from '../../link/page'
import type { Theme } from '../../store'
import { useStore as useAppStore } from '../../store'
import { ModalDialog } from '../controls/ModalDialog'
import { downloadText, fileStem } from '../export/download'
import { pageToMermaid } from '../export/pageMermaid'
import { pageMarkdown } from '../page/markdown'
import { stepsOf, titleOf, traceOf } from '../page/model'
import { CopyField, THEME_CHOICES } from './CopyField'
import { appUrlOf, baseUrlOf, embedUrlOf, iframeSnippet } from './snippets'
import './share.css'

/** The hash that reopens a page-load view: its page load, step and chosen request, and a theme. */
export const pageHashOf = (
  view: Parameters<typeof pageValuesOf>[0],
  theme: Theme = 'system',
): string => {
  const values: LinkWrite = { ...pageValuesOf(view), ...(theme === 'system' ? {} : { theme }) }
  return serializeLink(values)
}

/**
 * "Share or embed" for the page-load view: a link that reopens it at this step with this request
 * chosen, the `<iframe>` that shows it in a course page, and the page load as Markdown or Mermaid.
 */
export default function PageShare({ onClose }: { readonly onClose: () => void }) {
  const view = useStore(
    pageView,
    useShallow((s) => ({ ...pageChoiceOf(s), step: s.step, request: s.request })),
  )
  const appTheme = useAppStore((s) => s.theme)
  const [withStep, setWithStep] = useState(true)
  const [theme, setTheme] = useState<Theme>(appTheme)
  const [message, setMessage] = useState('')
  const leadId = useId()
  const stepId = useId()
  const themeId = useId()
  const embedId = useId()
  const exportId = useId()

  const page = traceOf(view)
  const total = stepsOf(page).length
  const step = Math.min(view.step, total - 1)
  const title = titleOf(view)
  const shared = { ...view, step: withStep ? step : 0, request: withStep ? view.request : null }
  const hash = pageHashOf(shared, theme)
  const base = baseUrlOf(window.location)
  const stem = fileStem(`page ${title}`)
  const chosen = page.requests.find((r) => r.id === view.request)

  const save = (text: string, ext: string, type: string, what: string) => {
    downloadText(text, `${stem}.${ext}`, type)
    setMessage(`Saved the ${what}.`)
  }

  return (
    <ModalDialog
      title="Share or embed"
      className="dialog share-dialog"
      describedBy={leadId}
      onClose={onClose}
      ownsKeys
    >
      <p id={leadId} className="dialog-lead">
        A link to the page load “{title}” as it is on screen: its protocol, network and CDN, the
        step{chosen ? ` and the chosen request (${chosen.name})` : ''}.
      </p>
      <div className="share-options">
        <label className="share-check" htmlFor={stepId}>
          <input
            id={stepId}
            type="checkbox"
            checked={withStep}
            onChange={(e) => setWithStep(e.target.checked)}
          />
          {`Open at step ${step + 1} of ${total}${chosen ? `, ${chosen.name} chosen` : ''}`}
        </label>
        <label className="share-theme" htmlFor={themeId}>
          Theme
          <select id={themeId} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            {THEME_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="share-section share-link">
        <CopyField
          label="Link to this page load"
          hint="Opens the full app with the page-load view at this moment; nothing is sent."
          value={appUrlOf(window.location, hash)}
          copyLabel="Copy link"
        />
      </div>
      <section className="share-section" aria-labelledby={embedId}>
        <h3 id={embedId} className="dialog-sub">
          Embed in a course page
        </h3>
        <CopyField
          label="iframe"
          hint="The widget opens on this page load; the host page can load another with the embed API’s load {page: id}."
          value={iframeSnippet(embedUrlOf(base, hash), title)}
          rows={4}
          copyLabel="Copy iframe"
        />
      </section>
      <section className="share-section" aria-labelledby={exportId}>
        <h3 id={exportId} className="dialog-sub">
          Export the page load
        </h3>
        <p className="share-hint">
          For readers without Roundtrip: all {page.requests.length} requests with their simulated
          times.
        </p>
        <div className="share-exports">
          <button
            type="button"
            className="button"
            onClick={() => save(pageMarkdown(page), 'md', 'text/markdown', 'Markdown table')}
          >
            Markdown
          </button>
          <button
            type="button"
            className="button"
            onClick={() =>
              save(pageToMermaid(page, title), 'mmd', 'text/plain', 'Mermaid sequence diagram')
            }
          >
            Mermaid
          </button>
        </div>
        <p className="share-message" aria-live="polite">
          {message}
        </p>
      </section>
    </ModalDialog>
  )
}
