/** The embed's `parent` (origins allowed to command the widget) and `host` values, as the link holds them. */

/** The hosts with an adapter: reveal.js slides and Canvas pages. `auto` listens for reveal.js. */
export const HOSTS = ['auto', 'reveal', 'canvas', 'none'] as const
export type Host = (typeof HOSTS)[number]

const MAX_ORIGINS = 20

/**
 * One origin as `new URL(x).origin` spells it (scheme, host, port), or `null` for anything that
 * is not a plain http(s) origin: a path, a wildcard, `null`, `javascript:`.
 */
const normalizeOrigin = (value: string): string | null => {
  const text = value.trim()
  if (!/^https?:\/\/[^/?#*\s]+\/?$/i.test(text)) return null
  try {
    const { origin } = new URL(text)
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/** `parent=a,b`: the valid origins; invalid entries are reported, never allowed. */
export const parseAllowList = (
  value: string,
): { origins: readonly string[]; invalid: readonly string[] } => {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, MAX_ORIGINS)
  const origins: string[] = []
  const invalid: string[] = []
  for (const entry of entries) {
    const origin = normalizeOrigin(entry)
    if (origin) {
      if (!origins.includes(origin)) origins.push(origin)
    } else invalid.push(entry.slice(0, 60))
  }
  return { origins, invalid }
}
