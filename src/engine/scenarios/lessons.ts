import type { LayerId } from '../model/layers'
import type { StageId } from '../model/stages'
import type { TraceEvent } from '../model/events'
import type { Trace } from '../model/trace'
import { CDN, findPageScenario, pageInputOf } from '../page/defaultPage'
import { MAX_H1_CONNECTIONS, simulatePage } from '../page/simulatePage'
import type { PageRequest, PageTrace, SimulatePageInput } from '../page/types'
import { pageAppApiDown } from './lessonScenarios'

/**
 * The misconceptions DOMAIN.md asks lessons to confront (predict, then reveal).
 *
 * | Misconception                                             | Lessons                                              |
 * |-----------------------------------------------------------|------------------------------------------------------|
 * | "My view is slow, so my API is slow"                      | view-vs-database, network-on-3g, waiting-on-payments |
 * | "Every request changes data on the server"                | get-only-reads, delete-writes                        |
 * | "The browser decides what the response contains"          | router-says-404, wrong-method, gzip-server-decides   |
 * | "The framework shares request data between users"         | own-session, request-context                         |
 * | "A response is always a whole web page"                   | json-not-page, head-no-body, not-modified-empty, how-a-page-loads |
 * | "Any middleware order works"                              | logging-order, cors-order, authz-before-auth         |
 */
export const MISCONCEPTIONS = {
  'view-is-slow': 'My view is slow, so my API is slow',
  'every-request-changes-data': 'Every request changes data on the server',
  'browser-decides-response': 'The browser decides what the response contains',
  'shared-request-data': 'The framework shares request data between users',
  'response-is-a-page': 'A response is always a whole web page',
  'any-middleware-order': 'Any middleware order works',
} as const

export type MisconceptionId = keyof typeof MISCONCEPTIONS

/** Text that may quote the trace (its total time, a header), so it is always true of the run shown. */
export type TraceText = string | ((trace: Trace) => string)

interface CheckpointBase {
  /**
   * The index of the first event that would give the answer away. Playback stops on the step
   * before it until the question is answered; `undefined` (the event is not in this trace, e.g. a
   * warm repeat with no DNS) means "before the last step".
   */
  readonly at: (trace: Trace) => number | undefined
  readonly question: TraceText
  /** Shown after the answer is committed, right or wrong; the playback that follows shows why. */
  readonly explanation: TraceText
}

export interface ChoiceCheckpoint extends CheckpointBase {
  readonly kind: 'choice'
  readonly choices: readonly string[]
  /** Computed from the trace, so the key can never drift from what the simulation does. */
  readonly answer: (trace: Trace) => string
}

export interface NumberCheckpoint extends CheckpointBase {
  readonly kind: 'number'
  /** What the number counts, shown beside the field, e.g. `%`. */
  readonly unit: string
  readonly min: number
  readonly max: number
  /** An answer this close to the computed one counts as right. */
  readonly tolerance: number
  readonly answer: (trace: Trace) => number
}

export type Checkpoint = ChoiceCheckpoint | NumberCheckpoint

/** A curated scenario plus questions that pause playback: predict, commit, then watch why. */
export interface Lesson {
  readonly id: string
  readonly title: string
  readonly goal: string
  /** The curated scenario the lesson plays. */
  readonly scenarioId: string
  readonly misconception: MisconceptionId
  readonly checkpoints: readonly Checkpoint[]
  /**
   * A lesson about a whole page load rather than one request: it plays these page loads and asks
   * its questions at their moments. Its `checkpoints` then stand for `page.checkpoints` (same
   * order, same questions and answers), so scores, links and the embed events treat it like any
   * other lesson; the scenario is the one request shown behind it.
   */
  readonly page?: PageLessonPlan
}

// ── Page-load lessons ──────────────────────────────────────────────────────────────────────

/** Text that may quote the page trace (a request's name, a time), so it is true of the run shown. */
export type PageText = string | ((page: PageTrace) => string)

export const pageTextOf = (text: PageText, page: PageTrace): string =>
  typeof text === 'string' ? text : text(page)

/** One page load a page lesson plays, as `simulatePage` input (the same input, the same trace). */
export interface PageLessonPart {
  readonly title: string
  /** Said when the part starts. */
  readonly intro: PageText
  readonly input: SimulatePageInput
}

/** A predict-then-reveal question at a moment of a page load. */
export interface PageCheckpoint {
  /** Which of the lesson's parts (page loads) it is asked in, from 0; never before an earlier one's. */
  readonly part: number
  /**
   * The time on the page's clock (ms) of the first moment that would give the answer away:
   * playback stops on the last step before it until the question is answered.
   */
  readonly at: (page: PageTrace) => number
  readonly question: PageText
  readonly choices: readonly string[] | ((page: PageTrace) => readonly string[])
  /** Computed from the page trace, so the key can never drift from what the simulation does. */
  readonly answer: (page: PageTrace) => string
  /** Shown after the answer is committed; the playback that follows shows why. */
  readonly explanation: PageText
  /** From this time on (page clock) the page preview would give the answer away: it stays covered until answered. */
  readonly coversPreviewFrom?: (page: PageTrace) => number
}

