import './inspector.css'
import { useMemo, useState } from 'react'
import { selectPlayhead, selectRevealedTrace } from '../../store'
import { usePanelState } from '../playback/panelState'
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
  // While a lesson question waits, only the steps so far (the rest would give the answer away).
  const trace = usePanelState(selectRevealedTrace)
  const playhead = usePanelState(selectPlayhead)
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
        <h2 className="sr-only">Inspector</h2>
        <p className="inspector-empty">
          Send the request, then step through it: here you will see the request or response as each
          layer leaves it, and which layer set each header.
        </p>
      </section>
    )
  }

  const { travelling, available, shown } = view
  const arrow = (kind: MessageKind) =>
    kind === travelling ? (
      <span className="insp-option-mark" aria-hidden="true">
        {kind === 'request' ? '↓' : '↑'}
      </span>
    ) : null

  return (
    <section className="inspector" aria-label="Inspector">
      <header className="inspector-head">
        {/* The tab and the narration above already name the panel and the step. */}
        <h2 className="sr-only">Inspector</h2>
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
