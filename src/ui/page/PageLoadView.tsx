import './page.css'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { PAGE_PROTOCOLS, PAGE_SCENARIOS, pageApp } from '../../engine'
import type { PageChoice, PageTab } from '../../link/page'
import { choiceOf, curatedOf, pageChoiceOf, pageView } from '../../link/page'
import { formatMs } from '../format'
import { Legend } from './Axis'
import { Connections } from './Connections'
import { PagePreview } from './PagePreview'
import { Predict } from './Predict'
import { ProtocolCompare } from './ProtocolCompare'
import { Waterfall } from './Waterfall'
import { ChosenRequest } from './ChosenRequest'
import { PROTOCOL_NAMES, specOf, stepsOf, traceOf } from './model'
import { pageMarkdown } from './markdown'
import { openJourney } from './openJourney'
import { usePageStepKeys } from './usePageStepKeys'
import { copyText } from '../common/clipboard'
import { takeTurn } from '../playback/frameTurns'

interface Props {
  /** Called after a request's journey was opened (the dialog closes then). */
  readonly onJourney?: () => void
  /** Offers "Share or embed" for this page load (the full app; the widget has "Open in Roundtrip"). */
  readonly onShare?: () => void
  /** The full app's dialog, or the widget: the widget has no journey to open and no HAR export. */
  readonly embedded?: boolean
}

const VIEWS: readonly [PageTab, string][] = [
  ['waterfall', 'Waterfall'],
  ['connections', 'Connections'],
  ['compare', 'Compare protocols'],
  ['predict', 'Predict'],
]
/** Wall-clock pause between steps while playing. */
const PLAY_MS = 450

