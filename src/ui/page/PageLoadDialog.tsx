import './page.css'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { PageNetwork, PageProtocol, PageSpec } from '../../engine'
import {
  DEFAULT_PAGE,
  PAGE_PROTOCOLS,
  PAGE_SCENARIOS,
  altSvcKnown,
  pageApp,
  pageWithImages,
  simulatePage,
} from '../../engine'
import { ModalDialog } from '../controls/ModalDialog'
import { formatMs } from '../format'
import { Legend } from './Axis'
import { Connections } from './Connections'
import { PagePreview } from './PagePreview'
import { Predict } from './Predict'
import { ProtocolCompare } from './ProtocolCompare'
import { Waterfall } from './Waterfall'
import { PROTOCOL_NAMES, stepsOf } from './model'
import { pageMarkdown } from './markdown'
import { openJourney } from './openJourney'
import { copyText } from '../common/clipboard'

interface Props {
  readonly onClose: () => void
}

type View = 'waterfall' | 'connections' | 'compare' | 'predict'
const VIEWS: readonly [View, string][] = [
  ['waterfall', 'Waterfall'],
  ['connections', 'Connections'],
  ['compare', 'Compare protocols'],
  ['predict', 'Predict'],
]
/** Wall-clock pause between steps while playing. */
const PLAY_MS = 450

const isField = (target: EventTarget) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLSelectElement ||
  target instanceof HTMLTextAreaElement

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

/**
 * A whole page load on one timeline: the page being built, the waterfall in DevTools' columns,
 * the connections, and the same page over the three HTTP versions. Every number is simulated
 * (`simulatePage`); the playhead only moves between moments of that one trace.
 */
