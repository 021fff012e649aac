import { channelSupported } from './channelSupport'

/** The query that turns a page load into the presenter view instead of the app. */
const PRESENTER_QUERY = 'view=presenter'

/** `?view=presenter` (and nothing else decides it): main.tsx mounts the presenter view instead. */
export const isPresenterView = (search: string): boolean =>
  new URLSearchParams(search).get('view') === 'presenter'

/** The presenter view's address: this page, the same folder, no hash (it gets state by message). */
export const presenterUrl = (href: string): string => {
  const url = new URL(href)
  url.search = `?${PRESENTER_QUERY}`
  url.hash = ''
  return url.toString()
}

type OpenResult = 'opened' | 'blocked' | 'unsupported'

/** What to tell the presenter when the view could not open; `null` when it did. */
export const OPEN_PROBLEMS: Record<OpenResult, string | null> = {
  opened: null,
  blocked:
    'The browser blocked the presenter window. Allow pop-ups for this site, then press “Presenter view” again.',
  unsupported:
    'This browser cannot link two windows (no BroadcastChannel), so the presenter view is not available here. A current Chrome, Edge, Firefox or Safari can.',
}

/** Opens (or brings forward) the presenter view in its own window. */
export const openPresenterView = (): OpenResult => {
  if (!channelSupported()) return 'unsupported'
  let opened: Window | null = null
  try {
    opened = window.open(
      presenterUrl(window.location.href),
      'roundtrip-presenter',
      'popup,width=1100,height=760',
    )
  } catch {
    opened = null
  }
  if (!opened) return 'blocked'
  opened.focus()
  return 'opened'
}
