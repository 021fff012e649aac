import * as v from 'valibot'
import type { RequestSpec, Scenario } from '../../engine'
import {
  RequestSpecSchema,
  ScenarioError,
  ScenarioSchema,
  describeValue,
  isRecord,
  parseRequestSpec,
  parseScenario,
  parseWith,
} from '../../engine'

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
interface Exchange {
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
    return parseRequestSpec(request)
  } catch {
    return request
  }
}

/** A file name for the export, e.g. `roundtrip-flask-app.json`. */
export const exportFileName = (scenario: Scenario): string =>
  `roundtrip-${scenario.framework}-app.json`

/** The largest import read: a scenario is a few kilobytes; this is far beyond any real one. */
export const MAX_IMPORT_BYTES = 2_000_000

/** The exchange format; a scenario error's path names the field as the file has it. */
const ExchangeSchema = v.object({
  scenario: ScenarioSchema,
  request: v.optional(RequestSpecSchema),
})

/** An import is the exchange format or a bare scenario: an object with `scenario` or `version`. */
const importFrom = (source: string) =>
  v.custom<Record<string, unknown>>(
    (data) => isRecord(data) && ('scenario' in data || 'version' in data),
    ({ input }) =>
      `${source} is not a Roundtrip scenario: expected an object with \`scenario\` and \`request\`, got ${isRecord(input) ? 'an object with neither' : describeValue(input)}`,
  )

/**
 * Parses an import: the exchange format or a bare scenario. `source` names where the text came
 * from (`The file app.json`) when it is not a scenario at all. Throws `ScenarioError` or `SyntaxError`.
 */
export const parseExchange = (text: string, source = 'The file'): Exchange => {
  const data = parseWith(importFrom(source), JSON.parse(text))
  return 'scenario' in data ? parseWith(ExchangeSchema, data) : { scenario: parseScenario(data) }
}

/** One sentence for a failed import: the field and what is wrong, or where the JSON broke. */
export const importProblem = (error: unknown): { field: string | null; message: string } => {
  if (error instanceof ScenarioError) return { field: error.path || null, message: error.problem }
  if (error instanceof SyntaxError)
    return { field: null, message: `This is not valid JSON (${error.message}).` }
  return { field: null, message: error instanceof Error ? error.message : String(error) }
}
