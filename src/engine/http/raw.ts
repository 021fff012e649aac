import type { Headers, HttpRequest, HttpResponse } from '../model/http'
import { target } from '../model/http'

/** `content-type` → `Content-Type`, the way headers are usually written on the wire. */
export const displayHeaderName = (name: string): string =>
  name.replace(
    /(^|-)([a-z])/g,
    (_match, dash: string, letter: string) => dash + letter.toUpperCase(),
  )

const headerLines = (headers: Headers): string =>
  Object.entries(headers)
    .map(([name, value]) => `${displayHeaderName(name)}: ${value}`)
    .join('\r\n')

/**
 * The request as raw HTTP/1.1 text, CRLF line endings.
 * @example rawRequest(req) // 'GET /users/42 HTTP/1.1\r\nHost: api.example.com\r\n…\r\n\r\n'
 */
export const rawRequest = (request: HttpRequest): string => {
  const head = `${request.method} ${target(request)} HTTP/1.1`
  const lines = headerLines(request.headers)
  return `${head}\r\n${lines}${lines ? '\r\n' : ''}\r\n${request.body}`
}

/** The response as raw HTTP/1.1 text, CRLF line endings. */
export const rawResponse = (response: HttpResponse): string => {
  const head = `HTTP/1.1 ${response.status} ${response.statusText}`
  const lines = headerLines(response.headers)
  return `${head}\r\n${lines}${lines ? '\r\n' : ''}\r\n${response.body}`
}
