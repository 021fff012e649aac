import '../inspector/inspector.css'
import { useMemo, useState } from 'react'
import type { MeasuredEntry, MeasuredPage } from '../../har'
import { selectDepth, useStore } from '../../store'
import { Tabs } from '../common/TabList'
import { DepthSwitch } from '../controls/DepthSwitch'
import { formatMs } from '../format'
import { Segmented } from '../inspector/parts'
import type { MessageKind } from '../inspector/provenance'
import { RawView } from '../inspector/RawView'
import { StructuredView } from '../inspector/StructuredView'
import { pct } from '../page/model'
import { SOURCE_TEXT, explainEntry } from './explain'
import { measuredInspectorView } from './inspect'
import { TONE, measuredSegments, reportedSpans } from './model'

/** The main view's reading tabs, in its order (DETAIL_TABS): the same panels for a real entry. */
const TABS = [
  { id: 'explain', label: 'Explain' },
  { id: 'inspector', label: 'Inspector' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'network', label: 'Network' },
] as const
type TabId = (typeof TABS)[number]['id']

interface Words {
  /** `Measured`, or `Simulated` for a Roundtrip export read back. */
  readonly word: string
  /** What Server-Timing spans are called: reported by the server, or the model's layers. */
  readonly serverWord: string
}

/** A panel's heading with the mark every step of a recording carries. */
function Heading({ title, word }: { title: string; word: string }) {
  return (
    <h3 className="har-panel-title">
      {title} <span className="har-tag">{word}</span>
    </h3>
  )
}

