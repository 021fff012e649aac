import type { MotionValue } from 'framer-motion'
import { cancelFrame, easeInOut, frame, m, useMotionValue, useTransform } from 'framer-motion'
import type { CSSProperties } from 'react'
import { Fragment, memo, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useStore } from '../../store'
import { formatMs } from '../format'
import { glideSeconds } from '../playback/pacing'
import { usePlayheadMotion } from '../playback/PlayheadMotion'
import { tween } from '../playback/tween'
import type { Actor, Arrow, Message, Section } from './model'
import { scrollerOf } from './scroll'

type RowState = 'past' | 'current' | 'future'

const rowState = (index: number, playhead: number): RowState =>
  index < playhead ? 'past' : index === playhead ? 'current' : 'future'

export interface Lifelines {
  readonly actors: readonly Actor[]
  /** Each actor's lifeline, as a percentage of the diagram's width. */
  readonly x: Readonly<Partial<Record<Actor, number>>>
  readonly names: Readonly<Partial<Record<Actor, string>>>
  /** Width of the box an arrow's label is centred in, in % (wider than a narrow arrow). */
  readonly labelWidth: number
  /** Put labels beside arrows where they fit, to keep a many-actor diagram short. */
  readonly sideLabels: boolean
  /** Actor names on two alternating lines, so six of them fit a narrow panel. */
  readonly stagger: boolean
}

interface Props {
  readonly section: Section
  readonly title: string
  readonly lifelines: Lifelines
  readonly playhead: number
  readonly onSeek: (index: number) => void
  readonly reduced: boolean
}

const xOf = (lifelines: Lifelines, actor: Actor): number => lifelines.x[actor] ?? 50

/** Rough rendered widths (px at the 18px base) to decide what fits before the browser lays it out. */
const NAME_PX = 11.5
const SMALL_PX = 8.2
const ACTOR_PX = 8.6

const labelPx = (arrow: Arrow, step: boolean): number =>
  (step ? 32 : 0) +
  arrow.label.length * NAME_PX +
  (arrow.detail ? arrow.detail.length * SMALL_PX + 8 : 0) +
  formatMs(arrow.ms).length * SMALL_PX +
  24

type Placement = 'left' | 'right' | 'above' | 'below' | 'self'

/**
 * Where an arrow's label goes: beside the arrow when it fits there (the DNS diagram, whose
 * messages each use only part of its width), else above it (below for the reply of a
 * there-and-back pair), centred and kept inside the diagram.
 */
const placementOf = (
  lifelines: Lifelines,
  arrow: Arrow,
  reply: boolean,
  step: boolean,
  width: number,
): Placement => {
  const a = xOf(lifelines, arrow.from)
  const b = xOf(lifelines, arrow.to)
  if (a === b) return 'self'
  const left = Math.min(a, b)
  const right = 100 - Math.max(a, b)
  const need = (labelPx(arrow, step) / Math.max(width, 1)) * 100
  if (lifelines.sideLabels && width > 0) {
    if (left >= right && left >= need) return 'left'
    if (right >= need) return 'right'
    if (left >= need) return 'left'
  }
  return reply ? 'below' : 'above'
}

const labelStyle = (
  lifelines: Lifelines,
  arrow: Arrow,
  placement: Placement,
  step: boolean,
  width: number,
): CSSProperties => {
  const a = xOf(lifelines, arrow.from)
  const b = xOf(lifelines, arrow.to)
  if (placement === 'self') return {}
  if (placement === 'left') return { right: `${100 - Math.min(a, b)}%` }
  if (placement === 'right') return { left: `${Math.max(a, b)}%` }
  const mid = (a + b) / 2
  if (width > 0) {
    // Centred over the arrow's middle, shifted only as far as the diagram's edges require.
    const need = labelPx(arrow, step)
    if (need >= width) return { textAlign: 'center' }
    const start = Math.min(Math.max((mid / 100) * width - need / 2, 0), width - need)
    return { marginLeft: `${Math.round(start)}px`, width: 'max-content', maxWidth: '100%' }
  }
  const box = lifelines.labelWidth
  const start = Math.min(Math.max(mid - box / 2, 0), 100 - box)
  return { marginLeft: `${start}%`, width: `${box}%`, textAlign: 'center' }
}

/** The step number; screen readers hear "Step 12". */
function StepBadge({ step }: { step: number }) {
  return (
    <>
      <span className="sr-only">Step {step}</span>
      <span className="seq-step" aria-hidden="true">
        {step}
      </span>
    </>
  )
}

