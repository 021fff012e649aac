import { DEFAULT_SCENARIO_ID, findPageScenario, findScenario, scenarios } from '../engine'
import type { PosterText } from './poster'

/**
 * The poster's title and goal for a link's keys, as the app will show them: an app or request of
 * the link's own is a `Custom app`; an unknown scenario opens the default one (the app's notice
 * says why once it has loaded).
 */
export const posterTextOf = (entries: ReadonlyMap<string, string>): PosterText => {
  // A page load (`page=`) opens the page-load view in place of the journey.
  const page = findPageScenario(entries.get('page') ?? '')
  if (page) return { title: `Page load: ${page.title}`, goal: page.goal }
  if (entries.has('app') || entries.has('req')) return { title: 'Custom app', goal: null }
  const curated =
    findScenario(entries.get('scenario') ?? DEFAULT_SCENARIO_ID) ??
    findScenario(DEFAULT_SCENARIO_ID) ??
    scenarios[0]!
  return { title: curated.title, goal: curated.goal }
}
