/**
 * The address bar: the one module that reads the URL hash, listens for `hashchange` and writes
 * the address (`history.replaceState`). Features declare their keys in `hash.ts` and read a
 * parsed link from here; none of them touches the hash itself.
 *
 * The page follows the address: the link is applied on start and whenever the hash changes (a
 * link clicked on the same page). The address follows the page: a new scenario, lesson or
 * presentation mode is written at once; the step, app, seed, depth and theme after a short pause
 * in changes, and not while playing (a history write per step costs frame time; a link to a
 * moment is taken from a paused page anyway). `replaceState` fires no `hashchange`, and nothing
 * is written when the page's hash equals the address's, so the page never reads its own writes.
 */
import type { RoundtripState } from '../store'
import { useStore } from '../store'
import type { ParsedLink } from './hash'
import { parseLink } from './hash'
import type { PageViewState } from './page'
import { pageView } from './page'
import { applyLink, hashOf } from './state'

/** The address's hash, parsed (one parse per distinct hash, shared by every reader). */
export const readAddress = (): ParsedLink => parseLink(window.location.hash)

const writeAddress = (hash: string): void => {
  try {
    const { pathname, search } = window.location
    window.history.replaceState(
      window.history.state,
      '',
      `${pathname}${search}${hash ? `#${hash}` : ''}`,
    )
  } catch {
    // Sandboxed frames may refuse history changes; the page works on without an updated link.
  }
}

const SYNC_DELAY_MS = 300

interface SyncOptions {
  /** How a link is applied, on start and on each `hashchange`; default `applyLink(link)`. */
  readonly apply?: (link: ParsedLink) => void
  /** Whether the address follows the page (default true). The embed only reads its address. */
  readonly write?: boolean
  /** The pause in changes before the step and the like are written, in ms. */
  readonly delay?: number
}

/** What a link is made of; anything else in the store (sending, transport…) leaves it alone. */
const momentParts = (s: RoundtripState) => [
  s.traced ?? s.working,
  s.trace,
  s.playhead,
  s.seed,
  s.depth,
  s.theme,
]
/** Where the page is: written at once, so the address can be shared or bookmarked as it is. */
const placeParts = (s: RoundtripState) => [s.scenarioId, s.lessonId, s.presenting]

/** The page-load view: opening it or changing its page load is a place; its step and request a moment. */
const pagePlaceParts = (v: PageViewState) => [
  v.open,
  v.scenarioId,
  v.protocol,
  v.network,
  v.cdn,
  v.altSvc,
  v.size,
]
const pageMomentParts = (v: PageViewState) => [v.open && v.step, v.open && v.request]

const same = (a: readonly unknown[], b: readonly unknown[]) => a.every((part, i) => part === b[i])

/**
 * Applies the address to the page now and on every `hashchange`, and keeps the address equal to
 * the page's state. Returns a function that stops both.
 */
export const startLinkSync = ({
  apply = (link) => void applyLink(link),
  write = true,
  delay = SYNC_DELAY_MS,
}: SyncOptions = {}): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  const flush = () => {
    cancel()
    const address = readAddress()
    const next = hashOf(useStore.getState(), address)
    if (next !== address.text) writeAddress(next)
  }
  /**
   * Writes once changes pause: each change restarts the wait, so stepping by key (one step
   * every 100 ms or so, or a held key) writes once, where the reader stops. Writing on a fixed
   * beat while stepping cost a long frame each time (22 ms of script at 4x in the page view).
   */
  const later = () => {
    cancel()
    timer = setTimeout(flush, delay)
  }

  let unsubscribe = () => {}
  /** While a link is being applied, its changes are noted and written once it is whole. */
  let applying: { moved: boolean; changed: boolean } | null = null
  if (write) {
    let moment = momentParts(useStore.getState())
    let place = placeParts(useStore.getState())
    /** A change seen while playing, written once playback stops. */
    let pending = false
    unsubscribe = useStore.subscribe((state, before) => {
      const nextMoment = momentParts(state)
      const nextPlace = placeParts(state)
      const changed = !same(nextMoment, moment)
      const moved = !same(nextPlace, place)
      moment = nextMoment
      place = nextPlace
      if (applying) {
        applying.moved ||= moved
        applying.changed ||= changed
        return
      }
      if (moved) {
        pending = false
        return flush()
      }
      if (state.playing) {
        cancel()
        pending ||= changed
        return
      }
      if (!changed && !(pending && before.playing)) return
      pending = false
      later()
    })
    // The page-load view is followed the same way, with its own playback.
    let pagePlace = pagePlaceParts(pageView.getState())
    let pageMoment = pageMomentParts(pageView.getState())
    let pagePending = false
    const unsubscribePage = pageView.subscribe((view, before) => {
      const nextPlace = pagePlaceParts(view)
      const nextMoment = pageMomentParts(view)
      const moved = !same(nextPlace, pagePlace)
      const changed = !same(nextMoment, pageMoment)
      pagePlace = nextPlace
      pageMoment = nextMoment
      if (applying) {
        applying.moved ||= moved
        applying.changed ||= changed
        return
      }
      if (moved) {
        pagePending = false
        return flush()
      }
      if (view.playing) {
        cancel()
        pagePending ||= changed
        return
      }
      if (!changed && !(pagePending && before.playing)) return
      pagePending = false
      later()
    })
    const unsubscribeStore = unsubscribe
    unsubscribe = () => {
      unsubscribeStore()
      unsubscribePage()
    }
  }

  const applyAddress = () => {
    const seen = (applying = { moved: false, changed: false })
    try {
      apply(readAddress())
    } finally {
      applying = null
    }
    if (!write) return
    if (seen.moved) flush()
    else if (seen.changed && !useStore.getState().playing) later()
  }
  const onHashChange = () => applyAddress()
  window.addEventListener('hashchange', onHashChange)
  applyAddress()
  return () => {
    window.removeEventListener('hashchange', onHashChange)
    unsubscribe()
    cancel()
  }
}
