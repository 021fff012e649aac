/**
 * The embed's own hash keys, `parent` and `host`. The deep link's keys (scenario, app, req, seed,
 * step, depth, theme) are read by `hash.ts`, which carries these two through untouched.
 */

/** The hosts with an adapter: reveal.js slides and Canvas pages. `auto` listens for reveal.js. */
export const HOSTS = ['auto', 'reveal', 'canvas', 'none'] as const
export type Host = (typeof HOSTS)[number]

export interface EmbedParams {
  /** Origins allowed to command the widget (`parent=`), or `null` when any parent may. */
  readonly allowList: readonly string[] | null
  readonly host: Host
  /** Keys that could not be read, in words, for the notice line. */
  readonly problems: readonly string[]
}

const MAX_ORIGINS = 20

/**
 * One origin as `new URL(x).origin` spells it (scheme, host, port), or `null` for anything that
 * is not a plain http(s) origin: a path, a wildcard, `null`, `javascript:`.
 */
export const normalizeOrigin = (value: string): string | null => {
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

/** Reads `parent` and `host` from `location.hash`. Never throws; what it cannot use is named. */
export const readEmbedParams = (hash: string): EmbedParams => {
  let params: URLSearchParams
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''))
  } catch {
    params = new URLSearchParams()
  }
  const problems: string[] = []

  const hostText = params.get('host')
  const host = (HOSTS as readonly string[]).includes(hostText ?? '') ? (hostText as Host) : 'auto'
  if (hostText !== null && host !== hostText) problems.push('host must be reveal, canvas or none')

  let allowList: readonly string[] | null = null
  const parentText = params.get('parent')
  if (parentText !== null) {
    const { origins, invalid } = parseAllowList(parentText)
    // An allow-list that names nothing valid allows nobody: safer than allowing everybody.
    allowList = origins
    if (invalid.length > 0)
      problems.push(`parent has entries that are not origins: ${invalid.join(', ')}`)
  }

  return {
    allowList,
    host,
    problems,
  }
}
