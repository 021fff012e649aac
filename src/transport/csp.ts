/**
 * A page's Content-Security-Policy can refuse the real `fetch()` to the simulated origin
 * (`https://api.example.com`) before the service worker ever sees it: `default-src 'self'`
 * limits `connect-src` too. The browser then fires `securitypolicyviolation` and the fetch
 * rejects with a bare TypeError ("Failed to fetch"). This module notices that, and maps a
 * request onto the app's own origin, which `connect-src 'self'` allows.
 */

/** The folder, under the app's own address, that stands for every simulated origin. */
export const SAME_ORIGIN_PREFIX = '__roundtrip/'

/**
 * The same request on the app's own origin: `https://api.example.com/users/42?x=1` becomes
 * `<base>__roundtrip/https/api.example.com/users/42?x=1`, still readable in DevTools.
 */
export const sameOriginUrl = (url: string, base: string): string => {
  const target = new URL(url)
  const scheme = target.protocol.replace(/:$/, '')
  return new URL(
    `${SAME_ORIGIN_PREFIX}${scheme}/${target.host}${target.pathname}${target.search}`,
    base,
  ).href
}

/** The directives a refused `fetch()` reports (`default-src` stands in for `connect-src`). */
const isConnectViolation = (event: Event): boolean => {
  const { effectiveDirective, violatedDirective } = event as Partial<SecurityPolicyViolationEvent>
  return [effectiveDirective, violatedDirective].some((d) => d?.startsWith('connect-src') ?? false)
}

export interface ViolationWatch {
  /** How many `connect-src` violations the page has reported so far. */
  readonly count: () => number
  /**
   * Whether a `connect-src` violation arrives after the first `seen` ones, waiting up to `ms`
   * (the event is queued as its own task, so it may come just after the fetch rejected).
   */
  readonly after: (seen: number, ms?: number) => Promise<boolean>
}

/** Listens on `target` (the document) for the page's `connect-src` violations, from now on. */
export const watchConnectViolations = (target: EventTarget): ViolationWatch => {
  let count = 0
  const waiting = new Set<() => void>()
  target.addEventListener('securitypolicyviolation', (event) => {
    if (!isConnectViolation(event)) return
    count++
    for (const wake of waiting) wake()
  })
  return {
    count: () => count,
    after: (seen, ms = 250) =>
      new Promise((resolve) => {
        if (count > seen) return resolve(true)
        const wake = () => {
          if (count <= seen) return
          waiting.delete(wake)
          clearTimeout(timer)
          resolve(true)
        }
        const timer = setTimeout(() => {
          waiting.delete(wake)
          resolve(count > seen)
        }, ms)
        waiting.add(wake)
      }),
  }
}

/** The one line for each way round a Content-Security-Policy. */
export const CSP_NOTICES = {
  sameOrigin:
    "This page's Content-Security-Policy blocks requests to other sites, so Roundtrip sends each one to its own address (under __roundtrip/), where its service worker still answers it.",
  inPage:
    "This page's Content-Security-Policy blocks the request to the simulated server, so Roundtrip simulates it in the page; it will not appear in DevTools' Network panel.",
} as const
