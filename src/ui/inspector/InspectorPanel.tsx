import './inspector.css'
import { useMemo, useState } from 'react'
import { selectPlayhead, selectTrace, useStore } from '../../store'
import { groupInfo, groupOf } from '../journey/groups'
import { ChangeSummary } from './ChangeSummary'
import type { MessageKind } from './provenance'
import { inspectorView } from './model'
import { Segmented } from './parts'
import { RawView } from './RawView'
import { StructuredView } from './StructuredView'

type Format = 'structured' | 'raw'

/**
 * Inspector panel: the request or response as it stands at this step, raw or taken apart, with
 * what this step changed and where every header came from. Loaded lazily: not in the first paint.
 */
export default function InspectorPanel() {
  const trace = useStore(selectTrace)
  const playhead = useStore(selectPlayhead)
  const [format, setFormat] = useState<Format>('structured')
  const [picked, setPicked] = useState<MessageKind | null>(null)
  const [shownAll, setShownAll] = useState(false)
  // Which message, and whether the whole body is shown, reset whenever the playhead moves:
  // any step, stepped back to, shows exactly what it showed the first time.
  const [shownFor, setShownFor] = useState({ trace, playhead })
  if (shownFor.trace !== trace || shownFor.playhead !== playhead) {
    setShownFor({ trace, playhead })
    setPicked(null)
    setShownAll(false)
  }

  const view = useMemo(
    () => (trace ? inspectorView(trace, playhead, picked) : null),
    [trace, playhead, picked],
  )

  if (!trace || !view) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2 className="inspector-title">Inspector</h2>
        <p className="inspector-empty">
          Send the request, then step through it: here you will see the request or response as each
          layer leaves it, and which layer set each header.
        </p>
      </section>
    )
  }

  const { event, travelling, available, shown } = view
  const group = groupInfo(groupOf(event.layer))
  const arrow = (kind: MessageKind) =>
    kind === travelling ? (
      <span className="segment-mark" aria-hidden="true">
        {kind === 'request' ? '↓' : '↑'}
      </span>
    ) : null

  return (
    <section className="inspector" aria-label="Inspector">
      <header className="inspector-head">
        <div className="inspector-heading">
          <h2 className="inspector-title">Inspector</h2>
          <p className="inspector-where">
            <span className="layer-tag" data-group={group.id}>
              {group.number} {group.label}
            </span>
            <span>
              Step {playhead + 1}: {event.title}
            </span>
          </p>
        </div>
        <div className="inspector-toggles">
          <Segmented<MessageKind>
            label="Message"
            value={shown.kind}
            onChange={(value) => {
              setPicked(value)
              setShownAll(false)
            }}
            options={[
              { value: 'request', label: 'Request', mark: arrow('request') },
              {
                value: 'response',
                label: 'Response',
                mark: arrow('response'),
                disabled: !available.includes('response'),
              },
            ]}
          />
          <Segmented<Format>
            label="View"
            value={format}
            onChange={setFormat}
            options={[
              { value: 'structured', label: 'Structured' },
              { value: 'raw', label: 'Raw' },
            ]}
          />
        </div>
      </header>
      <ChangeSummary trace={trace} view={view} />
      {format === 'structured' ? (
        <StructuredView view={view} expanded={shownAll} onShowAll={() => setShownAll(true)} />
      ) : (
        <RawView view={view} expanded={shownAll} onShowAll={() => setShownAll(true)} />
      )}
    </section>
  )
}
