/**
 * What the embed reads from its URL hash. The scenario, step, depth and theme keys are the deep
 * link's (see `hash.ts` once it lands); `parent` and `host` are the embed's own.
 */

/** The hosts with an adapter: reveal.js slides and Canvas pages. `auto` listens for reveal.js. */
export const HOSTS = ['auto', 'reveal', 'canvas', 'none'] as const
export type Host = (typeof HOSTS)[number]

export interface EmbedParams {
  /** The curated scenario asked for, if any (the store validates it and names a bad one). */
  readonly scenario: string | null
  /** The 1-based step to open at once the journey starts, if any. */
  readonly step: number | null
  readonly depth: string | null
  readonly theme: 'light' | 'dark' | null
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

/**
 * Reads the embed's keys from `location.hash`. Never throws; a key it cannot read is left out
 * and named in `problems`. Kept in one function so the shared hash codec can replace it.
 */
export const readEmbedParams = (hash: string): EmbedParams => {
  let params: URLSearchParams
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''))
  } catch {
    params = new URLSearchParams()
  }
  const problems: string[] = []

  const stepText = params.get('step')
  let step: number | null = null
  if (stepText !== null) {
    const n = Number(stepText)
    if (Number.isSafeInteger(n) && n >= 1) step = n
    else problems.push('step must be a whole number from 1')
  }

  const themeText = params.get('theme')
  const theme = themeText === 'light' || themeText === 'dark' ? themeText : null
  if (themeText !== null && theme === null && themeText !== 'auto')
    problems.push('theme must be light, dark or auto')

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
    scenario: params.get('scenario'),
    step,
    depth: params.get('depth'),
    theme,
    allowList,
    host,
    problems,
  }
}

/** The full app's link for this moment: the same hash without the embed-only keys. */
export const fullAppHash = (
  hash: string,
  state: { scenario: string | null; step: number | null },
): string => {
  let params: URLSearchParams
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''))
  } catch {
    params = new URLSearchParams()
  }
  params.delete('parent')
  params.delete('host')
  if (state.scenario) params.set('scenario', state.scenario)
  if (state.step) params.set('step', String(state.step))
  const text = params.toString()
  return text ? `#${text}` : ''
}