function ExplainTab({ entry, word, serverWord }: { entry: MeasuredEntry } & Words) {
  const depth = useStore(selectDepth)
  const said = explainEntry(entry, depth)
  return (
    <section className="har-explain" aria-label="Explain">
      <Heading title="Explain" word={word} />
      <DepthSwitch />
      <ul className="har-said">
        {said.map((s, i) => (
          <li key={i} data-source={s.source}>
            <span className={`har-tag har-tag-${s.source}`}>
              {s.source === 'measured'
                ? word
                : s.source === 'server'
                  ? serverWord
                  : SOURCE_TEXT[s.source]}
            </span>{' '}
            {s.text}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The main Inspector's Structured and Raw views, on the file's own request and response. */
function InspectorTab({ entry, word }: { entry: MeasuredEntry } & Words) {
  const [picked, setPicked] = useState<MessageKind | null>(null)
  const [format, setFormat] = useState<'structured' | 'raw'>('structured')
  const [shownAll, setShownAll] = useState(false)
  // Another entry starts on its request, its body folded, as a new step does in the main view.
  const [shownFor, setShownFor] = useState(entry)
  if (shownFor !== entry) {
    setShownFor(entry)
    setPicked(null)
    setShownAll(false)
  }
  const view = useMemo(
    () => measuredInspectorView(entry, picked, format === 'raw'),
    [entry, picked, format],
  )
  const binary = entry.response.content.encoding === 'base64' && view.shown.kind === 'response'
  return (
    <section className="inspector har-inspector" aria-label="Inspector">
      <Heading title="Inspector" word={word} />
      <div className="inspector-toggles">
        <Segmented<MessageKind>
          label="Message"
          value={view.shown.kind}
          onChange={(value) => {
            setPicked(value)
            setShownAll(false)
          }}
          options={[
            { value: 'request', label: 'Request' },
            {
              value: 'response',
              label: 'Response',
              disabled: !view.available.includes('response'),
            },
          ]}
        />
        <Segmented<'structured' | 'raw'>
          label="View"
          value={format}
          onChange={setFormat}
          options={[
            { value: 'structured', label: 'Structured' },
            { value: 'raw', label: 'Raw' },
          ]}
        />
      </div>
      <p className="har-none">
        {view.shown.kind === 'request' ? 'The request' : 'The response'} as the file recorded it
        {entry.error && view.shown.kind === 'request'
          ? `; no response came (${entry.error})`
          : ''}.{' '}
        {binary
          ? `Its body is binary (${entry.response.content.size.toLocaleString('en')} bytes, base64 in the file), not shown. `
          : ''}
        {format === 'raw' && entry.protocol && entry.protocol !== 'HTTP/1.1'
          ? `Raw shows it as HTTP/1.1 text (the pseudo-headers become the start line and Host); over ${entry.protocol} the same fields travelled as binary frames.`
          : ''}
      </p>
      {format === 'structured' ? (
        <StructuredView view={view} expanded={shownAll} onShowAll={() => setShownAll(true)} />
      ) : (
        <RawView view={view} expanded={shownAll} onShowAll={() => setShownAll(true)} />
      )}
    </section>
  )
}

function TimelineTab({ entry, word, serverWord }: { entry: MeasuredEntry } & Words) {
  const segments = measuredSegments(entry)
  const spans = reportedSpans(entry)
  const span = Math.max(entry.time, ...segments.map((s) => s.to - entry.start), 1)
  const at = (x: number) => pct(x - entry.start, span)
  return (
    <section className="har-timeline" aria-label="Timeline">
      <Heading title="Timeline" word={word} />
      <ul className="har-phases">
        {segments.map((s) => (
          <li key={s.phase}>
            <span className="har-phase-name">{s.label}</span>
            <span className="har-phase-track" aria-hidden="true">
              <span
                className="pl-seg"
                data-tone={TONE[s.phase]}
                style={{ left: `${at(s.from)}%`, width: `${pct(s.to - s.from, span)}%` }}
              />
            </span>
            <span className="har-phase-ms">
              {formatMs(s.to - s.from)} <span className="har-tag">{word}</span>
            </span>
          </li>
        ))}
        {spans.map((m) => (
          <li key={`st-${m.name}`} className="har-reported">
            <span className="har-phase-name">
              {m.name}
              {m.desc ? ` (${m.desc})` : ''}
            </span>
            <span className="har-phase-track" aria-hidden="true">
              <span
                className="pl-seg"
                data-tone="reported"
                style={{ left: `${at(m.from)}%`, width: `${pct(m.to - m.from, span)}%` }}
              />
            </span>
            <span className="har-phase-ms">
              {formatMs(m.dur!)} <span className="har-tag har-tag-server">{serverWord}</span>
            </span>
          </li>
        ))}
      </ul>
      {segments.length === 0 ? <p className="har-none">The file gives no timed phase.</p> : null}
      {entry.notes.map((note) => (
        <p key={note} className="har-none">
          {note}
        </p>
      ))}
    </section>
  )
}

const bytes = (n: number) => (n >= 0 ? `${n.toLocaleString('en')} B` : 'not given by the file')

const header = (list: MeasuredEntry['response']['headers'], name: string) =>
  list.find((h) => h.name.toLowerCase() === name)?.value

/** What crossed the network for this entry: its connection, the requests it shared, the bytes. */
function NetworkTab({ entry, page, word }: { entry: MeasuredEntry; page: MeasuredPage } & Words) {
  const shared = entry.connection
    ? page.entries.filter((e) => e.connection === entry.connection)
    : []
  const opener = shared[0]
  const encoding = header(entry.response.headers, 'content-encoding')
  const wire = entry.response.bodySize
  const size = entry.response.content.size
  const p = entry.phases
  return (
    <section className="har-network" aria-label="Network">
      <Heading title="Network" word={word} />
      <dl className="har-facts">
        <dt>Protocol</dt>
        <dd>
          {entry.protocol ?? 'not given'}
          {entry.httpVersion ? ` (the file writes “${entry.httpVersion}”)` : ''}
          {entry.protocol === 'HTTP/2'
            ? ': one stream on a shared, multiplexed connection'
            : entry.protocol === 'HTTP/1.1'
              ? ': one request at a time on its connection'
              : ''}
        </dd>
        <dt>Connection</dt>
        <dd>
          {entry.connection
            ? entry.reusedConnection
              ? `${entry.connection}, reused: opened by ${opener?.name ?? 'an earlier request'}, so no DNS lookup or handshake here`
              : `${entry.connection}, opened by this request`
            : p.connect !== null || p.ssl !== null
              ? 'A new connection (the file gives no connection id)'
              : 'Not given by the file; no DNS lookup or handshake was timed, so an open connection carried it'}
          {p.connect !== null || p.ssl !== null
            ? `: TCP ${p.connect === null ? 'not applicable' : formatMs(p.connect)}, TLS ${p.ssl === null ? 'not applicable' : formatMs(p.ssl)}`
            : ''}
        </dd>
        {entry.serverIPAddress ? (
          <>
            <dt>Server address</dt>
            <dd>{entry.serverIPAddress}</dd>
          </>
        ) : null}
        <dt>Sent</dt>
        <dd>
          headers {bytes(entry.request.headersSize)}, body {bytes(entry.request.bodySize)}
        </dd>
        <dt>Received</dt>
        <dd>
          headers {bytes(entry.response.headersSize)}, body on the wire {bytes(wire)}
          {size > 0 ? `; ${size.toLocaleString('en')} B of content` : ''}
          {encoding && wire > 0 && size > wire
            ? ` (${encoding}: ${Math.round((1 - wire / size) * 100)} % smaller on the wire)`
            : encoding
              ? ` (Content-Encoding: ${encoding})`
              : ''}
        </dd>
        {entry.cache ? (
          <>
            <dt>Cache</dt>
            <dd>
              {entry.cache === 'revalidated'
                ? '304: the server confirmed the cached copy, headers only'
                : `served from the ${entry.cache} cache`}
            </dd>
          </>
        ) : null}
      </dl>
      {shared.length > 1 ? (
        <ol
          className="har-shared"
          aria-label={`Requests on connection ${entry.connection} (${shared.length})`}
        >
          {shared.map((e) => (
            <li key={e.id} aria-current={e.id === entry.id ? 'true' : undefined}>
              {e.method} {e.name} · {e.status ?? 'failed'} · {formatMs(e.time)}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}

/**
 * One recorded entry in the main view's reading panels (Explain, Inspector, Timeline, Network),
 * as tabs in its order and with its keys, every panel marked Measured (or Simulated for a
 * Roundtrip export): the same panels a simulated step is read in, fed only the file's data.
 */
export function EntryPanels({
  entry,
  page,
  word,
  serverWord,
}: { entry: MeasuredEntry; page: MeasuredPage } & Words) {
  // Opens on the tab the main view has open, when it is one of these.
  const [selected, setSelected] = useState<TabId>(() => {
    const open = useStore.getState().detailTab
    return TABS.some((t) => t.id === open) ? (open as TabId) : 'explain'
  })
  const props = { entry, word, serverWord }
  return (
    <div className="detail har-panels">
      <Tabs
        tabs={TABS}
        selected={selected}
        label="Details"
        onSelect={setSelected}
        stopKeys
        panelClassName="tabpanel har-tabpanel"
        panel={(id) =>
          id !== selected ? null : id === 'explain' ? (
            <ExplainTab {...props} />
          ) : id === 'inspector' ? (
            <InspectorTab {...props} />
          ) : id === 'timeline' ? (
            <TimelineTab {...props} />
          ) : (
            <NetworkTab {...props} page={page} />
          )
        }
      />
    </div>
  )
}
