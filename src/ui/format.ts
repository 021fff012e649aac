import type { MiddlewareSpec } from '../engine'

/** Virtual milliseconds for people: enough digits that 0.05 ms is not shown as 0. */
export const formatMs = (value: number): string => {
  if (value === 0) return '0 ms'
  const digits = value < 0.01 ? 3 : value < 1 ? 2 : value < 100 ? 1 : 0
  return `${Number(value.toFixed(digits))} ms`
}

/** "200 OK", as the client shows it. */
export const statusLine = (status: number, statusText: string): string =>
  `${status} ${statusText}`.trim()

const MIDDLEWARE_LABELS: Readonly<Record<MiddlewareSpec['kind'], string>> = {
  logging: 'logging',
  cors: 'CORS',
  auth: 'authentication',
  authorization: 'authorization',
  errors: 'error-handling',
  compression: 'compression',
  session: 'session',
  rateLimit: 'rate-limiting',
}

/** How a sentence names a middleware ("the authentication middleware"); an unknown kind as is. */
export const middlewareLabel = (kind: string): string =>
  (MIDDLEWARE_LABELS as Readonly<Record<string, string | undefined>>)[kind] ?? kind
