import type { ReactNode, RefObject } from 'react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { formatMs } from '../format'
import type { GroupInfo, IndexedEvent } from '../model/groups'
import { sumMs } from '../model/groups'

export type BandState = 'idle' | 'pending' | 'visited' | 'skipped'

interface Props {
  readonly info: GroupInfo
  readonly items: readonly IndexedEvent[]
  readonly current: boolean
  /** The playhead, while this band is current (a tall band keeps its current row in view). */
  readonly step?: number
  readonly state: BandState
  /** The band's slice of the tracks (and the packet, when it sits still here). */
  readonly lane: ReactNode
  /** Under the band's name (the client's "Send request"). */
  readonly action?: ReactNode
  /** Beside the name: what the layer does, a change it made, where it turned. */
  readonly note?: ReactNode
  /** The band's events: dots while folded, one line each while current. */
  readonly children?: ReactNode
}

/** How long after a band becomes current its growing (it unfolds) may still scroll it into view. */
const UNFOLD_MS = 1000

/**
 * Scrolls the band into view; a band taller than the journey's pane (an unfolded band on a
 * phone) brings its current step into view instead, which 'nearest' on the band would not.
 */
const reveal = (band: HTMLElement) => {
  if (typeof band.scrollIntoView !== 'function') return
  const reduce = document.documentElement.dataset.motion === 'reduce'
  const pane = band.closest<HTMLElement>('.journey-pane')
  const row = band.querySelector<HTMLElement>('[data-state="current"]')
  const target = pane && row && band.offsetHeight > pane.clientHeight ? row : band
  target.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' })
}

/**
 * The journey may be taller than its pane: bring the current band into view, gently. Whether a
 * band is already whole on screen comes from an IntersectionObserver, so the usual case (it is)
 * reads no layout on the step; asking for it synchronously after a commit forced a layout that
 * cost frames under CPU throttling. A band that unfolds past the edge is revealed when the
 * observer reports it, but only just after it became current: a reader scrolling away later is
 * left alone.
 */
const useCurrentInView = (self: RefObject<HTMLElement | null>, current: boolean): void => {
  const whole = useRef(true)
  const currentSince = useRef<number | null>(null)

  useEffect(() => {
    const band = self.current
    if (!band || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry) return
        whole.current = entry.intersectionRatio >= 0.99
        const since = currentSince.current
        if (!whole.current && since !== null && performance.now() - since < UNFOLD_MS) reveal(band)
      },
      { threshold: [0.99] },
    )
    observer.observe(band)
    return () => observer.disconnect()
  }, [self])

  // Revealed in the next animation frame rather than in the step's commit: the layout reveal
  // reads is then the one that frame draws, not an extra one forced into the step's task.
  useEffect(() => {
    const band = self.current
    currentSince.current = current ? performance.now() : null
    if (!current || !band) return
    if (whole.current && typeof IntersectionObserver !== 'undefined') return
    if (typeof requestAnimationFrame !== 'function') return reveal(band)
    const frame = requestAnimationFrame(() => reveal(band))
    return () => cancelAnimationFrame(frame)
  }, [self, current])
}

/**
 * The current band unfolds (data-expanded, which the CSS lays out) two frames after the step's
 * commit instead of in the same frame: under 4× CPU throttling the commit and the band's
 * restyle/relayout together overran a frame. The end state is the same; the first render
 * applies it at once. The travelling packet re-measures the stops when the band resizes.
 */
const useUnfold = (self: RefObject<HTMLElement | null>, current: boolean): void => {
  const applied = useRef(false)
  useLayoutEffect(() => {
    const band = self.current
    if (!band) return
    const apply = () => band.toggleAttribute('data-expanded', current)
    if (!applied.current || typeof requestAnimationFrame !== 'function') {
      applied.current = true
      apply()
      return
    }
    // Unfolded, the current band may reach past the pane's edge without crossing the in-view
    // observer's threshold (it was already partly out): bring it in now. The layout this reads
    // is the one the frame needs anyway; 'nearest' does nothing when it is in view.
    const unfold = () => {
      apply()
      if (current) reveal(band)
    }
    let second = 0
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(unfold)
    })
    return () => {
      cancelAnimationFrame(first)
      cancelAnimationFrame(second)
    }
  }, [self, current])
}

/**
 * Stepping inside a band taller than the pane (an unfolded band on a phone) moves the current
 * row down past the pane's edge without the band ever leaving view: bring the row in. The
 * heights are read in the next animation frame, not in the step's commit: a step's render flushes
 * this effect in its own task, where reading them forced a style and layout; in the frame, that
 * layout is the one the frame draws anyway.
 */
const useCurrentRowInView = (self: RefObject<HTMLElement | null>, step: number | undefined) => {
  const first = useRef(true)
  useEffect(() => {
    if (step === undefined) {
      first.current = true
      return
    }
    // Entering the band is useCurrentInView's and useUnfold's to reveal.
    if (first.current) {
      first.current = false
      return
    }
    const band = self.current
    if (!band) return
    const check = () => {
      const pane = band.closest<HTMLElement>('.journey-pane')
      if (pane && band.offsetHeight > pane.clientHeight) reveal(band)
    }
    if (typeof requestAnimationFrame !== 'function') return check()
    const frame = requestAnimationFrame(check)
    return () => cancelAnimationFrame(frame)
  }, [self, step])
}

/** One band of the diagram: its tracks, number and name, what happened here and how long it took. */
export function LayerGroup(props: Props) {
  const { info, items, current, step, state, lane, action, note, children } = props
  const self = useRef<HTMLElement>(null)

  useCurrentInView(self, current)
  useUnfold(self, current)
  useCurrentRowInView(self, step)

  return (
    <section
      ref={self}
      role="group"
      aria-label={info.label}
      aria-current={current ? 'step' : undefined}
      className="band"
      data-group={info.id}
      data-state={state}
    >
      {lane}
      <div className="band-card">
        <div className="band-label">
          <span className="band-num" aria-hidden="true">
            {info.number}
          </span>
          <h2 className="band-name">{info.label}</h2>
          {action}
        </div>
        {note ? <div className="band-note">{note}</div> : null}
        {children ? <div className="band-events">{children}</div> : null}
        <p className="band-total">
          {items.length > 0 ? (
            <>
              <span className="sr-only">Time in this layer: </span>
              {formatMs(sumMs(items))}
            </>
          ) : null}
        </p>
      </div>
    </section>
  )
}