export interface PageLessonPlan {
  readonly parts: readonly PageLessonPart[]
  readonly checkpoints: readonly PageCheckpoint[]
}

const pageTraces = new WeakMap<PageLessonPart, PageTrace>()

/** The page trace a part plays: simulated once, the same object every time after. */
export const lessonPageTrace = (part: PageLessonPart): PageTrace => {
  let page = pageTraces.get(part)
  if (!page) {
    page = simulatePage(part.input)
    pageTraces.set(part, page)
  }
  return page
}

export const pageChoicesOf = (checkpoint: PageCheckpoint, page: PageTrace): readonly string[] =>
  typeof checkpoint.choices === 'function' ? checkpoint.choices(page) : checkpoint.choices

/** What happens on the page, moment by moment: the Explain texts and the questions hang on these. */
export type PageMomentKind =
  | 'html-requested'
  | 'html-arrives'
  | 'preload-scanner'
  | 'html-parsed'
  | 'font-found'
  | 'first-paint'
  | 'script-runs'
  | 'fetch-starts'
  | 'dom-content-loaded'
  | 'lcp'
  | 'data'
  | 'load'

export interface PageMoment {
  readonly kind: PageMomentKind
  /** On the page's clock, in ms. */
  readonly at: number
  /** The request it is about, if one. */
  readonly request?: string
}

const firstByteOf = (r: PageRequest): number => r.end - r.phases.download
const documentOf = (page: PageTrace): PageRequest => page.requests[0]!
const markOf = (page: PageTrace, id: PageTrace['marks'][number]['id']): number | undefined =>
  page.marks.find((m) => m.id === id)?.at
/** What the HTML names: the requests the parser (its preload scanner) started. */
const foundByHtml = (page: PageTrace): PageRequest[] =>
  page.requests.filter((r) => r.initiator === documentOf(page).id)
const fetchOf = (page: PageTrace): PageRequest | undefined =>
  page.requests.find((r) => r.id === page.data.request)
/** The script whose code called `fetch()`. */
const fetcherOf = (page: PageTrace): PageRequest | undefined => {
  const fetched = fetchOf(page)
  return page.requests.find((r) => r.id === fetched?.initiator)
}
const renderBlocking = (page: PageTrace): PageRequest[] =>
  page.requests.filter((r) => r.renderBlocking)
const lastToEnd = (requests: readonly PageRequest[]): PageRequest | undefined =>
  [...requests].sort((a, b) => b.end - a.end)[0]
const cdnConnections = (page: PageTrace) =>
  [...page.connections.filter((c) => c.origin === CDN)].sort((a, b) => a.start - b.start)
const cdnRequests = (page: PageTrace): PageRequest[] =>
  page.requests.filter((r) => r.url.startsWith(`${CDN}/`))
const ms = (n: number): string => `${Math.round(n)} ms`
const countOf = (requests: readonly PageRequest[], kind: PageRequest['kind']): number =>
  requests.filter((r) => r.kind === kind).length

/**
 * The moments of a page load worth explaining, in time order: the HTML asked for and arriving,
 * the preload scanner, render-blocking CSS and the first paint, the script that runs and its
 * `fetch()`, the data shown, LCP and load. Read from the trace; nothing is simulated again.
 */
export const pageMomentsOf = (page: PageTrace): PageMoment[] => {
  const doc = documentOf(page)
  const moments: PageMoment[] = [{ kind: 'html-requested', at: doc.start, request: doc.id }]
  if (doc.status !== null)
    moments.push({ kind: 'html-arrives', at: firstByteOf(doc), request: doc.id })
  const found = foundByHtml(page)
  if (found.length > 0)
    moments.push({ kind: 'preload-scanner', at: Math.min(...found.map((r) => r.start)) })
  if (doc.status !== null) moments.push({ kind: 'html-parsed', at: doc.end, request: doc.id })
  const font = page.requests.find((r) => r.kind === 'font')
  if (font) moments.push({ kind: 'font-found', at: font.start, request: font.id })
  const paint = markOf(page, 'first-paint')
  if (paint !== undefined) moments.push({ kind: 'first-paint', at: paint })
  const fetcher = fetcherOf(page)
  if (fetcher) moments.push({ kind: 'script-runs', at: fetcher.end, request: fetcher.id })
  const fetched = fetchOf(page)
  if (fetched) moments.push({ kind: 'fetch-starts', at: fetched.start, request: fetched.id })
  for (const id of ['dom-content-loaded', 'lcp', 'data', 'load'] as const) {
    const at = markOf(page, id)
    if (at !== undefined) moments.push({ kind: id, at })
  }
  // Stable: moments at the same time keep the order above (cause before effect).
  return moments
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || a.i - b.i)
    .map(({ m }) => m)
}

