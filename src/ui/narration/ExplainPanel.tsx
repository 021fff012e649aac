import type { RefObject } from 'react'
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import type { Depth } from '../../store'
import {
  selectCurrentEvent,
  selectDepth,
  selectEvents,
  selectPlayhead,
  selectSending,
  selectShown,
} from '../../store'
import { afterNextFrame } from '../common/afterNextFrame'
import { formatMs } from '../format'
import { usePanelState } from '../playback/panelState'
import { contextAt, courseLayerOf, explain, misconceptionFor } from './explain'
import { RESPONSE_LAYER } from './explain/layers'
import { RichText } from './explain/RichText'
import { Welcome } from './explain/Welcome'
import './explain/explain.css'

const DEPTH_HEADINGS: Record<Depth, string> = {
  simple: 'Simple: the analogy',
  standard: 'Standard: what happens and why',
  deep: 'Deep: protocol and framework detail',
}

/** The element that scrolls the panel: the tab panel, or (phone layout) nothing of its own. */
const scrollerOf = (element: HTMLElement): HTMLElement | null =>
  element.closest<HTMLElement>('[role="tabpanel"]')

/**
 * A new step starts at its header: if the panel was scrolled down to a callout, scroll its own
 * container back so the new title shows. The page itself is never scrolled (a phone layout
 * scrolls the page, and stepping must not yank it).
 *
 * Whether the panel is scrolled is tracked from its scroll events (and read once after a frame),
 * so a step while it sits at the top (nearly always) reads no layout at all: reading `scrollTop`
 * or a rectangle right after a commit forces a synchronous layout, which cost a frame under CPU
 * throttling.
 */
const useHeaderInView = (ref: RefObject<HTMLElement | null>, key: number | undefined): void => {
  const scrolled = useRef(false)
  // The section exists only while there is a step to explain: listen again when it appears.
  const present = key !== undefined
  useEffect(() => {
    const scroller = ref.current && scrollerOf(ref.current)
    if (!scroller) return
    const onScroll = () => {
      scrolled.current = scroller.scrollTop > 0
    }
    // Where the container already stands is read once the next frame is drawn, when layout is
    // clean. Read here, right after the commit that mounted the panel or showed its first step,
    // it forced a layout of the whole page (3 ms at 4× in a traced play of dns-failure).
    let cancel: (() => void) | undefined
    if (typeof requestAnimationFrame === 'function') cancel = afterNextFrame(onScroll)
    else onScroll()
    scroller.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      cancel?.()
      scroller.removeEventListener('scroll', onScroll)
    }
  }, [ref, present])

  useLayoutEffect(() => {
    const section = ref.current
    const scroller = section && scrollerOf(section)
    if (!section || !scroller || !scrolled.current) return
    const top = section.getBoundingClientRect().top - scroller.getBoundingClientRect().top
    if (top >= 0) return
    // Whatever sits just above the panel in the same container (the depth switch) comes back too.
    const offset = top + scroller.scrollTop
    scroller.scrollTop = offset < 160 ? 0 : offset
  }, [ref, key])
}

function MythIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="9.5" />
      <path d="M12 7v6M12 16.5v.5" />
    </svg>
  )
}

/**
 * Explanation panel: what the current step means, at the depth the user chose, with the layer,
 * the step's time and, where the step confronts one, a common misconception. Loaded lazily.
 */
export default function ExplainPanel() {
  const event = usePanelState(selectCurrentEvent)
  const events = usePanelState(selectEvents)
  const playhead = usePanelState(selectPlayhead)
  const depth = usePanelState(selectDepth)
  const sending = usePanelState(selectSending)
  const { scenario } = usePanelState(selectShown)
  const middleware = useMemo(() => scenario.middleware.map((m) => m.kind), [scenario])
  const mythRef = useRef<HTMLElement>(null)
  const sectionRef = useRef<HTMLElement>(null)
  useHeaderInView(sectionRef, event?.seq)

  const shown = useMemo(() => {
    if (!event) return null
    const ctx = contextAt(events, playhead, middleware)
    return { explanation: explain(event, ctx), myth: misconceptionFor(event, ctx) }
  }, [event, events, playhead, middleware])

  if (!event || !shown) return <Welcome sending={sending} />

  const layer = courseLayerOf(event)
  const { explanation, myth } = shown
  const direction =
    event.direction === 'request'
      ? { arrow: '↓', text: 'On the way in' }
      : event.response
        ? { arrow: '↑', text: `${RESPONSE_LAYER.number} ${RESPONSE_LAYER.name}, on the way out` }
        : { arrow: '↑', text: 'Failed: no HTTP response' }

  return (
    <section
      ref={sectionRef}
      className="explain"
      aria-label="Explanation"
      data-group={layer.group}
      data-direction={event.direction}
    >
      <header className="explain-head">
        <p className="explain-layer">
          <span className="explain-layer-number">
            <span className="sr-only">Layer </span>
            {layer.number}
          </span>
          <span className="sr-only">: </span>
          <span>
            {layer.name}
            {layer.part ? <span className="explain-layer-part"> · {layer.part}</span> : null}
          </span>
        </p>
        <h2 className="explain-title">{event.title}</h2>
        <p className="explain-time">
          <span className="explain-direction">
            <span aria-hidden="true">{direction.arrow}</span> {direction.text}
          </span>
          <span className="sr-only">, </span>
          <span className="explain-when">
            at {formatMs(event.at)}, took {formatMs(event.duration)}
          </span>
          {myth ? (
            // On a projected 720p screen the callout may sit below the fold: say it is there.
            <button
              type="button"
              className="explain-myth-jump"
              onClick={() => mythRef.current?.scrollIntoView?.({ block: 'nearest' })}
            >
              <MythIcon />
              Misconception <span className="sr-only">below</span>
              <span aria-hidden="true">↓</span>
            </button>
          ) : null}
        </p>
      </header>

      <div className="explain-body">
        <h3 className="sr-only">{DEPTH_HEADINGS[depth]}</h3>
        <p className="explain-text" data-testid="explanation" data-depth={depth}>
          <RichText text={explanation[depth]} />
        </p>
      </div>

      {myth ? (
        <aside ref={mythRef} className="explain-myth" aria-label="Misconception">
          <p className="explain-myth-label">
            <MythIcon />
            Misconception
          </p>
          <p className="explain-myth-quote">
            <span className="explain-myth-tag">Myth</span> “{myth.myth}”
          </p>
          <p className="explain-myth-truth">
            <span className="explain-myth-tag">This step shows</span> <RichText text={myth.truth} />
          </p>
        </aside>
      ) : null}
    </section>
  )
}
