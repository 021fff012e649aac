import { Suspense, lazy } from 'react'
import { useStore as useVanillaStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { encodeState, extraOf, sameJson } from '../../link/hash'
import { linkStateOf } from '../../link/state'
import { readAddress } from '../../link/sync'
import { pageView } from '../../link/pageView'
import type { RoundtripState } from '../../store'
import { findScenario } from '../../engine'
import { selectCurrentScenario, useStore } from '../../store'
import { download, downloadText, fileStem, svgToPng } from '../export/download'
import { toMarkdown, toMermaid, toSvg } from '../export/formats'
import type { ExportInput } from '../export/sequence'
import { CopyField } from './CopyField'
import type { ShareTexts } from './ShareOptions'
import { ShareOptions, useShareChoices } from './ShareOptions'
import { appUrlOf, baseUrlOf, elementSnippet, embedUrlOf, iframeSnippet } from './snippets'
import './share.css'

/** The exports written as text files; the PNG is drawn from the SVG. */
const TEXT_EXPORTS: readonly {
  label: string
  ext: string
  type: string
  what: string
  make: (input: ExportInput) => string
}[] = [
  {
    label: 'Markdown',
    ext: 'md',
    type: 'text/markdown',
    what: 'Markdown transcript',
    make: toMarkdown,
  },
  { label: 'Mermaid', ext: 'mmd', type: 'text/plain', what: 'Mermaid diagram', make: toMermaid },
  { label: 'SVG', ext: 'svg', type: 'image/svg+xml', what: 'SVG diagram', make: toSvg },
]

/** The journey's words in the dialog. */
const TEXTS: ShareTexts = {
  link: 'Link to this moment',
  linkHint: 'Opens the full app; with a step, it sends the request itself and stops there.',
  iframeHint:
    'Paste into an LMS page, a static site or a reveal.js slide. It starts on a click, never by itself.',
  exportTitle: 'Export the trace',
}

/** Keys of other features worth sharing: the lesson (not the embed's own parent/host). */
const SHARED_EXTRA = ['lesson']

const selectShare = (s: RoundtripState) => ({
  scenarioId: s.scenarioId,
  working: s.working,
  traced: s.traced,
  trace: s.trace,
  playhead: s.playhead,
  warmups: s.warmups,
  seed: s.seed,
  depth: s.depth,
  theme: s.theme,
  title: selectCurrentScenario(s).title,
})

interface Props {
  readonly onClose: () => void
}

const PageShare = lazy(() => import('./PageShare'))

/**
 * "Share or embed": for the page-load view when it is open (PageShare.tsx), else for the journey
 * on screen.
 */
export default function ShareDialog({ onClose }: Props) {
  const page = useVanillaStore(pageView, (s) => s.open)
  return page ? (
    <Suspense fallback={null}>
      <PageShare onClose={onClose} />
    </Suspense>
  ) : (
    <RequestShare onClose={onClose} />
  )
}

/**
 * "Share or embed": the link to this moment, the `<iframe>` and `<roundtrip-embed>` snippets for
 * a course page, and the trace as Markdown, Mermaid, SVG or PNG for people without the tool.
 * A modal dialog like the shortcuts one: focus stays inside, Escape closes, focus goes back.
 */
function RequestShare({ onClose }: Props) {
  const s = useStore(useShallow(selectShare))
  const choices = useShareChoices(s.theme)
  const { withStep, theme } = choices

  const all = extraOf(readAddress())
  const extra = Object.fromEntries(Object.entries(all).filter(([k]) => SHARED_EXTRA.includes(k)))
  const link = linkStateOf(useStore.getState(), { step: withStep, theme, extra })
  const hash = encodeState(link)
  const embedHash = encodeState({ ...link, extra: {} })
  const base = baseUrlOf(window.location)
  const curated = findScenario(link.scenarioId)
  const customApp = !curated || !sameJson(link.scenario, curated.scenario)
  const edited = customApp || !curated || !sameJson(link.request, curated.request)
  const title = edited ? `${s.title} (edited)` : s.title
  const element = elementSnippet(base, link, title, edited)
  const shown = s.traced ?? s.working
  const input: ExportInput | null = s.trace
    ? { title, request: shown.request, trace: s.trace }
    : null
  const stem = fileStem(title)

  const savePng = () => {
    if (!input) return
    choices.say('Drawing the picture…')
    svgToPng(toSvg(input))
      .then((blob) => {
        download(blob, `${stem}.png`)
        choices.say('Saved the PNG.')
      })
      .catch((error: unknown) =>
        choices.say(
          `The PNG could not be made (${error instanceof Error ? error.message : String(error)}); the SVG works everywhere a PNG does.`,
        ),
      )
  }
  const saveText = (text: string, name: string, type: string, what: string) => {
    downloadText(text, name, type)
    choices.say(`Saved the ${what}.`)
  }

  return (
    <ShareOptions
      choices={choices}
      texts={TEXTS}
      onClose={onClose}
      lead={
        s.trace
          ? `A link to “${title}” as it is on screen: the app, the request and the step.`
          : `A link to “${title}”. Send the request first to share a particular step.`
      }
      notice={
        s.trace && s.warmups !== 0 ? (
          <p className="share-hint share-warm" data-testid="share-warm">
            {s.warmups === null
              ? 'This trace reused a connection that another request left open, which a link cannot rebuild: the link sends this request from a fresh browser, so its steps will differ from these.'
              : `This trace is a repeat on a kept-alive connection: the link sends the request ${s.warmups === 1 ? 'once' : `${s.warmups} times`} first, as you did, and opens the repeat.`}
          </p>
        ) : null
      }
      stepLabel={
        s.trace
          ? `Open at step ${s.playhead + 1} of ${s.trace.events.length}`
          : 'Open at the current step'
      }
      stepDisabled={s.trace === null}
      link={appUrlOf(window.location, hash)}
      iframe={iframeSnippet(embedUrlOf(base, embedHash), title)}
      moreEmbeds={
        element ? (
          <CopyField
            label="Element with the loader script"
            hint="Keeps its height in step with the content and passes the widget’s events to your page."
            value={element}
            rows={3}
            copyLabel="Copy element"
          />
        ) : (
          <p className="share-hint">
            The <code>&lt;roundtrip-embed&gt;</code> element opens curated scenarios only; for an
            edited app or request use the iframe, which carries it in its link.
          </p>
        )
      }
      exportHint={
        input
          ? `For readers without Roundtrip: all ${input.trace.events.length} steps with their times.`
          : 'Send the request first: the exports describe the journey on screen.'
      }
    >
      {TEXT_EXPORTS.map((x) => (
        <button
          key={x.label}
          type="button"
          className="button"
          disabled={!input}
          onClick={() => input && saveText(x.make(input), `${stem}.${x.ext}`, x.type, x.what)}
        >
          {x.label}
        </button>
      ))}
      <button type="button" className="button" disabled={!input} onClick={savePng}>
        PNG
      </button>
      <button
        type="button"
        className="button"
        disabled={!input}
        onClick={() =>
          input &&
          void import('../../har').then(({ traceToHar }) =>
            saveText(
              JSON.stringify(traceToHar(input.trace, { startedAt: Date.now(), title }), null, 2),
              `${stem}.har`,
              'application/json',
              'HAR file (simulated times; cookies, Authorization and tokens masked)',
            ),
          )
        }
      >
        HAR
      </button>
    </ShareOptions>
  )
}