const SCREEN_BEFORE_CSS = [
  'Nothing yet: the browser waits for the CSS before it paints',
  'The text without styles, restyled when the CSS lands',
  'The finished page, with only the images missing',
] as const

const STARTED_BY_HTML = [
  'Only the stylesheets; the rest after the first paint',
  'The stylesheets, scripts and images the HTML names, all at once',
  'All of them, the web font and the script’s fetch() too',
  'None: the server sent everything inside the HTML',
] as const

const DURING_FETCH = [
  'The page as it is, with “Loading…” where the products go',
  'A blank screen until the data arrives',
  'The old page, until the browser has loaded a new one',
] as const

const AFTER_FAILURE = [
  'The page stays; only the product list says it could not load',
  'The browser replaces the whole page with an error page',
  'The list keeps saying “Loading…” for ever',
] as const

const pathOf = (r: PageRequest | undefined): string => (r ? new URL(r.url).pathname : '/api')

const pageLoadParts: readonly PageLessonPart[] = [
  {
    title: 'The shop’s home page',
    intro: (p) =>
      `One visit to the shop’s home page over HTTP/1.1: ${p.requests.length} requests, from the HTML to the JSON its script fetches.`,
    input: pageInputOf(findPageScenario('page-load')!),
  },
  {
    title: 'The same page when the API fails',
    intro:
      'The same page on a bad day: the products API’s view cannot reach its database. Everything else is as before.',
    input: { ...pageInputOf(findPageScenario('page-load')!), scenario: pageAppApiDown },
  },
]

const pageLoadCheckpoints: readonly PageCheckpoint[] = [
  {
    part: 0,
    at: (p) => firstByteOf(documentOf(p)),
    question: (p) => {
      const found = foundByHtml(p)
      return `You open the shop’s home page. Its HTML names ${countOf(found, 'stylesheet')} stylesheets, ${countOf(found, 'script')} scripts and ${countOf(found, 'image')} images. Once the HTML is in, what will the screen show until the stylesheets have arrived?`
    },
    choices: SCREEN_BEFORE_CSS,
    answer: (p) => {
      const paint = markOf(p, 'first-paint') ?? Infinity
      const css = lastToEnd(renderBlocking(p))
      // Painted before the last render-blocking sheet was in: the text would show unstyled.
      return css && paint < css.end ? SCREEN_BEFORE_CSS[1] : SCREEN_BEFORE_CSS[0]
    },
    explanation: (p) => {
      const paint = markOf(p, 'first-paint') ?? p.end
      const css = lastToEnd(renderBlocking(p))
      return `The HTML was all in at ${ms(documentOf(p).end)}, but the first paint waited until ${ms(paint)}, just after the last stylesheet (${css?.name ?? 'the CSS'}, at ${ms(css?.end ?? paint)}). Stylesheets in the head are render-blocking: painting without them would flash unstyled text, so the browser builds the DOM and waits.`
    },
    coversPreviewFrom: (p) => firstByteOf(documentOf(p)),
  },
  {
    part: 0,
    at: (p) => Math.min(...foundByHtml(p).map((r) => r.start)),
    question: 'The first bytes of the HTML have arrived. Which requests start now?',
    choices: STARTED_BY_HTML,
    answer: (p) => {
      const kinds = new Set(foundByHtml(p).map((r) => r.kind))
      if (kinds.size === 0) return STARTED_BY_HTML[3]
      if (kinds.has('font') || kinds.has('fetch')) return STARTED_BY_HTML[2]
      if ([...kinds].every((k) => k === 'stylesheet')) return STARTED_BY_HTML[0]
      return STARTED_BY_HTML[1]
    },
    explanation: (p) => {
      const found = foundByHtml(p)
      const first = Math.min(...found.map((r) => r.start))
      const last = Math.max(...found.map((r) => r.start))
      const font = p.requests.find((r) => r.kind === 'font')
      const fetched = fetchOf(p)
      const later = [
        font ? `${font.name} only once a stylesheet using it is parsed (${ms(font.start)})` : '',
        fetched
          ? `${fetched.name} only once ${fetcherOf(p)?.name ?? 'a script'} has run (${ms(fetched.start)})`
          : '',
      ].filter(Boolean)
      return `${found.length} requests start within ${Math.max(1, Math.round(last - first))} ms: the browser’s preload scanner reads the HTML as it streams in and asks for every stylesheet, script and image it names, each a request–response cycle of its own.${later.length > 0 ? ` Two are found later: ${later.join(', and ')}.` : ''}`
    },
  },
  {
    part: 0,
    // The second connection to the CDN opening would give the count away.
    at: (p) => cdnConnections(p)[1]?.start ?? cdnConnections(p)[0]?.readyAt ?? p.end,
    question: (p) =>
      `Over HTTP/1.1 the page needs ${cdnRequests(p).length} files from ${new URL(CDN).host}. How many connections will the browser open to it?`,
    choices: (p) => [
      ...new Set(['1', '2', String(MAX_H1_CONNECTIONS), String(cdnRequests(p).length)]),
    ],
    answer: (p) => String(cdnConnections(p).length),
    explanation: (p) => {
      const files = cdnRequests(p)
      const queued = files.filter((r) => r.phases.queueing > 0).length
      return `${cdnConnections(p).length}. Over HTTP/1.1 a connection carries one request at a time, and the browser opens at most ${MAX_H1_CONNECTIONS} per origin, each with its own TCP and TLS handshakes. So ${queued} of the ${files.length} files waited in Queueing for a connection to free up. HTTP/2 would carry them all as streams on one.`
    },
  },
  {
    part: 0,
    at: (p) => fetchOf(p)?.start ?? p.end,
    question: (p) =>
      `${fetcherOf(p)?.name ?? 'The script'} has arrived. When it runs, it calls fetch('${pathOf(fetchOf(p))}') for the product list. While that answer is on its way, what will the page show?`,
    choices: DURING_FETCH,
    answer: (p) => {
      const paint = markOf(p, 'first-paint') ?? Infinity
      return paint <= (fetchOf(p)?.start ?? Infinity) ? DURING_FETCH[0] : DURING_FETCH[1]
    },
    explanation: (p) => {
      const fetched = fetchOf(p)
      return `The page was painted at ${ms(markOf(p, 'first-paint') ?? 0)}. The fetch() leaves at ${ms(fetched?.start ?? 0)} and its JSON is shown at ${ms(markOf(p, 'data') ?? p.end)}; meanwhile only the product list changes, to “Loading…”. No new page is loaded: the script updates one part of this one (AJAX).`
    },
  },
  {
    part: 1,
    at: (p) => fetchOf(p)?.end ?? p.end,
    question: (p) =>
      `Now the API fails: the view behind ${pathOf(fetchOf(p))} cannot reach its database. When the error reaches the script, what will the page show?`,
    choices: AFTER_FAILURE,
    answer: (p) => {
      const fetched = fetchOf(p)
      const paint = markOf(p, 'first-paint')
      if (paint === undefined) return AFTER_FAILURE[1]
      return p.data.state === 'error' && fetched && markOf(p, 'data') !== undefined
        ? AFTER_FAILURE[0]
        : AFTER_FAILURE[2]
    },
    explanation: (p) => {
      const fetched = fetchOf(p)
      return `${fetched?.name ?? 'The fetch'} came back ${fetched?.status ?? 'without a status'} at ${ms(fetched?.end ?? p.end)}. fetch() resolves even for an error status, so the script checks response.ok and its catch branch writes a message into the product list alone. The header, photos and text painted at ${ms(markOf(p, 'first-paint') ?? 0)} stay: a failed partial update is not a failed page.`
    },
  },
]

