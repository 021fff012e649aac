import type { HttpMethod } from './http'
import type { AppSpec } from './schema/app'
import { parseAppSpec } from './schema/app'
import type { NetworkSpec } from './schema/network'
import { parseNetworkSpec } from './schema/network'
import { ScenarioError, object } from './schema/validate'

export type {
  AppSpec,
  DbQuerySpec,
  Framework,
  HandlerSpec,
  MiddlewareSpec,
  RouteSpec,
} from './schema/app'
export { FRAMEWORKS } from './schema/app'
export type { NetworkSpec } from './schema/network'
export type { JsonValue } from './schema/validate'
export { ScenarioError } from './schema/validate'

export const SCENARIO_VERSION = 1

/** The whole simulated world: the network and proxy in front, the Python app behind. */
export interface Scenario extends NetworkSpec, AppSpec {
  readonly version: typeof SCENARIO_VERSION
}

/** What the browser is asked to send. */
export interface RequestSpec {
  readonly method: HttpMethod
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/**
 * Validates untrusted JSON (an import, a deep link) into a `Scenario`.
 * Throws `ScenarioError` naming the first bad field and what is wrong with it.
 * @example parseScenario(JSON.parse(text)).routes[0].pattern
 */
export const parseScenario = (input: unknown): Scenario => {
  const s = object(input, '')
  if (s.version !== SCENARIO_VERSION)
    throw new ScenarioError(
      'version',
      `unsupported scenario version ${JSON.stringify(s.version) ?? '(missing)'}; this app reads version ${SCENARIO_VERSION}`,
    )
  return { version: SCENARIO_VERSION, ...parseNetworkSpec(s), ...parseAppSpec(s) }
}
