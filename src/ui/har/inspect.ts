import type { HttpMethod, HttpRequest, HttpResponse, Millis, TraceEvent } from '../../engine'
import type { HarNameValue, MeasuredEntry } from '../../har'
import type { InspectorView } from '../inspector/model'
import type { HeaderOrigin, MessageKind } from '../inspector/provenance'

const versionOf = (e: MeasuredEntry): HttpRequest['httpVersion'] =>
  e.protocol === 'HTTP/2' ? 'HTTP/2' : e.protocol === 'HTTP/3' ? 'HTTP/3' : 'HTTP/1.1'

/**
 * The file's headers as the Inspector keeps them: lower-case names, repeats joined, file order.
 * `http1`: as HTTP/1.1 text would carry them, HTTP/2's pseudo-headers left out (they are the
 * request and status lines there) and `:authority` written as Host.
 */
const headersOf = (list: readonly HarNameValue[], http1 = false): Record<string, string> => {
  const out: Record<string, string> = {}
  const authority = list.find((h) => h.name === ':authority')?.value
  if (http1 && authority && !list.some((h) => h.name.toLowerCase() === 'host')) out.host = authority
  for (const h of list) {
    if (http1 && h.name.startsWith(':')) continue
    const name = h.name.toLowerCase()
    out[name] =
      name in out ? `${out[name]}${name === 'set-cookie' ? '\n' : ', '}${h.value}` : h.value
  }
  return out
}

const requestOf = (e: MeasuredEntry, http1: boolean): HttpRequest => {
  let url: URL | null = null
  try {
    url = new URL(e.url)
  } catch {
    // A URL the browser wrote but WHATWG cannot read: shown as the path, as it is.
  }
  const scheme = url?.protocol === 'http:' || url?.protocol === 'ws:' ? 'http' : 'https'
  return {
    // The file's method as written (a WebDAV verb too): the Inspector only shows it.
    method: e.method as HttpMethod,
    scheme,
    host: url?.hostname ?? '',
    port: url?.port ? Number(url.port) : scheme === 'https' ? 443 : 80,
    path: url ? url.pathname : e.url,
    query: url ? url.search.replace(/^\?/, '') : '',
    httpVersion: versionOf(e),
    headers: headersOf(e.request.headers, http1),
    body: e.request.postData?.text ?? '',
  }
}

const responseOf = (e: MeasuredEntry, http1: boolean): HttpResponse | undefined => {
  if (e.status === null) return undefined
  const content = e.response.content
  return {
    status: e.status,
    statusText: e.statusText,
    httpVersion: versionOf(e),
    headers: headersOf(e.response.headers, http1),
    // A binary body (base64 in the file) is not text: the Inspector says there is none to read.
    body: content.encoding === 'base64' ? '' : (content.text ?? ''),
  }
}

/** Every header was seen on the wire by the browser: who sent it is all the file can say. */
const originsOf = (kind: MessageKind, headers: Record<string, string>) => {
  const setBy =
    kind === 'request'
      ? { seq: 0, stage: 'client' as const, layer: 'client' as const, who: 'Sent by the browser' }
      : { seq: 0, stage: 'server' as const, layer: 'server' as const, who: 'Sent by the server' }
  const out: Record<string, HeaderOrigin> = {}
  for (const name of Object.keys(headers)) out[name] = { setBy, changedBy: [] }
  return out
}

/**
 * A recorded entry in the shape the main Inspector draws (its Structured and Raw views): the
 * file's own request and response, no step diff (nothing here was simulated step by step).
 * `event` only carries the request's method to the body view; it is not shown as a step.
 */
export const measuredInspectorView = (
  e: MeasuredEntry,
  picked: MessageKind | null,
  /** For the Raw view, which writes the message as HTTP/1.1 text. */
  http1 = false,
): InspectorView => {
  const request = requestOf(e, http1)
  const response = responseOf(e, http1)
  // The request first, as the browser sent it; the response when asked for and there is one.
  const shownKind: MessageKind = picked === 'response' && response ? 'response' : 'request'
  const event: TraceEvent = {
    seq: 0,
    at: e.start as Millis,
    duration: e.time as Millis,
    layer: 'client',
    stage: 'client',
    direction: 'request',
    title: `${e.method} ${e.name} (measured)`,
    request,
    ...(response ? { response } : {}),
    type: 'client:build-request',
    data: { headersAdded: [] },
  }
  return {
    event,
    travelling: response ? 'response' : 'request',
    available: response ? ['request', 'response'] : ['request'],
    shown:
      shownKind === 'response' && response
        ? { kind: 'response', message: response }
        : { kind: 'request', message: request },
    diff: null,
    seenAt: null,
    origins: originsOf(
      shownKind,
      shownKind === 'response' && response ? response.headers : request.headers,
    ),
  }
}
