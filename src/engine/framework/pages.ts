import type { Headers, HttpResponse } from '../model/http'
import type { Framework, JsonValue } from '../model/scenario'
import { utf8Length } from '../model/http'
import { statusText } from '../http/status'
import { pyJson } from './json'

export const HTML = 'text/html; charset=utf-8'
export const JSON_TYPE = 'application/json'

/** A response with `Content-Type` and `Content-Length` set from the body. */
export const makeResponse = (
  status: number,
  body: string,
  contentType: string | null,
  headers: Headers = {},
): HttpResponse => ({
  status,
  statusText: statusText(status),
  httpVersion: 'HTTP/1.1',
  headers: {
    ...(contentType === null ? {} : { 'content-type': contentType }),
    'content-length': String(utf8Length(body)),
    ...headers,
  },
  body,
})

/**
 * The response as `framework` hands it to the server. Werkzeug writes its reason phrases in
 * capitals (`404 NOT FOUND`). Django's HttpResponse carries no Content-Length (CommonMiddleware
 * would add one, and the stack modelled has none; GZipMiddleware and View.options() set their
 * own), so the server frames the body itself: chunked.
 */
export const asWritten = (framework: Framework, response: HttpResponse): HttpResponse => {
  if (framework === 'flask') return { ...response, statusText: response.statusText.toUpperCase() }
  if (framework !== 'django') return response
  const { 'content-length': _none, ...headers } = response.headers
  return { ...response, headers }
}

/** A JSON body written the way `framework` writes it. */
export const jsonResponse = (
  framework: Framework,
  status: number,
  value: JsonValue,
  headers: Headers = {},
): HttpResponse =>
  asWritten(framework, makeResponse(status, pyJson(framework, value), JSON_TYPE, headers))

/** Werkzeug's default `description` of each HTTPException (Flask's error pages). */
const WERKZEUG: Readonly<Record<number, string>> = {
  400: 'The browser (or proxy) sent a request that this server could not understand.',
  401: "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  403: "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
  404: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  405: 'The method is not allowed for the requested URL.',
  415: 'The server does not support the media type transmitted in the request.',
  429: 'This user has exceeded an allotted request count. Try again later.',
  500: 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.',
}

// markupsafe.escape, which Werkzeug applies to the description.
const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;')

/** The HTML page of a Werkzeug HTTPException, byte for byte (`HTTPException.get_body`). */
const werkzeugPage = (status: number, description = WERKZEUG[status] ?? ''): string =>
  `<!doctype html>\n<html lang=en>\n<title>${status} ${statusText(status)}</title>\n<h1>${statusText(status)}</h1>\n<p>${escape(description)}</p>\n`

// django.views.defaults.ERROR_PAGE_TEMPLATE
const djangoPage = (title: string, details: string): string =>
  `\n<!doctype html>\n<html lang="en">\n<head>\n  <title>${title}</title>\n</head>\n<body>\n  <h1>${title}</h1><p>${details}</p>\n</body>\n</html>\n`

interface ErrorOptions {
  /** Werkzeug's description (Flask) or FastAPI's `detail`; each framework's default otherwise. */
  readonly detail?: string
  readonly headers?: Headers
}

/**
 * The response a framework sends for an HTTP error it raises itself: Werkzeug's HTML page for
 * Flask, Django's default error views, FastAPI's `{"detail": …}` JSON.
 */
export const frameworkError = (
  framework: Framework,
  status: number,
  { detail, headers = {} }: ErrorOptions = {},
): HttpResponse => {
  switch (framework) {
    case 'flask':
      return asWritten('flask', makeResponse(status, werkzeugPage(status, detail), HTML, headers))
    case 'django':
      return asWritten('django', djangoError(status, detail, headers))
    case 'fastapi':
      // Starlette's ServerErrorMiddleware answers plain text; HTTPExceptions become JSON.
      if (status === 500)
        return makeResponse(500, 'Internal Server Error', 'text/plain; charset=utf-8', headers)
      return jsonResponse('fastapi', status, { detail: detail ?? statusText(status) }, headers)
  }
}

/** django.views.defaults: every default error view writes ERROR_PAGE_TEMPLATE as text/html. */
const djangoError = (status: number, detail: string | undefined, headers: Headers) => {
  switch (status) {
    case 404:
      return makeResponse(
        404,
        djangoPage('Not Found', 'The requested resource was not found on this server.'),
        HTML,
        headers,
      )
    case 403:
      return makeResponse(403, djangoPage('403 Forbidden', ''), HTML, headers)
    case 400:
      return makeResponse(400, djangoPage('Bad Request (400)', ''), HTML, headers)
    case 500:
      return makeResponse(500, djangoPage('Server Error (500)', ''), HTML, headers)
    default:
      // HttpResponseNotAllowed and friends carry no body.
      return makeResponse(status, detail ?? '', HTML, headers)
  }
}
