import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { LinkWrite } from '../../link/hash'
import { pageValuesOf, serializeLink } from '../../link/hash'
import { pageChoiceOf, pageView } from '../../link/page'
import type { Theme } from '../../store'
import { useStore as useAppStore } from '../../store'
import { downloadText, fileStem } from '../export/download'
import { pageToMermaid } from '../export/pageMermaid'
import { pageMarkdown } from '../page/markdown'
import { stepsOf, titleOf, traceOf } from '../page/model'
import type { ShareTexts } from './ShareOptions'
import { ShareOptions, useShareChoices } from './ShareOptions'
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
/** The page load's words in the dialog. */
const TEXTS: ShareTexts = {
  link: 'Link to this page load',
  linkHint: 'Opens the full app with the page-load view at this moment; nothing is sent.',
  iframeHint:
    'The widget opens on this page load; the host page can load another with the embed API’s load {page: id}.',
  exportTitle: 'Export the page load',
}

export default function PageShare({ onClose }: { readonly onClose: () => void }) {
  const view = useStore(
    pageView,
    useShallow((s) => ({ ...pageChoiceOf(s), step: s.step, request: s.request })),
  )
  const choices = useShareChoices(useAppStore((s) => s.theme))
  const { withStep } = choices

  const page = traceOf(view)
  const total = stepsOf(page).length
  const step = Math.min(view.step, total - 1)
  const title = titleOf(view)
  const shared = { ...view, step: withStep ? step : 0, request: withStep ? view.request : null }
  const hash = pageHashOf(shared, choices.theme)
  const base = baseUrlOf(window.location)
  const stem = fileStem(`page ${title}`)
  const chosen = page.requests.find((r) => r.id === view.request)

  const save = (text: string, ext: string, type: string, what: string) => {
    downloadText(text, `${stem}.${ext}`, type)
    choices.say(`Saved the ${what}.`)
  }

  return (
    <ShareOptions
      choices={choices}
      texts={TEXTS}
      onClose={onClose}
      lead={
        <>
          A link to the page load “{title}” as it is on screen: its protocol, network and CDN, the
          step{chosen ? ` and the chosen request (${chosen.name})` : ''}.
        </>
      }
      stepLabel={`Open at step ${step + 1} of ${total}${chosen ? `, ${chosen.name} chosen` : ''}`}
      link={appUrlOf(window.location, hash)}
      iframe={iframeSnippet(embedUrlOf(base, hash), title)}
      exportHint={`For readers without Roundtrip: all ${page.requests.length} requests with their simulated times.`}
    >
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
    </ShareOptions>
  )
}
