import type { HttpMethod, RequestSpec, Scenario } from '../../engine'
import { HTTP_METHODS, ScenarioError, parseScenario } from '../../engine'

/**
 * The exchange format: what "Export scenario" writes and "Import scenario" reads.
 *
 *   { "scenario": { "version": 1, "framework": "flask", "middleware": [...], "routes": [...],
 *                   "network": {...}, "dns": {...}, "tls": {...}, "proxy": {...} },
 *     "request":  { "method": "GET", "url": "https://api.example.com/users/42",
 *                   "headers": { "accept": "application/json" }, "body": "..." } }
 *
 * `scenario` is exactly what `parseScenario` accepts (its `version` is the schema version);
 * `request` is optional. A bare scenario object (with `version` at the top) is accepted too, and
 * then the request already open is kept.
 */
export interface Exchange {
  readonly scenario: Scenario
  readonly request?: RequestSpec
}

/** The JSON "Export scenario" writes: two-space indented, so it reads and diffs well. */
export const exportJson = (scenario: Scenario, request: RequestSpec): string =>
  `${JSON.stringify({ scenario: canonical(scenario), request: canonicalRequest(request) }, null, 2)}\n`

/** The scenario as `parseScenario` returns it, so export → import → export gives the same text. */
const canonical = (scenario: Scenario): Scenario => {
  try {
    return parseScenario(JSON.parse(JSON.stringify(scenario)))
  } catch {
    return scenario
  }
}

const canonicalRequest = (request: RequestSpec): RequestSpec => {
  try {
    return parseRequest(request)
  } catch {
    return request
  }
}

/** A file name for the export, e.g. `roundtrip-flask-app.json`. */
export const exportFileName = (scenario: Scenario): string =>
  `roundtrip-${scenario.framework}-app.json`

/** The largest import read: a scenario is a few kilobytes; this is far beyond any real one. */
export const MAX_IMPORT_BYTES = 2_000_000

/** What a `ScenarioError` says is wrong, without the field name in front. */
export const problemOf = (error: ScenarioError): string =>
  error.message.slice((error.path || 'scenario').length + 2)

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Validates a request from untrusted JSON (an import, saved data). Throws `ScenarioError` with
 * `path` under `at`, e.g. `request.url`.
 */
export const parseRequest = (value: unknown, at = 'request'): RequestSpec => {
  if (!isObject(value)) throw new ScenarioError(at, 'must be an object with "method" and "url"')
  const method = value.method
  if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method))
    throw new ScenarioError(`${at}.method`, `must be one of ${HTTP_METHODS.join(', ')}`)
  const url = value.url
  let parsed: URL | null = null
  try {
    parsed = typeof url === 'string' ? new URL(url) : null
  } catch {
    parsed = null
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new ScenarioError(
      `${at}.url`,
      'must be an absolute http(s) URL such as "https://api.example.com/"',
    )
  const out: { method: HttpMethod; url: string; headers?: Record<string, string>; body?: string } =
    { method: method as HttpMethod, url: url as string }
  if (value.headers !== undefined) {
    if (!isObject(value.headers)) throw new ScenarioError(`${at}.headers`, 'must be an object')
    const headers: Record<string, string> = {}
    for (const [name, v] of Object.entries(value.headers)) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name))
        throw new ScenarioError(`${at}.headers.${name}`, 'is not a header name')
      if (typeof v !== 'string' || /[\r\n]/.test(v))
        throw new ScenarioError(`${at}.headers.${name}`, 'must be a string on one line')
      headers[name] = v
    }
    out.headers = headers
  }
  if (value.body !== undefined) {
    if (typeof value.body !== 'string') throw new ScenarioError(`${at}.body`, 'must be a string')
    out.body = value.body
  }
  return out
}

/** Parses an import: the exchange format or a bare scenario. Throws `ScenarioError` or `SyntaxError`. */
export const parseExchange = (text: string): Exchange => {
  const data: unknown = JSON.parse(text)
  if (isObject(data) && 'scenario' in data) {
    let scenario: Scenario
    try {
      scenario = parseScenario(data.scenario)
    } catch (error) {
      // Name the field as it appears in the file: under "scenario".
      if (error instanceof ScenarioError)
        throw new ScenarioError(
          error.path ? `scenario.${error.path}` : 'scenario',
          problemOf(error),
        )
      throw error
    }
    return data.request === undefined
      ? { scenario }
      : { scenario, request: parseRequest(data.request) }
  }
  return { scenario: parseScenario(data) }
}

/** One sentence for a failed import: the field and what is wrong, or where the JSON broke. */
export const importProblem = (error: unknown): { field: string | null; message: string } => {
  if (error instanceof ScenarioError)
    return { field: error.path || null, message: problemOf(error) }
  if (error instanceof SyntaxError)
    return { field: null, message: `This is not valid JSON (${error.message}).` }
  return { field: null, message: error instanceof Error ? error.message : String(error) }
}
