/** The key msw's cookie store reads, and iterates, as soon as msw is imported. */
export const MSW_COOKIE_STORE_KEY = '__msw-cookie-store__'

/** The page's localStorage, or `null` where reading it throws (or it is missing). */
const storageOf = (win: Pick<Window, 'localStorage'>): Storage | null => {
  try {
    return win.localStorage ?? null
  } catch {
    return null
  }
}

/**
 * msw's cookie store parses `__msw-cookie-store__` and iterates it at import: anything but a JSON
 * array (`{}`, `42`, a truncated write) throws "is not iterable" and the worker never starts.
 * Removes such a value before msw loads. Returns whether it removed one. Never throws.
 */
export const repairMswCookieStore = (win: Pick<Window, 'localStorage'>): boolean => {
  const storage = storageOf(win)
  if (!storage) return false
  try {
    const text = storage.getItem(MSW_COOKIE_STORE_KEY)
    if (text === null) return false
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    if (Array.isArray(value)) return false
    storage.removeItem(MSW_COOKIE_STORE_KEY)
    return true
  } catch {
    return false
  }
}

/** What the page knows about itself that decides whether a service worker may run. */
export interface WorkerEnvironment {
  readonly location: Pick<Location, 'protocol'>
  readonly isSecureContext: boolean
  readonly origin: string
  readonly navigator: Navigator
  readonly localStorage: Storage
}

/** The notice where the simulation runs in the page, for the reason no worker can run there. */
export const inPageNotice = (reason: string): string =>
  `Simulated in the page (${reason}); the request will not appear in DevTools' Network panel.`

/** Why a service worker cannot run here, or `null` when it may. Never throws. */
export const serviceWorkerBlocker = (win: WorkerEnvironment): string | null => {
  try {
    if (win.location.protocol === 'file:')
      return 'pages opened from a file cannot use a service worker'
    if (!win.isSecureContext) return 'this page is not served over HTTPS or localhost'
    if (!('serviceWorker' in win.navigator)) return 'this browser offers no service worker here'
  } catch {
    return 'this browser offers no service worker here'
  }
  try {
    // Both throw where the browser denies this document storage.
    void win.localStorage
    void win.navigator.serviceWorker.controller
    return null
  } catch {
    // A frame sandboxed without allow-same-origin has an opaque origin ("null"). A frame with a
    // real origin that is still refused storage is a page from another site, embedded where the
    // browser blocks third-party storage (and with it service workers).
    return originOf(win) === 'null'
      ? 'this frame is sandboxed, so it cannot register a service worker'
      : 'this browser blocks storage for embedded pages from another site, so this frame cannot register a service worker'
  }
}

const originOf = (win: WorkerEnvironment): string => {
  try {
    return win.origin
  } catch {
    return 'null'
  }
}