/** A page lesson's question as the lessons' common `Checkpoint`, for scores and the embed events. */
const asCheckpoint = (plan: PageLessonPlan, c: PageCheckpoint): ChoiceCheckpoint => {
  const page = () => lessonPageTrace(plan.parts[c.part]!)
  return {
    kind: 'choice',
    // Not a step of the request behind the lesson: the page lesson stops its own playhead.
    at: () => undefined,
    question: () => pageTextOf(c.question, page()),
    get choices() {
      return pageChoicesOf(c, page())
    },
    answer: () => c.answer(page()),
    explanation: () => pageTextOf(c.explanation, page()),
  }
}

const pageLesson = (
  lesson: Omit<Lesson, 'checkpoints' | 'page'>,
  plan: PageLessonPlan,
): Lesson => ({
  ...lesson,
  page: plan,
  checkpoints: plan.checkpoints.map((c) => asCheckpoint(plan, c)),
})

export const textOf = (text: TraceText, trace: Trace): string =>
  typeof text === 'string' ? text : text(trace)

// ── Reading a trace ────────────────────────────────────────────────────────────────────────

const indexOf = (trace: Trace, test: (e: TraceEvent) => boolean): number | undefined => {
  const i = trace.events.findIndex(test)
  return i < 0 ? undefined : i
}

/** Where checkpoints pause: before the first event of a layer, of a type, of the way back… */
const before = {
  layer: (layer: LayerId) => (t: Trace) => indexOf(t, (e) => e.layer === layer),
  type: (type: TraceEvent['type']) => (t: Trace) => indexOf(t, (e) => e.type === type),
  /** The first event on the way back: the moment some layer has answered. */
  turn: (t: Trace) => indexOf(t, (e) => e.direction === 'response'),
  /** The browser reading the response: the status is settled, the body not yet seen. */
  receive: (t: Trace) => indexOf(t, (e) => e.type === 'client:receive'),
}

