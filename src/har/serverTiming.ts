import type { ServerTimingMetric } from './types'

/**
 * Reads a `Server-Timing` header (W3C Server Timing): metrics separated by commas, each a name
 * with `;dur=` (ms) and `;desc=` (a token or a quoted string, which may hold commas). A metric
 * whose name is not a token is skipped; a `dur` that is not a finite number ≥ 0 is left out.
 */
export const parseServerTiming = (header: string): ServerTimingMetric[] => {
  const metrics: ServerTimingMetric[] = []
  let i = 0
  const n = header.length
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++
  }
  const token = () => {
    const from = i
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i]!)) i++
    return header.slice(from, i)
  }
  const value = () => {
    if (header[i] !== '"') return token()
    i++
    let out = ''
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++
      out += header[i]
      i++
    }
    i++
    return out
  }
  const toNextMetric = () => {
    // Skips the rest of a malformed metric, quoted strings included.
    while (i < n && header[i] !== ',') {
      if (header[i] === '"') value()
      else i++
    }
    i++
  }
  while (i < n && metrics.length < 100) {
    skipSpace()
    const name = token()
    if (!name) {
      toNextMetric()
      continue
    }
    let dur: number | undefined
    let desc: string | undefined
    skipSpace()
    while (i < n && header[i] === ';') {
      i++
      skipSpace()
      const key = token().toLowerCase()
      skipSpace()
      let val = ''
      if (header[i] === '=') {
        i++
        skipSpace()
        val = value()
      }
      skipSpace()
      if (key === 'dur' && dur === undefined) {
        const ms = Number(val)
        if (val !== '' && Number.isFinite(ms) && ms >= 0) dur = ms
      } else if (key === 'desc' && desc === undefined) desc = val
    }
    metrics.push({ name, ...(dur === undefined ? {} : { dur }), ...(desc ? { desc } : {}) })
    toNextMetric()
  }
  return metrics
}

/** Every Server-Timing metric in a list of headers (there may be several such headers). */
export const serverTimingOf = (
  headers: readonly { readonly name: string; readonly value: string }[],
): ServerTimingMetric[] =>
  headers
    .filter((h) => h.name.toLowerCase() === 'server-timing')
    .flatMap((h) => parseServerTiming(h.value))
