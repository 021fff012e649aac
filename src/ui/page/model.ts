import type { PageProtocol, PageRequest, PageSpec, PageTrace } from '../../engine'
import { DEFAULT_PAGE, altSvcKnown, pageApp, pageWithImages, simulatePage } from '../../engine'
import type { PageChoice } from '../../link/page'
import { curatedOf } from '../../link/page'

/** DevTools' names for a request's timing phases, in order along its bar. */
export const PHASES = [
  ['queueing', 'Queueing'],
  ['stalled', 'Stalled'],
  ['dns', 'DNS Lookup'],
  ['connect', 'Initial connection'],
  ['ssl', 'SSL'],
  ['waiting', 'Waiting (TTFB)'],
  ['download', 'Content Download'],
] as const

export type PhaseId = (typeof PHASES)[number][0]

export interface Segment {
  readonly phase: PhaseId
  readonly label: string
  readonly from: number
  readonly to: number
}

/** A request's bar, phase by phase, on the page's clock. Phases of 0 ms are left out. */
export const segmentsOf = (r: PageRequest): Segment[] => {
  const out: Segment[] = []
  let at = r.start
  for (const [phase, label] of PHASES) {
    const length = r.phases[phase]
    if (length > 0) out.push({ phase, label, from: at, to: at + length })
    at += length
  }
  return out
}

export const PROTOCOL_NAMES: Record<PageProtocol, string> = {
  'http/1.1': 'HTTP/1.1',
  h2: 'HTTP/2',
  h3: 'HTTP/3',
}

/** One stop of the page's playhead: something a student can see change. */
export interface PageStep {
  readonly at: number
  readonly text: string
  /** The request this step is about, if any. */
  readonly request?: string
}

/**
 * Every moment something happens, in time order: a request discovered, sent, its first byte, its
 * end, and the page's marks. Stepping moves between them; nothing is simulated again.
 */
export const stepsOf = (page: PageTrace): PageStep[] => {
  const steps: PageStep[] = []
  const nameOf = (id: string | null) => page.requests.find((r) => r.id === id)?.name ?? 'the page'
  for (const r of page.requests) {
    const by = r.initiator === null ? 'You open the page' : `${nameOf(r.initiator)} asks for it`
    steps.push({ at: r.start, request: r.id, text: `${r.name} discovered (${by})` })
    if (r.sentAt > r.start + 0.05)
      steps.push({
        at: r.sentAt,
        request: r.id,
        text: `${r.name} leaves on ${r.connection}${r.stream === undefined ? '' : `, stream ${r.stream}`} after waiting ${Math.round(r.sentAt - r.start)} ms`,
      })
    const firstByte = r.end - r.phases.download
    if (firstByte > r.sentAt + 0.05 && firstByte < r.end - 0.05)
      steps.push({ at: firstByte, request: r.id, text: `${r.name}: first byte arrives` })
    steps.push({
      at: r.end,
      request: r.id,
      text: `${r.name} done: ${r.status === null ? 'network error' : r.status}`,
    })
  }
  for (const m of page.marks) steps.push({ at: m.at, text: m.label })
  // HTTP/3 is learnt from a header: credit the response that carried it.
  for (const a of page.altSvcFrom ?? [])
    steps.push({
      at: a.at,
      request: a.request,
      text: `${nameOf(a.request)}’s response (over HTTP/2) carries Alt-Svc: ${a.value}, so requests to ${new URL(a.origin).host} from now on use HTTP/3`,
    })
  for (const l of page.losses)
    steps.push({
      at: l.at,
      request: l.request,
      text: `A packet of ${nameOf(l.request)} is lost: ${l.blocked.length === 1 ? 'only its stream waits' : `${l.blocked.length} requests wait`}`,
    })
  return steps.sort((a, b) => a.at - b.at)
}

export type RowState = 'future' | 'waiting' | 'active' | 'done'

export const stateAt = (r: PageRequest, time: number): RowState =>
  time < r.start ? 'future' : time < r.sentAt ? 'waiting' : time < r.end ? 'active' : 'done'

/** What the page on screen looks like at `time`: it is built as its parts arrive. */
export interface PageView {
  /** The HTML has started arriving: text and boxes, unstyled. */
  readonly html: boolean
  /** First paint: the render-blocking stylesheets are in. */
  readonly styled: boolean
  readonly font: boolean
  /** Image URLs that have arrived. */
  readonly images: ReadonlySet<string>
  readonly data: 'idle' | 'loading' | 'success' | 'error'
  readonly lcp: boolean
}

export const viewAt = (page: PageTrace, time: number): PageView => {
  const doc = page.requests[0]
  const mark = (id: string) => page.marks.find((m) => m.id === id)?.at ?? Infinity
  const done = (r: PageRequest) => r.end <= time
  const fetched = page.requests.find((r) => r.id === page.data.request)
  return {
    html: doc !== undefined && doc.end - doc.phases.download <= time && doc.status === 200,
    styled: mark('first-paint') <= time,
    font: page.requests.some((r) => r.kind === 'font' && done(r)),
    images: new Set(
      page.requests
        .filter((r) => r.kind === 'image' && done(r) && mark('first-paint') <= time)
        .map((r) => r.url),
    ),
    data:
      !fetched || time < fetched.start ? 'idle' : time < mark('data') ? 'loading' : page.data.state,
    lcp: mark('lcp') <= time,
  }
}

/** Percent of an axis, rounded so styles stay stable between renders. */
export const pct = (ms: number, span: number): number =>
  span > 0 ? Math.round((ms / span) * 100_000) / 1000 : 0

/** The page a choice loads: the curated shop (25 requests) or one with 93 photos (100). */
export const specOf = (size: '25' | '100', cdn: 'hit' | 'miss'): PageSpec => ({
  ...(size === '100' ? pageWithImages(93) : DEFAULT_PAGE),
  cdn: { hosts: ['cdn.example.net'], cache: cdn },
})

/** The page trace a choice stands for: the same input always gives the same trace. */
export const traceOf = (choice: PageChoice, spec: PageSpec = specOf(choice.size, choice.cdn)) =>
  simulatePage({
    scenario: pageApp,
    page: spec,
    protocol: choice.protocol,
    network: choice.network,
    seed: 1,
    ...(choice.protocol === 'h3' && choice.altSvc === 'known'
      ? { connection: altSvcKnown(spec) }
      : {}),
  })

/** What a choice is called: its curated page load's title, or what it is made of. */
export const titleOf = (choice: PageChoice): string =>
  curatedOf(choice)?.title ??
  `A page over ${PROTOCOL_NAMES[choice.protocol]}, ${choice.network} network, CDN ${choice.cdn.toUpperCase()}${choice.size === '100' ? ', 100 requests' : ''}`

/** How much of a phase from `from` to `to` is drawn at `time`, 0 to 1 (a `scaleX`). */
export const grown = (from: number, to: number, time: number): number =>
  to > from
    ? Math.round(Math.max(0, Math.min(1, (time - from) / (to - from))) * 10_000) / 10_000
    : 1
