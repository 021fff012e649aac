import type { Headers } from '../model/http'

/** Adds `value` to a `Vary` header without repeating it. */
export const appendVary = (headers: Headers, value: string): string => {
  const current = headers.vary
  if (!current) return value
  const parts = current.split(',').map((p) => p.trim().toLowerCase())
  return parts.includes(value.toLowerCase()) ? current : `${current}, ${value}`
}

/** Whether `path` is `prefix` or below it, whole segments only. */
export const underPath = (path: string, prefix: string): boolean => {
  const base = prefix.replace(/\/+$/, '')
  return base === '' || path === base || path.startsWith(`${base}/`)
}

/** The request's cookies by name (`Cookie: a=1; b=2`). */
export const parseCookies = (header: string | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}