interface LabelProps {
  readonly arrow: Arrow
  readonly lifelines: Lifelines
  /** The step number, shown on the message's first label. */
  readonly step?: number
  readonly placement: Placement
  readonly width: number
}

function ArrowLabel({ arrow, lifelines, step, placement, width }: LabelProps) {
  return (
    <span
      className="seq-label"
      data-place={placement}
      style={labelStyle(lifelines, arrow, placement, step !== undefined, width)}
    >
      <span className="seq-head">
        {step === undefined ? null : <StepBadge step={step} />}{' '}
        <span className="seq-name">{arrow.label}</span>
      </span>{' '}
      {arrow.detail ? <span className="seq-detail">{arrow.detail}</span> : null}{' '}
      <span className="seq-ms">{formatMs(arrow.ms)}</span>
    </span>
  )
}

/**
 * How far along arrow `part` of `parts` of the message at `index` is, from the shared playhead:
 * 0 until the playhead leaves the step before, 1 once it has arrived on this one.
 */
const progressOf = (value: number, index: number, part: number, parts: number): number =>
  Math.min(1, Math.max(0, (value - (index - 1)) * parts - part))

interface ArrowProps {
  readonly arrow: Arrow
  readonly lifelines: Lifelines
  readonly state: RowState
  readonly reduced: boolean
  readonly playhead: MotionValue<number>
  readonly index: number
  readonly part: number
  readonly parts: number
}

/** framer-motion's frame loop, for the arrow's own pace. */
const LOOP = { frame, cancelFrame, easeInOut }

/**
 * How far along its arrow a message is drawn, 0 to 1. Earlier messages are drawn and later ones
 * are not. The current one travels as the shared playhead motion value glides onto its step,
 * with a tween of the same pace underneath, so it always arrives even when the playhead jumps
 * rather than glides; with reduced motion it is simply drawn.
 */
const useProgress = (props: ArrowProps): MotionValue<number> => {
  const { state, playhead, index, part, parts, reduced } = props
  const progress = useMotionValue(state === 'past' ? 1 : 0)
  useEffect(() => {
    if (state !== 'current' || reduced) {
      progress.set(state === 'future' ? 0 : 1)
      return
    }
    const { trace, pacing, speed } = useStore.getState()
    const duration = glideSeconds(trace?.events ?? [], index - 1, index, pacing, speed)
    let own = 0
    const show = () => progress.set(Math.max(own, progressOf(playhead.get(), index, part, parts)))
    const pace = tween(LOOP, duration, (share) => {
      own = Math.min(1, Math.max(0, share * parts - part))
      show()
    })
    const off = playhead.on('change', show)
    show()
    return () => {
      pace.stop()
      off()
    }
  }, [progress, state, reduced, playhead, index, part, parts])
  return progress
}

/**
 * The line and head of one arrow. The drawn line slides along its dashed track from sender to
 * receiver as the playhead glides onto this message: transforms only, no React render per frame.
 */
function ArrowLine(props: ArrowProps) {
  const { arrow, lifelines } = props
  const a = xOf(lifelines, arrow.from)
  const b = xOf(lifelines, arrow.to)
  const dir = b >= a ? 'right' : 'left'
  const progress = useProgress(props)
  const x = useTransform(progress, (p) => `${(dir === 'right' ? p - 1 : 1 - p) * 100}%`)
  const loop = useTransform(progress, (p) => 0.6 + 0.4 * p)
  const shown = useTransform(progress, (p) => (p > 0 ? 1 : 0))
  if (a === b)
    return (
      <span className="seq-line seq-self" style={{ marginLeft: `${a}%` }} aria-hidden="true">
        <span className="seq-self-track" />
        <m.span className="seq-self-loop" style={{ scaleX: loop, opacity: shown }} />
      </span>
    )
  const style: CSSProperties = { marginLeft: `${Math.min(a, b)}%`, width: `${Math.abs(b - a)}%` }
  return (
    <span className="seq-line" data-dir={dir} style={style} aria-hidden="true">
      <span className="seq-track" />
      <m.span className="seq-fill" style={{ x }} />
    </span>
  )
}

/**
 * Keeps the current message in view inside the panel's own scroller, with its diagram's title
 * too when both fit; never scrolls the page or the journey beside it.
 */
