import type { Headers, HttpRequest, HttpResponse } from '../model/http'
import { target, utf8Length } from '../model/http'

const headerBytes = (headers: Headers): number => {
  let bytes = 2 // the blank line that ends the head
  for (const name in headers) bytes += name.length + 4 + utf8Length(headers[name]!)
  return bytes
}

/** `utf8Length(rawRequest(request))` without building the text: the bytes on the wire. */
export const requestBytes = (request: HttpRequest): number =>
  request.method.length +
  utf8Length(target(request)) +
  12 + // ' ' + ' HTTP/1.1' + CRLF
  headerBytes(request.headers) +
  utf8Length(request.body)

/** `utf8Length(rawResponse(response))` without building the text: the bytes on the wire. */
export const responseBytes = (response: HttpResponse): number =>
  13 + // 'HTTP/1.1 ' + 3-digit status + ' '
  utf8Length(response.statusText) +
  2 +
  headerBytes(response.headers) +
  utf8Length(response.body)