/** The whole request on the virtual clock, first event to last, in ms. */
const totalMs = (t: Trace): number => {
  const first = t.events[0]
  const last = t.events.at(-1)
  return first && last ? last.at + last.duration - first.at : 0
}

const msOf = (t: Trace, test: (e: TraceEvent) => boolean): number =>
  t.events.filter(test).reduce((sum, e) => sum + e.duration, 0)

const viewCodeMs = (t: Trace) => msOf(t, (e) => e.type === 'handler:logic')
const queriesMs = (t: Trace) => msOf(t, (e) => e.type === 'handler:db-query')
const callsMs = (t: Trace) => msOf(t, (e) => e.type === 'handler:external-call')
const tlsRoundTrips = (t: Trace): number => {
  const finished = t.events.find((e) => e.type === 'tls:finished')
  return finished?.type === 'tls:finished' ? finished.data.roundTrips : 0
}
/** Round trips before HTTP can flow: TCP's handshake, then TLS's. */
const handshakeRoundTrips = (t: Trace): number =>
  t.events.filter((e) => e.type === 'tcp:syn-ack').length + tlsRoundTrips(t)

const round = (n: number) => Math.round(n)
const share = (part: number, t: Trace) => (totalMs(t) > 0 ? (100 * part) / totalMs(t) : 0)
const percent = (n: number) => (n < 1 ? `${n.toFixed(1)}%` : `${Math.round(n)}%`)

/** The layer names the journey shows, so a choice matches a band on screen. */
const LAYER_CHOICE: Record<LayerId, string> = {
  client: 'Client',
  dns: 'Network',
  tcp: 'Network',
  tls: 'Network',
  proxy: 'Reverse proxy',
  server: 'App server',
  middleware: 'Middleware',
  router: 'Router',
  validation: 'Validation',
  handler: 'Handler',
}

/** The layer that answered: where the trip turned back. */
const answeredBy = (t: Trace): string => {
  const turn = t.events.find((e) => e.direction === 'response')
  return turn ? LAYER_CHOICE[turn.layer] : 'Nobody: no response'
}

const LAYER_CHOICES = ['Reverse proxy', 'Middleware', 'Router', 'Validation', 'Handler'] as const

const statusOf = (t: Trace): string => (t.response ? String(t.response.status) : 'No status')

const YES = 'Yes'
const NO = 'No'
const yesNo = (value: boolean) => (value ? YES : NO)

const handlerRuns = (t: Trace) => t.events.some((e) => e.type === 'handler:call')
const hasStage = (t: Trace, stage: StageId) => t.events.some((e) => e.stage === stage)

const SHARE_BANDS = ['Under 5%', '5% to 25%', '25% to 50%', 'Over 50%'] as const
const shareBand = (pct: number): string =>
  pct < 5 ? SHARE_BANDS[0] : pct < 25 ? SHARE_BANDS[1] : pct < 50 ? SHARE_BANDS[2] : SHARE_BANDS[3]

const TIME_SINKS = ["The view's own Python code", 'Database queries', 'Waiting on another service']
const biggestSink = (t: Trace): string => {
  const times = [viewCodeMs(t), queriesMs(t), callsMs(t)]
  return TIME_SINKS[times.indexOf(Math.max(...times))]!
}

const writesData = (t: Trace) =>
  t.events.some((e) => e.type === 'handler:db-query' && !/^\s*SELECT\b/i.test(e.data.sql))

const BODY_KINDS = ['A whole HTML page', 'JSON data', 'Nothing: no body at all'] as const
const bodyKind = (t: Trace): string => {
  const response = t.response
  if (!response || response.body === '') return BODY_KINDS[2]
  return /json/i.test(response.headers['content-type'] ?? '') ? BODY_KINDS[1] : BODY_KINDS[0]
}

const statusQuestion = (choices: readonly string[]): ChoiceCheckpoint => ({
  kind: 'choice',
  at: before.turn,
  question: 'Which status will come back?',
  choices,
  answer: statusOf,
  explanation: (t) =>
    t.response
      ? `${t.response.status} ${t.response.statusText}. Watch which layer writes it and how it travels back.`
      : 'No status at all: the request failed before any HTTP was exchanged.',
})

const handlerQuestion = (at: CheckpointBase['at'], explanation: TraceText): ChoiceCheckpoint => ({
  kind: 'choice',
  at,
  question: 'Will the handler (the view function) run?',
  choices: [YES, NO],
  answer: (t) => yesNo(handlerRuns(t)),
  explanation,
})

const layerQuestion = (at: CheckpointBase['at'], explanation: TraceText): ChoiceCheckpoint => ({
  kind: 'choice',
  at,
  question: 'Which layer answers this request?',
  choices: LAYER_CHOICES,
  answer: answeredBy,
  explanation,
})

