/**
 * Stands in for `tldts` in the browser build (vite.config.ts aliases it). msw keeps an
 * in-memory cookie jar (tough-cookie) for the requests it intercepts, and tough-cookie asks
 * `tldts.getDomain` for a host's registrable domain; the real `tldts` carries the whole Public
 * Suffix List, 257 kB of the 430 kB service-worker client. The only hosts that jar sees are the
 * page's own (Roundtrip's simulated servers never set real cookies: the simulation keeps its own
 * jar), so the last two labels are enough: an IP address or a single-label host (localhost) has
 * no registrable domain, as in tldts. A multi-label public suffix (`co.uk`) is not known here,
 * which only widens which of the page's own msw cookies a same-site request would carry.
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

export const getDomain = (host: string): string | null => {
  const name = host.trim().toLowerCase().replace(/\.$/, '')
  if (name === '' || name.includes(':') || IPV4.test(name)) return null
  const labels = name.split('.')
  if (labels.length < 2 || labels.some((label) => label === '')) return null
  return labels.slice(-2).join('.')
}
