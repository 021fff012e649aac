/**
 * embed.html's poster: what the widget shows before anything else loads, drawn without React.
 * Like a video embed's still, it is the widget at rest (its title, the seven layers, the Start
 * button, the playback bar asleep) in the app's own markup and styles, so nothing moves when
 * the app replaces it.
 */
import { GROUPS } from '../ui/model/groupInfo'
import { ICON_PATHS, STROKED_ICONS } from '../ui/controls/iconPaths'
import type { IconName } from '../ui/controls/iconPaths'

type Child = Node | string | null

const el = (
  tag: string,
  attributes: Record<string, string> = {},
  ...children: readonly Child[]
): HTMLElement => {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  for (const child of children) if (child !== null) node.append(child)
  return node
}

const SVG = 'http://www.w3.org/2000/svg'

const svg = (className: string, viewBox: string, ...paths: readonly Record<string, string>[]) => {
  const node = document.createElementNS(SVG, 'svg')
  node.setAttribute('class', className)
  node.setAttribute('viewBox', viewBox)
  node.setAttribute('aria-hidden', 'true')
  for (const attributes of paths) {
    const shape = document.createElementNS(SVG, attributes.tag ?? 'path')
    for (const [name, value] of Object.entries(attributes))
      if (name !== 'tag') shape.setAttribute(name, value)
    node.append(shape)
  }
  return node
}

const icon = (name: IconName) =>
  svg(STROKED_ICONS.has(name) ? 'icon' : 'icon icon-solid', '0 0 20 20', { d: ICON_PATHS[name] })

const logo = () =>
  svg(
    'logo',
    '0 0 32 32',
    { tag: 'rect', x: '1', y: '1', width: '30', height: '30', rx: '8' },
    { d: 'M11 7v15M7 18l4 4 4-4M21 25V10M17 14l4-4 4 4' },
  )

/** One band at rest, as the journey draws it before any request. */
const band = ({ id, label, number, about }: (typeof GROUPS)[number]) => {
  const rail = (side: string, half: string, state: string) =>
    el('span', { class: `rail rail-${side} rail-${half}`, 'data-state': state })
  const first = id === 'client'
  return el(
    'section',
    { role: 'group', 'aria-label': label, class: 'band', 'data-group': id, 'data-state': 'idle' },
    el(
      'div',
      { class: 'band-lane', 'aria-hidden': 'true' },
      rail('in', 'upper', first ? 'off' : 'ahead'),
      rail('in', 'lower', 'ahead'),
      rail('out', 'upper', first ? 'off' : 'ahead'),
      rail('out', 'lower', 'ahead'),
      el('span', {
        class: 'stop stop-in',
        'data-stop': 'in',
        'data-group': id,
        'data-state': 'pending',
      }),
      el('span', {
        class: 'stop stop-out',
        'data-stop': 'out',
        'data-group': id,
        'data-state': 'pending',
      }),
    ),
    el(
      'div',
      { class: 'band-card' },
      el(
        'div',
        { class: 'band-label' },
        el('span', { class: 'band-num', 'aria-hidden': 'true' }, String(number)),
        el('h2', { class: 'band-name' }, label),
      ),
      el('div', { class: 'band-note' }, el('p', { class: 'band-about' }, about)),
      el('div', { class: 'band-events' }),
      el('p', { class: 'band-total' }),
    ),
  )
}

const button = (className: string, label: Child, name: IconName, attributes = {}) =>
  el('button', { type: 'button', class: className, ...attributes }, icon(name), label)

export interface PosterText {
  /** The scenario's title, or `Custom app`. */
  readonly title: string
  /** The scenario's goal; `null` for an app of the link's own. */
  readonly goal: string | null
}

export interface PosterNotices {
  /** A line about the address's `parent=` list (see params.ts), shown as the app shows it. */
  readonly parent: string | null
  /** Why requests will be simulated in the page (the transport's own notice), if they will. */
  readonly transport: string | null
}

const notices = ({ parent, transport }: PosterNotices) =>
  parent || transport
    ? el(
        'div',
        { class: 'notices' },
        parent
          ? el(
              'p',
              { class: 'notice notice-error' },
              el('span', { class: 'notice-icon', 'aria-hidden': 'true' }, '!'),
              parent,
            )
          : null,
        transport
          ? el(
              'p',
              { class: 'notice' },
              el('span', { class: 'notice-icon', 'aria-hidden': 'true' }, 'i'),
              transport,
            )
          : null,
      )
    : null