export default function PageLoadDialog({ onClose }: Props) {
  const [protocol, setProtocol] = useState<PageProtocol>('http/1.1')
  const [network, setNetwork] = useState<PageNetwork>('good')
  const [cdnCache, setCdnCache] = useState<'hit' | 'miss'>('hit')
  const [altSvc, setAltSvc] = useState<'first' | 'known'>('first')
  const [view, setView] = useState<View>('waterfall')
  const [index, setIndex] = useState(0)
  const [playing, setPlaying] = useState(false)
  const [copied, setCopied] = useState('')
  const seed = 1

  // The curated page load these choices make, if any (HTTP/3's Alt-Svc choice counts only there).
  const [size, setSize] = useState<'25' | '100'>('25')
  const [chosen, setChosen] = useState('page-load')
  const matches = PAGE_SCENARIOS.filter(
    (c) =>
      c.protocol === protocol &&
      c.network === network &&
      c.cdnCache === cdnCache &&
      (protocol !== 'h3' || c.altSvcKnown === (altSvc === 'known')),
  )
  const curated = size === '25' ? (matches.find((c) => c.id === chosen) ?? matches[0]) : undefined
  const choose = (id: string) => {
    const c = PAGE_SCENARIOS.find((s) => s.id === id)
    if (!c) return
    setChosen(id)
    setSize('25')
    setProtocol(c.protocol)
    setNetwork(c.network)
    setCdnCache(c.cdnCache)
    setAltSvc(c.altSvcKnown ? 'known' : 'first')
  }

  const spec: PageSpec = useMemo(
    () => ({
      ...(size === '100' ? pageWithImages(92) : DEFAULT_PAGE),
      cdn: { hosts: ['cdn.example.net'], cache: cdnCache },
    }),
    [cdnCache, size],
  )
  const page = useMemo(
    () =>
      simulatePage({
        scenario: pageApp,
        page: spec,
        protocol,
        network,
        seed,
        ...(protocol === 'h3' && altSvc === 'known' ? { connection: altSvcKnown(spec) } : {}),
      }),
    [spec, protocol, network, altSvc],
  )
  const steps = useMemo(() => stepsOf(page), [page])
  const last = steps.length - 1
  const at = Math.min(index, last)
  const step = steps[at]!
  const time = step.at + 1e-6
  const span = page.end * 1.02

  // A new page starts from its first moment.
  useEffect(() => {
    setIndex(0)
    setPlaying(false)
  }, [page])

  useEffect(() => {
    if (!playing) return
    if (at >= last) {
      setPlaying(false)
      return
    }
    const timer = window.setTimeout(() => setIndex((i) => Math.min(i + 1, last)), PLAY_MS)
    return () => window.clearTimeout(timer)
  }, [playing, at, last])

  const go = (to: number) => {
    setPlaying(false)
    setIndex(Math.max(0, Math.min(last, to)))
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.target || isField(e.target) || e.altKey || e.ctrlKey || e.metaKey) return
    const moves: Record<string, () => void> = {
      ArrowRight: () => go(at + 1),
      ArrowLeft: () => go(at - 1),
      Home: () => go(0),
      End: () => go(last),
    }
    const move = moves[e.key]
    if (move) {
      e.preventDefault()
      move()
    } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault()
      setPlaying((p) => !p)
    }
  }

  // The keys work from anywhere in the dialog, its Close button included.
  const body = useRef<HTMLDivElement>(null)
  const keys = useRef(onKeyDown)
  keys.current = onKeyDown
  useEffect(() => {
    const dialog = body.current?.closest('dialog')
    if (!dialog) return
    const listener = (e: KeyboardEvent) => keys.current(e)
    dialog.addEventListener('keydown', listener)
    return () => dialog.removeEventListener('keydown', listener)
  }, [])

  const open = useCallback(
    (id: string) => {
      const request = page.requests.find((r) => r.id === id)
      if (!request) return
      openJourney(request, pageApp)
      onClose()
    },
    [page, onClose],
  )

  return (
    <ModalDialog title="Page load" className="dialog pl-dialog" onClose={onClose} ownsKeys>
      <div className="pl-body" ref={body}>
        <p className="pl-intro">
          One page, {page.requests.length} requests: the HTML from Flask, its CSS, scripts and
          images from nginx and a CDN, and JSON fetched by the script. Each request is a whole
          journey; choose its name to follow it step by step. All times are simulated.
        </p>
        <div className="pl-curated">
          <label>
            Page scenario{' '}
            <select value={curated?.id ?? ''} onChange={(e) => choose(e.target.value)}>
              {curated ? null : <option value="">Your own choice</option>}
              {PAGE_SCENARIOS.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
          {curated ? <span className="pl-note">{curated.goal}</span> : null}
        </div>
        <div className="pl-options">
          <Choice
            legend="Protocol"
            name="pl-protocol"
            value={protocol}
            options={PAGE_PROTOCOLS.map((p) => [p, PROTOCOL_NAMES[p]] as const)}
            onChange={setProtocol}
          />
          <Choice
            legend="Network"
            name="pl-network"
            value={network}
            options={[
              ['good', 'Good'],
              ['lossy', 'Lossy (4% packet loss)'],
            ]}
            onChange={setNetwork}
          />
          <Choice
            legend="CDN cache"
            name="pl-cdn"
            value={cdnCache}
            options={[
              ['hit', 'HIT'],
              ['miss', 'MISS'],
            ]}
            onChange={setCdnCache}
          />
          <Choice
            legend="Page size"
            name="pl-size"
            value={size}
            options={[
              ['25', '25 requests'],
              ['100', '100 requests'],
            ]}
            onChange={setSize}
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
              onChange={setAltSvc}
            />
          ) : null}
        </div>

        <div className="pl-views" role="group" aria-label="View">
          {VIEWS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              className="button"
              aria-pressed={view === id}
              onClick={() => setView(id)}
            >
              {label}
            </button>
          ))}
          <button
            type="button"
            className="button pl-copy"
            onClick={() =>
              void copyText(pageMarkdown(page)).then((ok) =>
                setCopied(
                  ok ? 'Copied the waterfall as Markdown' : 'The browser refused the clipboard',
                ),
              )
            }
          >
            Copy as Markdown
          </button>
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
          <span className="pl-note" aria-live="polite">
            {copied}
          </span>
        </div>

        {view === 'compare' ? (
          <ProtocolCompare scenario={pageApp} page={spec} seed={seed} />
        ) : view === 'predict' ? (
          <Predict spec={spec} />
        ) : (
          <>
            <div className="pl-playback">
              <button type="button" className="button" onClick={() => go(0)} disabled={at === 0}>
                Restart
              </button>
              <button
                type="button"
                className="button"
                onClick={() => go(at - 1)}
                disabled={at === 0}
              >
                Step back
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => (at >= last ? (go(0), setPlaying(true)) : setPlaying((p) => !p))}
              >
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
                <Legend of={view === 'waterfall' ? 'waterfall' : 'connections'} />
                {view === 'waterfall' ? (
                  <Waterfall page={page} time={time} span={span} onOpen={open} />
                ) : (
                  <Connections page={page} time={time} span={span} />
                )}
              </div>
            </div>
          </>
        )}
      </div>
    </ModalDialog>
  )
}
