import type { PageMoment, PageMomentKind, PageRequest, PageTrace } from '../../engine'
import { pageMomentsOf } from '../../engine'
import { formatMs } from '../format'

/** What the Explain panel says about one moment of a page load. */
export interface PageExplain {
  readonly kind: PageMomentKind
  readonly title: string
  readonly text: string
}

const byId = (page: PageTrace, id: string | undefined): PageRequest | undefined =>
  page.requests.find((r) => r.id === id)
const markAt = (page: PageTrace, id: PageTrace['marks'][number]['id']) =>
  page.marks.find((m) => m.id === id)?.at

/**
 * The Explain texts for the moments of a page load (course notes, seed 001: the browser parses
 * the HTML, finds CSS, JavaScript and images and starts a request–response cycle for each,
 * applies CSS, paints, runs JavaScript, and fetches data to update part of the page). Each is
 * true of the trace shown and never tells what comes next, so a waiting question keeps its answer.
 */
const TEXTS: Record<PageMomentKind, (page: PageTrace, m: PageMoment) => [string, string]> = {
  'html-requested': (page) => [
    'The browser asks for the HTML',
    `You typed the address. The first request of the page is for its HTML document: the browser looks up ${new URL(page.requests[0]!.url).host}, opens a connection (TCP, then TLS), and sends GET /. nginx passes it to Flask, whose view renders the template. Until that answer is back, the browser has nothing to show.`,
  ],
  'html-arrives': (page, m) => [
    'The HTML arrives',
    `The first bytes of the HTML are back after ${formatMs(m.at)}: status ${byId(page, m.request)?.status ?? '—'}, Content-Type text/html. The browser does not wait for the last byte: it parses what has arrived into the DOM, the tree of elements the page is built from.`,
  ],
  'preload-scanner': (page) => {
    const found = page.requests.filter((r) => r.initiator === page.requests[0]!.id)
    return [
      'The preload scanner finds the files the HTML names',
      `While the parser builds the DOM, the browser’s preload scanner reads ahead in the HTML for the stylesheets, scripts and images it names, and starts a request for each: ${found.length} so far. Every one is a whole request–response cycle of its own, with its own status and headers, and possibly its own connection.`,
    ]
  },
  'html-parsed': (page) => {
    const blocking = page.requests.filter((r) => r.renderBlocking)
    const names = blocking.map((r) => r.name).join(' and ')
    return [
      'HTML parsed; the CSS is render-blocking',
      `The whole HTML is parsed. ${names ? `${names} ${blocking.length === 1 ? 'is' : 'are'} render-blocking: the browser builds the DOM but paints nothing until every stylesheet in the head has arrived, so the page never flashes unstyled.` : 'It names no stylesheet, so nothing holds the first paint back.'}`,
    ]
  },
  'font-found': (page, m) => {
    const font = byId(page, m.request)
    const by = byId(page, font?.initiator ?? undefined)
    return [
      'A stylesheet asks for a web font',
      `${by?.name ?? 'A stylesheet'} has been parsed, and it uses a web font: only now does the browser know it needs ${font?.name ?? 'the font'}, so its request starts late. Files found inside other files form chains: the deeper the chain, the later they arrive.`,
    ]
  },
  'first-paint': (page, m) => [
    'First paint',
    `The last render-blocking stylesheet is in: the browser combines the DOM with the CSS into the render tree, works out where every box goes (layout) and paints the first pixels at ${formatMs(m.at)}. Images still on their way leave their boxes empty until they land.`,
  ],
  'script-runs': (page, m) => {
    const script = byId(page, m.request)
    return [
      'The script runs',
      `${script?.name ?? 'The script'} has arrived and the browser runs it. JavaScript can change the page it runs in (the DOM), and it can make requests of its own with fetch(): this one asks the shop’s API for data.`,
    ]
  },
  'fetch-starts': (page, m) => {
    const fetched = byId(page, m.request)
    return [
      'fetch() is in flight: the page shows a loading state',
      `The script called fetch('${fetched ? new URL(fetched.url).pathname : '/api'}'). It does not reload the page: the page stays on screen, and the script shows “Loading…” in the one place the data will go. The request makes its own trip to the server, to a view that answers with JSON instead of HTML.`,
    ]
  },
  'dom-content-loaded': (_page, m) => [
    'DOMContentLoaded',
    `At ${formatMs(m.at)} the HTML is parsed and its scripts have run: the browser fires DOMContentLoaded, the event scripts wait for before they touch the page. Images and data may still be on their way.`,
  ],
  lcp: (page, m) => {
    const hero = page.requests.find(
      (r) => r.kind === 'image' && r.end <= m.at && r.bodyBytes > 100_000,
    )
    return [
      'Largest Contentful Paint',
      `At ${formatMs(m.at)} the largest thing in the first screen${hero ? ` (${hero.name})` : ''} is painted: Largest Contentful Paint, the moment most people feel the page has loaded.`,
    ]
  },
  data: (page, m) => {
    const fetched = byId(page, page.data.request ?? undefined)
    return page.data.state === 'success'
      ? [
          'fetch() succeeded: part of the page updates',
          `The JSON came back ${fetched?.status ?? ''} and at ${formatMs(m.at)} the script writes the products into the list: a partial update (AJAX). Only that part of the page changed; the header, photos and text stayed where they were.`,
        ]
      : [
          'fetch() failed: the error state',
          `The API answered ${fetched?.status ?? 'nothing'}. fetch() still resolves for an error status, so the script checks response.ok, and its catch branch writes “Could not load products” into the list at ${formatMs(m.at)}. The rest of the page is untouched: one failed request is not a failed page.`,
        ]
  },
  load: (page, m) => [
    'Load',
    `At ${formatMs(m.at)} every file of the page has arrived: the browser fires the load event. ${(markAt(page, 'data') ?? 0) > m.at ? 'The script’s fetch() is separate: its answer is still on the way.' : 'The script’s data came earlier.'}`,
  ],
}

/**
 * What Explain shows at a step: the moments that happened at it (after `since`, up to `time`;
 * several may share a step, as first paint and LCP do), else the last one reached.
 */
export const explainAt = (page: PageTrace, time: number, since = -Infinity): PageExplain[] => {
  const moments = pageMomentsOf(page)
  const here = moments.filter((m) => m.at > since && m.at <= time)
  const shown =
    here.length > 0 ? here : [[...moments].reverse().find((m) => m.at <= time) ?? moments[0]!]
  return shown.map((m) => {
    const [title, text] = TEXTS[m.kind](page, m)
    return { kind: m.kind, title, text }
  })
}

/** Every moment's text, in time order. */
export const explainAll = (page: PageTrace): PageExplain[] =>
  pageMomentsOf(page).map((m) => {
    const [title, text] = TEXTS[m.kind](page, m)
    return { kind: m.kind, title, text }
  })
