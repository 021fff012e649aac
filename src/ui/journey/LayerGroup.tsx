import type { ReactNode, RefObject } from 'react'
import { useEffect, useLayoutEffect, useRef } from 'react'
import { formatMs } from '../format'
import { takeTurn } from '../playback/frameTurns'
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

const smoothness = (): ScrollBehavior =>
  document.documentElement.dataset.motion === 'reduce' ? 'auto' : 'smooth'

/**
 * Scrolls the band into view; a band taller than the journey's pane (an unfolded band on a
 * phone) brings its current step into view instead, which 'nearest' on the band would not.
 */
const reveal = (band: HTMLElement) => {
  if (typeof band.scrollIntoView !== 'function') return
  const pane = band.closest<HTMLElement>('.journey-pane')
  const row = band.querySelector<HTMLElement>('[data-state="current"]')
  const target = pane && row && band.offsetHeight > pane.clientHeight ? row : band
  target.scrollIntoView({ block: 'nearest', behavior: smoothness() })
}

/** The band's steps, where they are clipped to the room left (the stage: present.css). */
const clippedSteps = (row: HTMLElement): HTMLElement | null => {
  const steps = row.closest<HTMLElement>('.band-events')
  if (!steps || steps.scrollHeight <= steps.clientHeight) return null
  // Steps that only spill over (a phone's wrapped rows) are not clipped: the pane scrolls them.
  return getComputedStyle(steps).overflowY === 'hidden' ? steps : null
}

/** How far the stage's clipped steps fade at a cut edge (present.css: --steps-fade). */
const STEPS_FADE_PX = 12

/**
 * Where a row must be whole to be shown: on the stage, inside its band's steps less their fading
 * edges (a row in a fade is not clear, though all of it is inside); elsewhere, on screen.
 * Reads no layout: the presenting flag is an attribute.
 */
const shownWithin = (row: HTMLElement): IntersectionObserverInit | undefined => {
  const steps = row.closest('.band-events')
  if (!steps || !document.documentElement.hasAttribute('data-presenting')) return undefined
  return { root: steps, rootMargin: `-${STEPS_FADE_PX}px 0px` }
}

/**
 * Brings the band's current row into view: within the band's clipped steps, with a row of
 * context either side, or else in the journey's pane.
 */
const revealRow = (row: HTMLElement) => {
  const steps = clippedSteps(row)
  if (!steps) {
    if (typeof row.scrollIntoView === 'function')
      row.scrollIntoView({ block: 'nearest', behavior: smoothness() })
    return
  }
  const box = row.getBoundingClientRect()
  const view = steps.getBoundingClientRect()
  // A row of context, or a quarter of what shows, but not less than the fading edge, unless
  // what shows is too short for that: then the row sits in the middle.
  const context = Math.min(
    Math.max(STEPS_FADE_PX, Math.min(box.height, view.height / 4)),
    Math.max(0, (view.height - box.height) / 2),
  )
  const above = view.top + context - box.top
  const below = box.bottom - (view.bottom - context)
  const by = above > 0 ? -above : below > 0 ? below : 0
  if (by !== 0) steps.scrollBy({ top: by, behavior: smoothness() })
}

/**
 * Tells, once, whether the next frame shows all of an element: an IntersectionObserver's first
 * report, made from the layout that frame draws anyway, so asking forces no layout of its own.
 * Where there is no observer (jsdom), nothing is reported. Returns the way to stop asking.
 */
const whenDrawn = (
  el: Element,
  then: (whole: boolean) => void,
  within?: IntersectionObserverInit,
): (() => void) => {
  if (typeof IntersectionObserver === 'undefined') return () => undefined
  const observer = new IntersectionObserver(
    ([entry]) => {
      observer.disconnect()
      if (entry) then(entry.intersectionRatio >= 0.99)
    },
    { ...within, threshold: [0.99] },
  )
  observer.observe(el)
  return () => observer.disconnect()
}

/**
 * The journey may be taller than its pane: bring the current band into view, gently. Whether a
 * band is whole on screen comes from IntersectionObservers, so the usual case (it is) reads no
 * layout on the step; asking for it synchronously after a commit forced a layout that cost
 * frames under CPU throttling. A band that grows past the edge is revealed when the observer
 * reports it, but only just after it became current: a reader scrolling away later is left alone.
 */
const useCurrentInView = (self: RefObject<HTMLElement | null>, current: boolean): void => {
  const currentSince = useRef<number | null>(null)

  useEffect(() => {
    const band = self.current
    if (!band || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      ([entry]) => {
        const since = currentSince.current
        if (!entry || entry.intersectionRatio >= 0.99 || since === null) return
        if (performance.now() - since < UNFOLD_MS) reveal(band)
      },
      { threshold: [0.99] },
    )
    observer.observe(band)
    return () => observer.disconnect()
  }, [self])

  // The band is revealed once it has unfolded (useUnfold), from the layout it then has: a
  // reveal started before, for the folded band, was still gliding when it grew, and ended with
  // its last steps past the pane's edge. Without animation frames (jsdom) it is revealed now.
  useEffect(() => {
    const band = self.current
    currentSince.current = current ? performance.now() : null
    if (current && band && typeof requestAnimationFrame !== 'function') reveal(band)
  }, [self, current])
}

/**
 * The current band unfolds (data-expanded, which the CSS lays out) in a frame of its own, not in
 * the frame of the band's commit: under 4× CPU throttling the commit and the band's
 * restyle/relayout together overran a frame. The unfolding takes its turn (frameTurns.ts) inside
 * an animation frame callback, two frames after the commit at the earliest: while playing, after
 * the band's own frame and the reading panels' (usePanelState), before the bands below a failure
 * follow; stepping by hand, in the frame after the step's. Inside the callback, that frame draws
 * the unfolding alone and its in-view checks report from it; unfolded in a task after a frame, a
 * phone under load saw the band's reveal come too late for the step after.
 * The end state is the same; the first render applies it at once. The travelling packet
 * re-measures the stops when the band resizes.
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
    // observer's threshold (it was already partly out), and on the stage its current step (the
    // last, when stepping back into it) may be clipped: both are asked of the frame that draws
    // the unfolded band, so nothing here forces a layout.
    const stops: (() => void)[] = []
    const unfold = () => {
      apply()
      if (!current) return
      stops.push(whenDrawn(band, (whole) => whole || reveal(band)))
      const row = band.querySelector<HTMLElement>('[data-state="current"]')
      if (row)
        stops.push(
          whenDrawn(
            row,
            (whole) => whole || !clippedSteps(row) || revealRow(row),
            shownWithin(row),
          ),
        )
    }
    const cancel = takeTurn(unfold, 'unfold', { inFrame: true, frames: 2 })
    return () => {
      cancel()
      for (const stop of stops) stop()
    }
  }, [self, current])
}

/**
 * Stepping inside an unfolded band can move the current row out of view: past the pane's edge
 * (a band taller than the pane, on a phone) or past the room the stage leaves the band's steps.
 * Whether it is shown is asked of the next frame (whenDrawn), so a step whose row is in view,
 * the usual case, reads no layout at all; reading heights after each step forced one per step.
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
    const row = self.current?.querySelector<HTMLElement>('[data-state="current"]')
    if (!row) return
    return whenDrawn(row, (whole) => whole || revealRow(row), shownWithin(row))
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
