import type { Headers, TraceEvent } from '../../engine'
import { displayHeaderName } from '../../engine'

/** How a layer changed the message it passed on, found by diffing two snapshots. */
export type MessageChange =
  | {
      readonly kind: 'compressed'
      readonly encoding: string
      readonly from: number
      readonly to: number
    }
  | {
      readonly kind: 'headers'
      readonly added: readonly string[]
      readonly changed: readonly { name: string; from: string; to: string }[]
      readonly removed: readonly string[]
    }

const ENCODINGS = new Set(['gzip', 'br', 'deflate', 'zstd'])

const bytesOf = (headers: Headers, body: string): number => {
  const declared = Number(headers['content-length'])
  return Number.isFinite(declared) && headers['content-length'] !== undefined
    ? declared
    : body.length
}

const headerDiff = (before: Headers, after: Headers): MessageChange | null => {
  const added = Object.keys(after).filter((name) => !(name in before))
  const removed = Object.keys(before).filter((name) => !(name in after))
  const changed = Object.keys(after)
    .filter((name) => name in before && before[name] !== after[name])
    .map((name) => ({ name, from: before[name]!, to: after[name]! }))
  if (added.length + removed.length + changed.length === 0) return null
  return { kind: 'headers', added, changed, removed }
}

/**
 * What this event's layer did to the message travelling in its direction, compared with the
 * step before. `null` when nothing changed, or when this step creates the message (the first
 * step of a response is a new message, not a change).
 */
export const messageChange = (
  previous: TraceEvent | undefined,
  event: TraceEvent,
): MessageChange | null => {
  if (!previous) return null
  if (event.direction === 'request')
    return previous.direction === 'request'
      ? headerDiff(previous.request.headers, event.request.headers)
      : null
  const before = previous.response
  const after = event.response
  if (!before || !after || previous.direction !== 'response') return null
  const encoding = after.headers['content-encoding']
  if (encoding && ENCODINGS.has(encoding) && before.headers['content-encoding'] !== encoding)
    return {
      kind: 'compressed',
      encoding,
      from: bytesOf(before.headers, before.body),
      to: bytesOf(after.headers, after.body),
    }
  return headerDiff(before.headers, after.headers)
}

/** "410 B", "2.2 kB": sizes as a class reads them. */
const formatBytes = (bytes: number): string =>
  bytes < 1000 ? `${bytes} B` : `${Number((bytes / 1000).toFixed(1))} kB`

const list = (names: readonly string[]): string => {
  const shown = names.map(displayHeaderName)
  if (shown.length <= 1) return shown.join('')
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`
}

/** The short badge on the packet: "+X-Forwarded-For +2", "gzip 2.2 kB → 410 B". */
export const changeBadge = (change: MessageChange): string => {
  if (change.kind === 'compressed')
    return `${change.encoding} ${formatBytes(change.from)} → ${formatBytes(change.to)}`
  const more = (n: number) => (n > 0 ? ` +${n}` : '')
  const [first, ...rest] = change.added
  if (first) return `+${displayHeaderName(first)}${more(rest.length + change.changed.length)}`
  const [edit, ...others] = change.changed
  if (edit) return `${displayHeaderName(edit.name)}: ${edit.to}${more(others.length)}`
  return `−${displayHeaderName(change.removed[0] ?? '')}${more(change.removed.length - 1)}`
}

/** The same change as a sentence, for the current band and for screen readers. */
export const changeSentence = (change: MessageChange): string => {
  if (change.kind === 'compressed')
    return `Compresses the body with ${change.encoding}: ${formatBytes(change.from)} → ${formatBytes(change.to)}.`
  const parts: string[] = []
  if (change.added.length) parts.push(`adds ${list(change.added)}`)
  for (const { name, from, to } of change.changed.slice(0, 2))
    parts.push(`changes ${displayHeaderName(name)} from ${from} to ${to}`)
  if (change.changed.length > 2) parts.push(`changes ${change.changed.length - 2} more headers`)
  if (change.removed.length) parts.push(`removes ${list(change.removed)}`)
  const sentence = parts.join('; ')
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`
}