function Choice<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
}: {
  legend: string
  name: string
  value: T
  options: readonly (readonly [T, string])[]
  onChange: (value: T) => void
}) {
  return (
    <fieldset className="pl-choice">
      <legend>{legend}</legend>
      {options.map(([id, label]) => (
        <label key={id}>
          <input
            type="radio"
            name={name}
            value={id}
            checked={value === id}
            onChange={() => onChange(id)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  )
}

interface OptionsProps {
  readonly curatedId: string
  readonly goal: string | null
  readonly protocol: PageChoice['protocol']
  readonly network: PageChoice['network']
  readonly cdn: PageChoice['cdn']
  readonly altSvc: PageChoice['altSvc']
  readonly size: PageChoice['size']
}

const choose = (id: string) => {
  const c = PAGE_SCENARIOS.find((s) => s.id === id)
  if (c) pageView.getState().choose(choiceOf(c))
}

/** The page load's choices: memoised, so a step of the playhead does not draw them again. */
const PageOptions = memo(function PageOptions({
  curatedId,
  goal,
  protocol,
  network,
  cdn,
  altSvc,
  size,
}: OptionsProps) {
  const actions = pageView.getState()
  return (
    <>
      <div className="pl-curated">
        <label>
          Page scenario{' '}
          <select value={curatedId} onChange={(e) => choose(e.target.value)}>
            {curatedId ? null : <option value="">Your own choice</option>}
            {PAGE_SCENARIOS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        {goal ? <span className="pl-note">{goal}</span> : null}
      </div>
      <div className="pl-options">
        <Choice
          legend="Protocol"
          name="pl-protocol"
          value={protocol}
          options={PAGE_PROTOCOLS.map((p) => [p, PROTOCOL_NAMES[p]] as const)}
          onChange={(p) => actions.choose({ protocol: p })}
        />
        <Choice
          legend="Network"
          name="pl-network"
          value={network}
          options={[
            ['good', 'Good'],
            ['lossy', 'Lossy (4% packet loss)'],
          ]}
          onChange={(n) => actions.choose({ network: n })}
        />
        <Choice
          legend="CDN cache"
          name="pl-cdn"
          value={cdn}
          options={[
            ['hit', 'HIT'],
            ['miss', 'MISS'],
          ]}
          onChange={(c) => actions.choose({ cdn: c })}
        />
        <Choice
          legend="Page size"
          name="pl-size"
          value={size}
          options={[
            ['25', '25 requests'],
            ['100', '100 requests'],
          ]}
          onChange={(s) => actions.choose({ size: s })}
        />
        {protocol === 'h3' ? (
          <Choice
            legend="Does the browser know the site offers HTTP/3?"
            name="pl-altsvc"
            value={altSvc}
            options={[
              ['first', 'No: first visit, learns it from Alt-Svc'],
              ['known', 'Yes: Alt-Svc from an earlier visit'],
            ]}
            onChange={(a) => actions.choose({ altSvc: a })}
          />
        ) : null}
      </div>
    </>
  )
})

/**
 * A whole page load on one timeline: the page being built, the waterfall in DevTools' columns,
 * the connections, and the same page over the three HTTP versions. Every number is simulated
 * (`simulatePage`); the playhead only moves between moments of that one trace. What is open (the
 * page load, its step, the chosen request) is the `pageView` store's, so a link, the Library, the
 * embed API and the presenter window can open it and follow it.
 */
export default function PageLoadView({ onJourney, onShare, embedded = false }: Props) {
  const view = useStore(
    pageView,
    useShallow((s) => ({
      ...pageChoiceOf(s),
      step: s.step,
      request: s.request,
      playing: s.playing,
      tab: s.tab,
      notice: s.notice,
    })),
  )
  const { protocol, network, cdn, altSvc, size, tab, playing } = view
  const actions = pageView.getState()
  const [copied, setCopied] = useState('')

  const curated = curatedOf(view)

  const spec = useMemo(() => specOf(size, cdn), [cdn, size])
  const page = useMemo(
    () => traceOf({ scenarioId: '', protocol, network, cdn, altSvc, size }, spec),
    [spec, protocol, network, cdn, altSvc, size],
  )
  const steps = useMemo(() => stepsOf(page), [page])
  const last = steps.length - 1
  const at = Math.min(view.step, last)
  const step = steps[at]!
  const time = step.at + 1e-6
  const span = page.end * 1.02
  const chosen = page.requests.find((r) => r.id === view.request) ?? null

  // A step or request (from a link or a command) that this page load does not have: say so, and
  // show what it has.
  useEffect(() => {
    const s = pageView.getState()
    const problems: string[] = []
    if (s.step > last) {
      problems.push(
        `The page load has ${last + 1} steps, so step ${s.step + 1} could not be shown; the last one is.`,
      )
      s.setStep(last)
    }
    if (s.request !== null && !page.requests.some((r) => r.id === s.request)) {
      problems.push(
        `The page load has no request ${s.request} (it has r0 to r${page.requests.length - 1}), so none is chosen.`,
      )
      s.setRequest(null)
    }
    if (problems.length > 0)
      s.setPageNotice([s.notice, ...problems].filter((p) => p !== null).join(' '))
  }, [view.step, view.request, last, page])

  useEffect(() => {
    if (!playing) return
    if (at >= last) {
      pageView.getState().setPlaying(false)
      return
    }
    // Each step is taken just after a frame, so its render has a whole frame interval (frameTurns.ts).
    let stopStep = () => {}
    const timer = window.setTimeout(() => {
      stopStep = takeTurn(() => pageView.getState().setStep(Math.min(at + 1, last)), 'step')
    }, PLAY_MS)
    return () => {
      window.clearTimeout(timer)
      stopStep()
    }
  }, [playing, at, last])

  const go = (to: number) => {
    const s = pageView.getState()
    s.setPlaying(false)
    s.setStep(Math.max(0, Math.min(last, to)))
  }
  const togglePlay = () => {
    const s = pageView.getState()
    if (at >= last && !s.playing) {
      s.setStep(0)
      s.setPlaying(true)
    } else s.setPlaying(!s.playing)
  }
  // The keys work from anywhere in the dialog (its Close button included), or the widget.
  const body = useRef<HTMLDivElement>(null)
  usePageStepKeys(
    {
      forward: () => go(at + 1),
      back: () => go(at - 1),
      first: () => go(0),
      last: () => go(last),
      togglePlay,
    },
    body,
  )

  const open = useCallback(
    (id: string) => {
      const request = page.requests.find((r) => r.id === id)
      if (!request) return
      openJourney(request, pageApp)
      onJourney?.()
    },
    [page, onJourney],
  )
  const setRequest = useCallback((id: string | null) => pageView.getState().setRequest(id), [])

  const titleText = curated?.title ?? 'Your own page load'
  const copy = (what: 'Markdown' | 'Mermaid') =>
    void (
      what === 'Markdown'
        ? Promise.resolve(pageMarkdown(page))
        : import('../export/pageMermaid').then((m) => m.pageToMermaid(page, titleText))
    )
      .then(copyText)
      .then((ok) =>
        setCopied(ok ? `Copied the page load as ${what}` : 'The browser refused the clipboard'),
      )

  return (
    <div className="pl-body" ref={body} data-embedded={embedded || undefined}>
      {view.notice ? (
        <div className="pl-notice notice notice-error" role="alert">
          <span>{view.notice}</span>
          <button
            type="button"
            className="button"
            onClick={() => pageView.getState().setPageNotice(null)}
          >
            Dismiss
          </button>
        </div>
      ) : null}
      <p className="pl-intro">
        One page, {page.requests.length} requests: the HTML from Flask, its CSS, scripts and images
        from nginx and a CDN, and JSON fetched by the script. Each request is a whole journey;
        {embedded
          ? ' choose one to see its timing.'
          : ' choose its name to follow it step by step.'}{' '}
        All times are simulated.
      </p>
      <PageOptions
        curatedId={curated?.id ?? ''}
        goal={curated?.goal ?? null}
        protocol={protocol}
        network={network}
        cdn={cdn}
        altSvc={altSvc}
        size={size}
      />
      <div className="pl-views" role="group" aria-label="View">
        {VIEWS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            className="button"
            aria-pressed={tab === id}
            onClick={() => actions.setTab(id)}
          >
            {label}
          </button>
        ))}
        <button type="button" className="button pl-copy" onClick={() => copy('Markdown')}>
          Copy as Markdown
        </button>
        <button type="button" className="button" onClick={() => copy('Mermaid')}>
          Copy as Mermaid
        </button>
        {embedded ? null : (
          <button
            type="button"
            className="button"
            title="This page load as a HAR 1.2 file: simulated times, cookies and tokens masked"
            onClick={() =>
              void Promise.all([import('../../har'), import('../export/download')]).then(
                ([{ pageToHar }, { downloadText }]) =>
                  downloadText(
                    JSON.stringify(
                      pageToHar(page, { startedAt: Date.now(), title: 'Roundtrip page load' }),
                      null,
                      2,
                    ),
                    `roundtrip-page-${protocol.replace('/', '')}.har`,
                    'application/json',
                  ),
              )
            }
          >
            Export HAR
          </button>
        )}
        {onShare ? (
          <button type="button" className="button" aria-haspopup="dialog" onClick={onShare}>
            Share or embed
          </button>
        ) : null}
        <span className="pl-note" aria-live="polite">
          {copied}
        </span>
      </div>

      {tab === 'compare' ? (
        <ProtocolCompare scenario={pageApp} page={spec} seed={1} />
      ) : tab === 'predict' ? (
        <Predict spec={spec} />
      ) : (
        <>
          <div className="pl-playback">
            <button type="button" className="button" onClick={() => go(0)} disabled={at === 0}>
              Restart
            </button>
            <button type="button" className="button" onClick={() => go(at - 1)} disabled={at === 0}>
              Step back
            </button>
            <button type="button" className="button button-primary" onClick={togglePlay}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => go(at + 1)}
              disabled={at === last}
            >
              Step forward
            </button>
            <label className="pl-scrub">
              <span className="sr-only">Moment of the page load</span>
              <input
                type="range"
                min={0}
                max={last}
                step={1}
                value={at}
                aria-valuetext={`Step ${at + 1} of ${steps.length}: ${step.text}`}
                onChange={(e) => go(Number(e.target.value))}
              />
            </label>
            <span className="pl-clock">
              {formatMs(step.at)} <span className="pl-note">simulated</span>
            </span>
          </div>
          <p className="pl-status" role="status">
            Step {at + 1} of {steps.length}: {step.text}
          </p>
          {chosen ? (
            <ChosenRequest
              page={page}
              request={chosen}
              onOpen={embedded ? undefined : open}
              onClear={() => setRequest(null)}
            />
          ) : null}
          <div className="pl-split">
            <PagePreview page={page} time={time} />
            <div className="pl-main">
              <ul className="pl-marks" aria-label="Page milestones (simulated)">
                {page.marks.map((m) => (
                  <li key={m.id} data-reached={m.at <= time}>
                    {m.label}: {formatMs(m.at)}
                  </li>
                ))}
                <li>
                  {page.connections.length} connection{page.connections.length === 1 ? '' : 's'}
                </li>
              </ul>
              <Legend of={tab === 'waterfall' ? 'waterfall' : 'connections'} />
              {tab === 'waterfall' ? (
                <Waterfall
                  page={page}
                  time={time}
                  span={span}
                  onOpen={embedded ? setRequest : open}
                  chosen={view.request}
                  onChoose={setRequest}
                />
              ) : (
                <Connections page={page} time={time} span={span} />
              )}
            </div>
          </div>
        </>
      )}
    </div>
  )
}
