import * as v from 'valibot'
import { appEntries, fastapiOnly } from './schema/app'
import { networkEntries } from './schema/network'
import type { Parsed } from './schema/validate'
import { obj, parseWith, shown } from './schema/validate'

export type {
  AppSpec,
  DbQuerySpec,
  Framework,
  HandlerSpec,
  MiddlewareSpec,
  RouteSpec,
} from './schema/app'
export { FRAMEWORKS } from './schema/app'
export type { RequestSpec } from './schema/request'
export { RequestSpecSchema, parseRequestSpec } from './schema/request'
export type { JsonValue } from './schema/validate'
export {
  ScenarioError,
  describeValue,
  isRecord,
  obj as objectWith,
  parseWith,
} from './schema/validate'

export const SCENARIO_VERSION = 1

/** The whole simulated world: the network and proxy in front, the Python app behind. */
export const ScenarioSchema = v.pipe(
  obj({
    version: v.literal(
      SCENARIO_VERSION,
      (issue) =>
        `unsupported scenario version ${issue.input === undefined ? '(missing)' : shown(issue.input)}; this app reads version ${SCENARIO_VERSION}`,
    ),
    ...networkEntries,
    ...appEntries,
  }),
  fastapiOnly(),
)

export type Scenario = Parsed<typeof ScenarioSchema>

/**
 * Validates untrusted JSON (an import, a deep link) into a `Scenario`.
 * Throws `ScenarioError` naming the first bad field and what is wrong with it.
 * @example parseScenario(JSON.parse(text)).routes[0].pattern
 */
export const parseScenario = (input: unknown): Scenario => parseWith(ScenarioSchema, input)
