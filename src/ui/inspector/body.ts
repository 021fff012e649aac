import type { Headers } from '../../engine'

/** How much body text is put on the page at first: enough to read, small enough never to freeze it. */
export const BODY_CAP = 64 * 1024

type BodyKind = 'empty' | 'json' | 'html' | 'text'

interface BodyPresentation {
  readonly kind: BodyKind
  /** The text to show: JSON pretty-printed with two-space indents, anything else as it is. */
  readonly text: string
}

const looksLikeHtml = (body: string): boolean => /^\s*<(!doctype html|html[\s>])/i.test(body)

/** Reads the body the way a developer tool would: by Content-Type first, by its shape second. */
export const presentBody = (headers: Headers, body: string): BodyPresentation => {
  if (body === '') return { kind: 'empty', text: '' }
  const type = (headers['content-type'] ?? '').toLowerCase()
  const jsonish = type.includes('json') || (!type && /^\s*[[{]/.test(body))
  if (jsonish) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(body), null, 2) }
    } catch {
      // Declared JSON that does not parse is worth seeing exactly as sent.
      return { kind: 'text', text: body }
    }
  }
  if (type.includes('html') || (!type && looksLikeHtml(body))) return { kind: 'html', text: body }
  return { kind: 'text', text: body }
}

/** The first `cap` characters (not cutting a surrogate pair) and how many were left out. */
export const capText = (text: string, cap = BODY_CAP): { shown: string; hidden: number } => {
  if (text.length <= cap) return { shown: text, hidden: 0 }
  const code = text.charCodeAt(cap - 1)
  const end = code >= 0xd800 && code <= 0xdbff ? cap - 1 : cap
  return { shown: text.slice(0, end), hidden: text.length - end }
}

const grouped = new Intl.NumberFormat('en-US')

/** "2,227 bytes", "1 byte". */
export const formatBytes = (bytes: number): string =>
  `${grouped.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`

/** "410 bytes", "2.2 KB", "1.0 MB": sizes at a glance. */
export const formatSize = (bytes: number): string => {
  if (bytes < 1024) return formatBytes(bytes)
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
