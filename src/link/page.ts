/**
 * The page-load view's choices and the curated page loads: a curated one as choices, and the one
 * a set of choices is. The view's store itself is `pageView.ts` (re-exported here).
 */
import type { PageScenario } from '../engine'
import { PAGE_SCENARIOS, findPageScenario } from '../engine'
import type { PageChoice } from './pageView'

export * from './pageView'

/** The choices a curated page load stands for. */
export const choiceOf = (curated: PageScenario): PageChoice => ({
  scenarioId: curated.id,
  protocol: curated.protocol,
  network: curated.network,
  cdn: curated.cdnCache,
  altSvc: curated.altSvcKnown ? 'known' : 'first',
  size: '25',
})

const matchesChoice = (c: PageScenario, choice: PageChoice): boolean =>
  choice.size === '25' &&
  c.protocol === choice.protocol &&
  c.network === choice.network &&
  c.cdnCache === choice.cdn &&
  // Whether HTTP/3 was known only matters when HTTP/3 is asked for.
  (choice.protocol !== 'h3' || c.altSvcKnown === (choice.altSvc === 'known'))

/**
 * The curated page load these choices are, if any: the one they started from when it still
 * matches, else the first that does. `undefined` for a choice of the reader's own.
 */
export const curatedOf = (choice: PageChoice): PageScenario | undefined => {
  const base = findPageScenario(choice.scenarioId)
  if (base && matchesChoice(base, choice)) return base
  return PAGE_SCENARIOS.find((c) => matchesChoice(c, choice))
}