const bodyQuestion = (explanation: TraceText): ChoiceCheckpoint => ({
  kind: 'choice',
  at: before.receive,
  question: 'What will the body of the response contain?',
  choices: BODY_KINDS,
  answer: bodyKind,
  explanation,
})

const sinkQuestion = (explanation: TraceText): ChoiceCheckpoint => ({
  kind: 'choice',
  at: before.type('handler:call'),
  question: "Where will most of the handler's time go?",
  choices: TIME_SINKS,
  answer: biggestSink,
  explanation,
})

const writeQuestion = (method: string, explanation: TraceText): ChoiceCheckpoint => ({
  kind: 'choice',
  at: before.type('handler:call'),
  question: `Will this ${method} change anything in the database?`,
  choices: ['Yes: it writes', 'No: it only reads'],
  answer: (t) => (writesData(t) ? 'Yes: it writes' : 'No: it only reads'),
  explanation,
})

// ── The lessons ────────────────────────────────────────────────────────────────────────────

export const lessons: readonly Lesson[] = [
  {
    id: 'view-vs-database',
    title: 'Is the view slow?',
    goal: 'Guess how much of a slow request is the view’s own code, then measure it.',
    scenarioId: 'slow-database',
    misconception: 'view-is-slow',
    checkpoints: [
      {
        kind: 'choice',
        at: before.layer('handler'),
        question: (t) =>
          `The whole request takes ${round(totalMs(t))} ms. How much of it is the view’s own Python code?`,
        choices: SHARE_BANDS,
        answer: (t) => shareBand(share(viewCodeMs(t), t)),
        explanation: (t) =>
          `The view’s code runs for ${viewCodeMs(t).toFixed(1)} ms, ${percent(share(viewCodeMs(t), t))} of the ${round(totalMs(t))} ms. Rewriting it would change almost nothing.`,
      },
      sinkQuestion(
        (t) =>
          `The queries take ${round(queriesMs(t))} ms: one reads the orders table without an index. Measure the whole lifecycle before blaming the view.`,
      ),
    ],
  },
  {
    id: 'network-on-3g',
    title: 'The view on a slow network',
    goal: 'On a 3G link, find where the time goes before the app even sees the request.',
    scenarioId: 'slow-network',
    misconception: 'view-is-slow',
    checkpoints: [
      {
        kind: 'number',
        at: before.layer('dns'),
        question: (t) =>
          `On this 3G link the request takes ${round(totalMs(t))} ms. What share of it, in percent, is the view’s own Python code?`,
        unit: '%',
        min: 0,
        max: 100,
        tolerance: 5,
        answer: (t) => Math.round(share(viewCodeMs(t), t) * 10) / 10,
        explanation: (t) =>
          `The view’s code runs for ${viewCodeMs(t).toFixed(1)} ms, about ${percent(share(viewCodeMs(t), t))}. The rest is mostly waiting: each round trip costs about 100 ms here, and DNS, TCP, TLS and the request itself each need at least one.`,
      },
      {
        kind: 'choice',
        at: before.layer('tcp'),
        question:
          'Once DNS has answered, how many round trips to the server come before the browser can send the request?',
        choices: ['None', '1', '2', '3'],
        answer: (t) => String(Math.min(3, handshakeRoundTrips(t))),
        explanation: (t) =>
          `${handshakeRoundTrips(t)}: one for the TCP handshake (SYN, SYN-ACK; the ACK travels with what follows) and ${tlsRoundTrips(t)} for TLS. Here they take ${round(msOf(t, (e) => e.layer === 'tcp' || e.layer === 'tls'))} ms before any HTTP is sent; a kept-alive connection skips them next time.`,
      },
    ],
  },
  {
    id: 'waiting-on-payments',
    title: 'Waiting on someone else',
    goal: 'An order takes a while. Predict whether the view, the database or the payment API is to blame.',
    scenarioId: 'external-service',
    misconception: 'view-is-slow',
    checkpoints: [
      sinkQuestion(
        (t) =>
          `The call to the payment provider takes ${round(callsMs(t))} ms of the ${round(totalMs(t))} ms; the view’s own code ${viewCodeMs(t).toFixed(1)} ms. The view is fast; it waits.`,
      ),
      statusQuestion(['200', '201', '202', '204']),
    ],
  },
  {
    id: 'get-only-reads',
    title: 'Does a GET change anything?',
    goal: 'Fetch a user and predict what the view does to the database.',
    scenarioId: 'get-user',
    misconception: 'every-request-changes-data',
    checkpoints: [
      writeQuestion(
        'GET',
        'It runs one SELECT. GET is for reading: sending it twice leaves the server as it was, which is why browsers and proxies may repeat or cache it.',
      ),
      statusQuestion(['200', '201', '204', '304']),
    ],
  },
  {
    id: 'delete-writes',
    title: 'A request that does change data',
    goal: 'Delete a user: predict what happens in the database and what comes back.',
    scenarioId: 'delete-user',
    misconception: 'every-request-changes-data',
    checkpoints: [
      writeQuestion(
        'DELETE',
        'It runs a DELETE statement. POST, PUT, PATCH and DELETE are the methods meant to change data; GET and HEAD only read.',
      ),
      statusQuestion(['200', '201', '204', '404']),
    ],
  },
  {
    id: 'router-says-404',
    title: 'Who says “not found”?',
    goal: 'The browser asks for /userz/42. Predict who decides what comes back.',
    scenarioId: 'not-found',
    misconception: 'browser-decides-response',
    checkpoints: [
      handlerQuestion(
        before.layer('router'),
        'No route matches /userz/42, so no view is ever called. The browser only asked; the server decides.',
      ),
      layerQuestion(
        before.turn,
        'The router answers 404 itself. The browser can ask for anything, but only the server knows what exists.',
      ),
    ],
  },
  {
    id: 'wrong-method',
    title: 'Asking with the wrong method',
    goal: 'A PUT to a path that exists only for GET: predict the answer.',
    scenarioId: 'method-not-allowed',
    misconception: 'browser-decides-response',
    checkpoints: [
      statusQuestion(['200', '404', '405', '422']),
      {
        kind: 'choice',
        at: before.receive,
        question: 'Which header tells the browser what it may do instead?',
        choices: ['Location', 'Allow', 'Retry-After', 'Content-Type'],
        answer: (t) => (t.response?.headers['allow'] ? 'Allow' : 'Content-Type'),
        explanation: (t) =>
          `Allow: ${t.response?.headers['allow'] ?? '(none)'}. The server lists the methods it accepts for this path; the browser has to follow.`,
      },
    ],
  },
  {
    id: 'gzip-server-decides',
    title: 'Who decides to compress?',
    goal: 'The browser says it can read gzip. Predict what the server makes of that.',
    scenarioId: 'compression',
    misconception: 'browser-decides-response',
    checkpoints: [
      {
        kind: 'choice',
        at: before.layer('middleware'),
        question: 'Will the response come back gzip-compressed?',
        choices: [YES, NO],
        answer: (t) => yesNo(t.response?.headers['content-encoding'] === 'gzip'),
        explanation:
          'Accept-Encoding only says what the browser can read. The compression middleware decides, on the way out, and says so in Content-Encoding.',
      },
      {
        kind: 'number',
        at: before.type('middleware:gzip'),
        question: 'By how many percent will the JSON body shrink?',
        unit: '%',
        min: 0,
        max: 100,
        tolerance: 10,
        answer: (t) => {
          const gzip = t.events.find((e) => e.type === 'middleware:gzip')
          if (gzip?.type !== 'middleware:gzip' || gzip.data.bytesBefore === 0) return 0
          return Math.round(100 * (1 - gzip.data.bytesAfter / gzip.data.bytesBefore))
        },
        explanation: (t) => {
          const gzip = t.events.find((e) => e.type === 'middleware:gzip')
          return gzip?.type === 'middleware:gzip'
            ? `From ${gzip.data.bytesBefore} to ${gzip.data.bytesAfter} bytes. Repetitive text such as JSON often shrinks by 70% or more.`
            : 'This run was not compressed.'
        },
      },
    ],
  },
  {
    id: 'own-session',
    title: 'Is a login shared?',
    goal: 'Ada is logged in on her laptop. Predict what the same app tells another browser.',
    scenarioId: 'session-not-shared',
    misconception: 'shared-request-data',
    checkpoints: [
      statusQuestion(['200', '401', '403', '500']),
      layerQuestion(
        before.turn,
        'The auth middleware finds no session in this request. Each request carries its own cookies; nothing from Ada’s request leaks into it.',
      ),
    ],
  },
  {
    id: 'request-context',
    title: 'Whose request is this?',
    goal: 'A logged-in request: predict which user the view acts for, and what is left afterwards.',
    scenarioId: 'session-auth',
    misconception: 'shared-request-data',
    checkpoints: [
      {
        kind: 'choice',
        at: before.layer('middleware'),
        question: 'Which user will the view act for?',
        choices: [
          'The user in this request’s own session cookie',
          'Whoever logged in last on the server',
          'Nobody: the request stays anonymous',
        ],
        answer: (t) =>
          t.events.some((e) => e.type === 'middleware:auth-ok' && e.data.via === 'session')
            ? 'The user in this request’s own session cookie'
            : 'Nobody: the request stays anonymous',
        explanation:
          'The session middleware reads this request’s cookie and loads its session. Another user’s request, even at the same moment, gets its own.',
      },
      {
        kind: 'choice',
        at: before.type('server:context-pop'),
        question:
          'After the response is built, what happens to this request’s context (request, session, g)?',
        choices: ['Flask tears it down', 'It stays for the next request'],
        answer: (t) =>
          t.events.some((e) => e.type === 'server:context-pop')
            ? 'Flask tears it down'
            : 'It stays for the next request',
        explanation:
          'Flask pops the request context when the response is done; the next request gets a fresh one. `request` looks global but belongs to one request.',
      },
    ],
  },
  {
    id: 'json-not-page',
    title: 'What is a response?',
    goal: 'Create a user through the API and predict what comes back.',
    scenarioId: 'create-user',
    misconception: 'response-is-a-page',
    checkpoints: [
      statusQuestion(['200', '201', '204', '302']),
      bodyQuestion(
        'A small JSON object with the new user. An API answers with data for a script to use; no page is drawn.',
      ),
    ],
  },
  {
    id: 'head-no-body',
    title: 'Only the headers',
    goal: 'A HEAD request: predict what the server does and what it sends.',
    scenarioId: 'head-request',
    misconception: 'response-is-a-page',
    checkpoints: [
      handlerQuestion(
        before.layer('router'),
        'Flask runs the GET view for a HEAD request, so the headers (Content-Length included) are exactly those a GET would get.',
      ),
      bodyQuestion(
        'Nothing: the server writes the status line and headers and leaves the body out. A response can be only a status and headers.',
      ),
    ],
  },
  {
    id: 'not-modified-empty',
    title: 'A reply with no content',
    goal: 'The browser already holds app.css. Predict what the server sends back.',
    scenarioId: 'not-modified',
    misconception: 'response-is-a-page',
    checkpoints: [
      statusQuestion(['200', '301', '304', '404']),
      bodyQuestion(
        '304 Not Modified has no body: the browser reuses the copy it already has. The status alone is the message.',
      ),
    ],
  },
  {
    id: 'logging-order',
    title: 'Logging inside auth',
    goal: 'Logging sits inside authentication. Predict whether a rejected request is logged.',
    scenarioId: 'logging-inside-auth',
    misconception: 'any-middleware-order',
    checkpoints: [
      {
        kind: 'choice',
        at: before.layer('middleware'),
        question: 'Will the logging middleware record this request (it has no credentials)?',
        choices: [YES, NO],
        answer: (t) => yesNo(hasStage(t, 'middleware:logging')),
        explanation:
          'Auth answers 401 before the request gets as far as logging, so the log never hears of it. Put logging outermost to see (and time) everything.',
      },
      statusQuestion(['200', '401', '403', '404']),
    ],
  },
  {
    id: 'cors-order',
    title: 'CORS inside error handling',
    goal: 'A cross-origin call hits a crashing view. Predict what the browser’s script gets.',
    scenarioId: 'cors-missing-on-errors',
    misconception: 'any-middleware-order',
    checkpoints: [
      statusQuestion(['200', '400', '404', '500']),
      {
        kind: 'choice',
        at: before.receive,
        question: 'Will this 500 carry Access-Control-Allow-Origin?',
        choices: [YES, NO],
        answer: (t) => yesNo(Boolean(t.response?.headers['access-control-allow-origin'])),
        explanation:
          'The exception unwinds straight past CORS, and the error handler outside it writes the 500. Without the header the browser hides the answer from the script: put CORS outermost.',
      },
    ],
  },
  {
    id: 'authz-before-auth',
    title: 'Authorization before authentication',
    goal: 'The admin sends a valid token to an admin page. Predict the answer.',
    scenarioId: 'authorization-before-auth',
    misconception: 'any-middleware-order',
    checkpoints: [
      handlerQuestion(
        before.layer('middleware'),
        'No. Authorization runs before authentication has said who is asking, so it sees an anonymous request and refuses it; the router and the view never see it.',
      ),
      statusQuestion(['200', '401', '403', '404']),
    ],
  },
  pageLesson(
    {
      id: 'how-a-page-loads',
      title: 'How a page loads',
      goal: 'One visit, many requests: the HTML, then its CSS, scripts and images, then a fetch() that fills in part of the page.',
      // The first of the page's requests, shown behind the lesson: an HTML page's own journey.
      scenarioId: 'html-page',
      misconception: 'response-is-a-page',
    },
    { parts: pageLoadParts, checkpoints: pageLoadCheckpoints },
  ),
]

export const findLesson = (id: string): Lesson | undefined => lessons.find((l) => l.id === id)

/**
 * Whether `value` is right for `checkpoint` on `trace`: the same choice, or a number within the
 * tolerance.
 */
export const isCorrect = (checkpoint: Checkpoint, trace: Trace, value: string | number): boolean =>
  checkpoint.kind === 'choice'
    ? value === checkpoint.answer(trace)
    : typeof value === 'number' &&
      Number.isFinite(value) &&
      Math.abs(value - checkpoint.answer(trace)) <= checkpoint.tolerance

/** The answer in words, for the reveal. */
export const answerText = (checkpoint: Checkpoint, trace: Trace): string =>
  checkpoint.kind === 'choice'
    ? checkpoint.answer(trace)
    : `${checkpoint.answer(trace)}${checkpoint.unit}`