export interface Poster {
  /** The element whose height is the widget's content height. */
  readonly root: HTMLElement
  /** Fills in the title and goal once they are known. */
  readonly describe: (text: PosterText) => void
  /** The Start button says the widget is loading, and does nothing more until it has. */
  readonly loading: () => void
  /** The app could not load: says so, and lets Start try again. */
  readonly failed: (message: string) => void
}

/**
 * Draws the poster into `container`. `onStart` runs on the Start button; `fullAppHref` is the
 * "Open in Roundtrip" link.
 */
export const drawPoster = (
  container: HTMLElement,
  {
    fullAppHref,
    onStart,
    notices: lines,
  }: { fullAppHref: string; onStart: () => void; notices: PosterNotices },
): Poster => {
  const title = el('h1', { class: 'embed-title' })
  const startLabel = el('span', {}, 'Start')
  const start = button('button embed-start-button', startLabel, 'play')
  const goal = el('p', { class: 'embed-start-goal' })
  goal.hidden = true
  // Added only when there is something to say (`.notice` is displayed whatever `hidden` says).
  const problem = el('p', { class: 'notice notice-error', role: 'alert' })
  start.addEventListener('click', onStart)

  const stage = el(
    'div',
    { class: 'embed-stage', inert: '' },
    el(
      'div',
      { class: 'embed-narration', 'data-sticky': 'top' },
      el(
        'div',
        { class: 'narration', 'data-direction': 'idle' },
        el(
          'p',
          { class: 'narration-text', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
          'Press “Send request”, then step with → or play with Space.',
        ),
      ),
    ),
    el(
      'section',
      { class: 'embed-journey', 'aria-label': 'Journey' },
      el('div', { class: 'journey', 'data-motion': 'travel' }, ...GROUPS.map(band)),
    ),
  )
  const root = el(
    'div',
    { class: 'embed', 'data-started': 'false', 'data-poster': '' },
    el(
      'header',
      { class: 'embed-header' },
      logo(),
      title,
      el(
        'a',
        { class: 'embed-open', href: fullAppHref, target: '_blank', rel: 'noopener' },
        'Open in Roundtrip',
        el('span', { class: 'embed-open-mark', 'aria-hidden': 'true' }, '↗'),
        el('span', { class: 'sr-only' }, ' (opens in a new tab)'),
      ),
    ),
    notices(lines),
    el(
      'main',
      { class: 'embed-main' },
      stage,
      el(
        'div',
        { class: 'embed-start' },
        el(
          'div',
          { class: 'embed-start-card' },
          start,
          goal,
          el(
            'p',
            { class: 'embed-start-hint' },
            'Sends one request, then plays its journey step by step. Pause or step at any time.',
          ),
        ),
      ),
    ),
    el(
      'footer',
      { class: 'embed-footer', inert: '', 'data-sticky': 'bottom' },
      el(
        'div',
        { class: 'embed-controls', role: 'group', 'aria-label': 'Playback' },
        button('button button-icon', null, 'restart', { 'aria-label': 'Restart', disabled: '' }),
        button('button embed-step', el('span', { class: 'embed-label' }, 'Step back'), 'back', {
          disabled: '',
        }),
        button('button button-play', 'Play', 'play', { disabled: '' }),
        el(
          'button',
          { type: 'button', class: 'button embed-step', disabled: '' },
          el('span', { class: 'embed-label' }, 'Step forward'),
          icon('forward'),
        ),
        el(
          'div',
          { class: 'embed-playhead' },
          el('span', { class: 'embed-track-empty', 'aria-hidden': 'true' }),
          el('span', { class: 'embed-count', 'aria-hidden': 'true' }, '–'),
        ),
      ),
    ),
  )
  container.replaceChildren(root)

  return {
    root,
    describe: (text) => {
      title.textContent = text.title
      startLabel.textContent = `Start: ${text.title}`
      goal.textContent = text.goal ?? ''
      goal.hidden = text.goal === null
    },
    loading: () => {
      start.setAttribute('aria-disabled', 'true')
      start.setAttribute('aria-busy', 'true')
    },
    failed: (message) => {
      start.removeAttribute('aria-disabled')
      start.removeAttribute('aria-busy')
      problem.textContent = message
      if (!problem.isConnected) goal.after(problem)
    },
  }
}
