import type { RequestSpec, Scenario } from '../model/scenario'

/** A ready-made scenario: the app, the request to send and how it should end. */
export interface CuratedScenario {
  /** Stable kebab-case id, used in `#scenario=<id>` links. */
  readonly id: string
  readonly title: string
  /** One line saying what the scenario shows. */
  readonly goal: string
  /** The status the trace ends in; `null` for a network error. */
  readonly expectedStatus: number | null
  readonly scenario: Scenario
  readonly request: RequestSpec
}
