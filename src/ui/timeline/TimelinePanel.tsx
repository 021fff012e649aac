import './timeline.css'
import { useReducedMotion } from 'framer-motion'
import { useEffect, useMemo, useRef, useState } from 'react'
import {
  selectAtEnd,
  selectMotion,
  selectPlayhead,
  selectSeek,
  selectRevealLimit,
  selectRevealedTrace,
  useStore,
} from '../../store'
import { usePanelState } from '../playback/panelState'
import { formatMs } from '../format'
import { Breakdown } from './Breakdown'
import { keepInView } from './keepInView'
import { breakdownOf, timelineOf } from './phases'
import { Waterfall } from './Waterfall'

/** Timeline panel: where the time went, phase by phase. Loaded lazily: it is not part of the first paint. */
export default function TimelinePanel() {
  // While a lesson question waits, only the steps so far: the rest would give the answer away.
  const trace = usePanelState(selectRevealedTrace)
  const limited = usePanelState(selectRevealLimit) !== null
  const playhead = usePanelState(selectPlayhead)
  const atEnd = usePanelState(selectAtEnd)
  const seek = useStore(selectSeek)
  const motion = usePanelState(selectMotion)
  const systemReduced = useReducedMotion() ?? false
  const still = motion === 'reduce' || (motion === 'system' && systemReduced)
  // For predicting: keep what lies ahead of the playhead hidden until the class gets there.
  const [reveal, setReveal] = useState(false)

  const layout = useRef<HTMLDivElement>(null)

  // At the last step the answer is what the class wants to see: bring it into view once.
  useEffect(() => {
    const answer = layout.current?.querySelector<HTMLElement>('.tl-breakdown')
    if (atEnd && answer) keepInView(answer, { smooth: !still, start: true })
  }, [atEnd, trace, still])

  const timeline = useMemo(() => (trace ? timelineOf(trace) : null), [trace])
  const breakdown = useMemo(() => (trace ? breakdownOf(trace, formatMs) : null), [trace])

  if (!trace || !timeline || !breakdown || timeline.trips.length === 0)
    return (
      <section className="panel timeline" aria-label="Timeline">
        <h2 className="sr-only">Timeline</h2>
        <p className="tl-empty">
          Press “Send request”: each phase of the journey then appears here as a bar on one time
          axis, named as Chrome DevTools names it, with how long it took.
        </p>
      </section>
    )

  const trips = timeline.trips.length
  const hideAhead = (reveal || limited) && !atEnd
  return (
    <section className="panel timeline" aria-label="Timeline">
      <header className="tl-header">
        {/* The tab already says "Timeline"; the heading is there for the page's outline. */}
        <h2 className="sr-only">Timeline</h2>
        <p className="tl-summary">
          {trips > 1 ? (
            <span>{`${trips} round trips${hideAhead ? '' : ' · '}`}</span>
          ) : (
            <span className="tl-request">{`${timeline.trips[0]!.request}${hideAhead ? '' : ' · '}`}</span>
          )}
          {hideAhead ? null : (
            <span className="tl-total">{formatMs(breakdown.total)} in total</span>
          )}
        </p>
        <button
          type="button"
          className="button tl-reveal"
          aria-pressed={reveal}
          onClick={() => setReveal((on) => !on)}
        >
          Reveal as it plays
        </button>
      </header>
      <div className="tl-layout" ref={layout}>
        <Waterfall
          timeline={timeline}
          events={trace.events}
          playhead={playhead}
          onSeek={seek}
          reveal={reveal}
          still={still}
        />
        <Breakdown breakdown={breakdown} hidden={hideAhead} />
      </div>
    </section>
  )
}