const useKeepInView = (row: HTMLElement | null, current: boolean, reduced: boolean) => {
  useEffect(() => {
    if (!current || !row) return
    const scroller = scrollerOf(row)
    if (!scroller || typeof scroller.scrollBy !== 'function') return
    const view = scroller.getBoundingClientRect()
    const top = view.top + 8
    const bottom = view.bottom - 8
    const box = row.getBoundingClientRect()
    const figure = row.closest('figure')?.getBoundingClientRect()
    // Show from the diagram's title down to this message if that fits, else the message alone.
    const from = figure && box.bottom - figure.top <= bottom - top ? figure.top : box.top
    if (from >= top && box.bottom <= bottom) return
    const delta = from < top || box.bottom - from > bottom - top ? from - top : box.bottom - bottom
    scroller.scrollBy({ top: delta, behavior: reduced ? 'auto' : 'smooth' })
  }, [row, current, reduced])
}

interface RowProps {
  readonly message: Message
  readonly lifelines: Lifelines
  readonly state: RowState
  readonly actorText: string
  /** "Browser → Server (nginx) · 5.7 ms", over the explanation. */
  readonly meta: string
  readonly onSeek: (index: number) => void
  readonly reduced: boolean
  readonly width: number
}

/** One message: a button (click or Enter seeks to it) drawn as its arrows across the lifelines. */
function Row(props: RowProps) {
  const { message, lifelines, state, actorText, meta, onSeek, reduced, width } = props
  const playhead = usePlayheadMotion()
  const [row, setRow] = useState<HTMLLIElement | null>(null)
  useKeepInView(row, state === 'current', reduced)

  // The name is the visible text (label in name), plus what the drawing alone shows: who to whom.
  const first = message.arrows[0]
  const extra = [
    first && first.label !== message.name ? message.name : null,
    actorText || null,
  ].filter(Boolean)
  const parts = message.arrows.length
  const body =
    message.kind === 'note' ? (
      <span className="seq-note">
        <span className="seq-note-icon" aria-hidden="true">
          {message.tone === 'error' ? '✕' : 'i'}
        </span>
        <span className="seq-note-text">
          <StepBadge step={message.index + 1} /> {message.name}
        </span>
      </span>
    ) : (
      message.arrows.map((arrow, part) => {
        const reply = part > 0 && part === parts - 1
        const placement = placementOf(lifelines, arrow, reply, part === 0, width)
        const label = (
          <ArrowLabel
            arrow={arrow}
            lifelines={lifelines}
            placement={placement}
            width={width}
            {...(part === 0 ? { step: message.index + 1 } : {})}
          />
        )
        return (
          <Fragment key={part}>
            {part > 0 ? ' ' : null}
            <span className="seq-arrow" data-place={placement}>
              {placement === 'below' ? null : label}
              <ArrowLine
                arrow={arrow}
                lifelines={lifelines}
                state={state}
                reduced={reduced}
                playhead={playhead}
                index={message.index}
                part={part}
                parts={parts}
              />
              {placement === 'below' ? label : null}
            </span>
          </Fragment>
        )
      })
    )

  return (
    <li
      ref={setRow}
      className="seq-row"
      data-state={state}
      data-tone={message.tone}
      data-kind={message.kind}
    >
      <button
        type="button"
        className="seq-button"
        aria-current={state === 'current' ? 'true' : undefined}
        onClick={() => onSeek(message.index)}
      >
        {state === 'current' && reduced ? (
          // Reduced motion: nothing travels; the message fades in where it stands instead.
          <m.span
            className="seq-fade"
            data-testid="seq-fade"
            initial={{ opacity: 0.3 }}
            animate={{ opacity: 1 }}
            transition={{ duration: 0.3 }}
          >
            {body}
          </m.span>
        ) : (
          body
        )}
        {extra.length > 0 ? <span className="sr-only">, {extra.join(', ')}</span> : null}
      </button>
      {state === 'current' ? (
        // The current message in words, right under its arrow.
        <m.p
          className="seq-explain"
          initial={{ opacity: 0 }}
          animate={{ opacity: 1 }}
          transition={{ duration: 0.25 }}
        >
          {meta ? <span className="seq-explain-meta">{meta}</span> : null}
          {message.text}
        </m.p>
      ) : null}
    </li>
  )
}

/** "Browser to Server (nginx)" for the accessible name of a message. */
const actorsOf = (message: Message, names: Lifelines['names']): string => {
  const first = message.arrows[0]
  if (!first) return ''
  const name = (a: Actor) => names[a] ?? a
  if (first.from === first.to) return `at the ${name(first.from)}`
  if (message.arrows.length === 2) return `${name(first.from)} to ${name(first.to)} and back`
  return `${name(first.from)} to ${name(first.to)}`
}

