import * as v from 'valibot'
import { HTTP_METHODS } from '../http'
import type { Parsed } from './validate'
import { TOKEN, anObject, httpUrl, matches, obj, parseWith } from './validate'

const MAX_URL = 8192
const MAX_HEADERS = 100
/** The composer's largest body: 1 MB, nginx's default `client_max_body_size`. */
const MAX_BODY = 1_048_576

const METHOD = `must be one of ${HTTP_METHODS.join(', ')}`
const URL_PROBLEM = 'must be an absolute http(s) URL such as "https://api.example.com/"'
const ONE_LINE = 'must be a string on one line'
const BODY = `must be a string of at most ${MAX_BODY} characters`

/** What the browser is asked to send: an import's, a link's, an embed's or a saved request. */
export const RequestSpecSchema = obj(
  {
    /** Read case-insensitively: `get` is `GET`. */
    method: v.pipe(
      v.string(METHOD),
      v.transform((method) => method.toUpperCase()),
      v.picklist(HTTP_METHODS, METHOD),
    ),
    url: v.pipe(
      v.string(URL_PROBLEM),
      v.check((url) => url.length <= MAX_URL, `must be at most ${MAX_URL} characters`),
      v.check((url) => httpUrl(url) !== null, URL_PROBLEM),
    ),
    headers: v.optional(
      v.pipe(
        anObject,
        v.check(
          (headers) => Object.keys(headers).length <= MAX_HEADERS,
          `must have at most ${MAX_HEADERS} entries`,
        ),
        v.record(
          v.pipe(v.string(), matches(TOKEN, 'is not a header name')),
          v.pipe(v.string(ONE_LINE), matches(/^[^\r\n]*$/, ONE_LINE)),
        ),
      ),
    ),
    body: v.optional(
      v.pipe(
        v.string(BODY),
        v.check((body) => body.length <= MAX_BODY, BODY),
      ),
    ),
  },
  'must be an object with "method" and "url"',
)

export type RequestSpec = Parsed<typeof RequestSpecSchema>

/**
 * Validates untrusted JSON (a link, an import, an embed's `load`) into a `RequestSpec`.
 * Throws `ScenarioError` naming the bad field (`url`, `headers.accept`), or `request` itself.
 * @example parseRequestSpec({ method: 'get', url: 'https://api.example.com/' }).method // 'GET'
 */
export const parseRequestSpec = (input: unknown): RequestSpec =>
  parseWith(RequestSpecSchema, input, 'request')
