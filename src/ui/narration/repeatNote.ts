import type { Trace } from '../../engine'

const joined = (parts: readonly string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/**
 * What a repeat did differently from the send before it, in one sentence, or `null` when the
 * trace is not a repeat (a cold start) or nothing differs. A class that sends twice sees why the
 * journey got shorter instead of thinking steps went missing.
 */
export const repeatNote = (trace: Trace | null, previous: Trace | null): string | null => {
  if (!trace || !previous) return null
  const has = (type: string) => trace.events.some((e) => e.type === type)
  const skipped: string[] = []
  if (has('dns:cache-hit')) skipped.push('DNS answer cached')
  if (has('tcp:reuse')) skipped.push('kept-alive connection reused (no TCP or TLS handshake)')
  else if (has('tls:reuse')) skipped.push('TLS session resumed')
  const now = trace.events.length
  const before = previous.events.length
  if (skipped.length === 0 && now === before) return null
  const what = skipped.length > 0 ? `: ${joined(skipped)}` : ''
  const count =
    now === before ? `; ${now} steps, as before` : `, so ${now} steps instead of ${before}`
  return `A repeat${what}${count}.`
}