/** "Server (nginx) → Browser · 6.1 ms", or ⇄ for a question and its answer. */
const metaOf = (message: Message, names: Lifelines['names']): string => {
  const first = message.arrows[0]
  if (!first) return ''
  const name = (a: Actor) => names[a] ?? a
  const where =
    first.from === first.to
      ? `At the ${name(first.from)}`
      : message.arrows.length === 2 && message.arrows[1]?.to === first.from
        ? `${name(first.from)} ⇄ ${name(first.to)}`
        : `${name(first.from)} → ${name(first.to)}`
  return `${where} · ${formatMs(message.ms)}`
}

/** Actor boxes above their lifelines, kept inside the diagram at its edges. */
function Actors({ lifelines, width }: { lifelines: Lifelines; width: number }) {
  return (
    <div className="seq-actors" data-stagger={lifelines.stagger || undefined} aria-hidden="true">
      {lifelines.actors.map((actor, i) => {
        const name = lifelines.names[actor] ?? actor
        const x = xOf(lifelines, actor)
        const box = name.length * ACTOR_PX + 14
        // Centred on its lifeline unless that would push it past an edge of the diagram.
        const shift =
          width > 0
            ? Math.min(0, width * (1 - x / 100) - box / 2) +
              Math.max(0, box / 2 - (width * x) / 100)
            : 0
        return (
          <span
            key={actor}
            className="seq-actor"
            data-row={lifelines.stagger ? i % 2 : 0}
            style={{ left: `${x}%`, translate: `calc(-50% + ${Math.round(shift)}px) 0` }}
          >
            {name}
          </span>
        )
      })}
    </div>
  )
}

/** The diagram's width in px, kept up to date (0 until measured, e.g. in tests without layout). */
const useWidth = () => {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(element.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setWidth(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

/**
 * One handshake as a sequence diagram: lifelines for the actors, one row per message in trace
 * order. Rows up to the playhead are drawn, the current one travels and is highlighted, later
 * ones are faint. The rows are an ordered list of buttons, so the diagram is also its own text.
 */
function SequenceDiagramView(props: Props) {
  const { section, title, lifelines, playhead, onSeek, reduced } = props
  const id = useId()
  const [body, width] = useWidth()
  const onlyNotes = section.messages.every((message) => message.kind === 'note')
  const describe = section.messages.map((message) => message.name).join(', then ')
  return (
    <figure
      className="seq"
      data-section={section.id}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
    >
      <figcaption className="seq-caption">
        <h3 className="seq-title" id={`${id}-title`}>
          {title}
        </h3>
        {section.summary || section.ms > 0 ? (
          <span className="seq-summary">
            {section.summary ? <span className="seq-trips">{section.summary}</span> : null}
            {section.summary && section.ms > 0 ? ' · ' : null}
            {section.ms > 0 ? <span className="seq-total">{formatMs(section.ms)}</span> : null}
          </span>
        ) : null}
        <span id={`${id}-desc`} hidden>
          {onlyNotes
            ? describe
            : `Sequence diagram between ${lifelines.actors
                .map((a) => lifelines.names[a] ?? a)
                .join(', ')}: ${describe}.`}
        </span>
      </figcaption>
      <div className="seq-body" ref={body} data-notes={onlyNotes || undefined}>
        {onlyNotes
          ? null
          : lifelines.actors.map((actor) => (
              <span
                key={actor}
                className="seq-lifeline"
                aria-hidden="true"
                style={{ left: `${xOf(lifelines, actor)}%` }}
              />
            ))}
        {onlyNotes ? null : <Actors lifelines={lifelines} width={width} />}
        <ol className="seq-rows">
          {section.messages.map((message) => (
            <Row
              key={message.index}
              message={message}
              lifelines={lifelines}
              state={rowState(message.index, playhead)}
              actorText={actorsOf(message, lifelines.names)}
              meta={metaOf(message, lifelines.names)}
              onSeek={onSeek}
              reduced={reduced}
              width={width}
            />
          ))}
        </ol>
      </div>
    </figure>
  )
}

/** Where the playhead stands relative to a section: which of its rows are past, which is current. */
const cursor = ({ section, playhead }: Props): string => {
  const past = section.messages.filter((message) => message.index < playhead).length
  const current = section.messages.some((message) => message.index === playhead)
  return `${past}:${current}`
}

/** Re-renders only when a step changes this diagram, not on every step of the trace. */
export const SequenceDiagram = memo(
  SequenceDiagramView,
  (before, after) =>
    before.section === after.section &&
    before.lifelines === after.lifelines &&
    before.onSeek === after.onSeek &&
    before.reduced === after.reduced &&
    cursor(before) === cursor(after),
)
