// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { findScenario, lessons, scenarios } from '../../../src/engine'
import {
  LESSON_SCORES_KEY,
  catalogueLoaded,
  curatedScenarios,
  loadCatalogue,
  selectCurrentScenario,
  useStore,
} from '../../../src/store'

// One file, one module instance: the store starts as index.html's first paint does, with only
// the default scenario's pair known, and the whole catalogue arrives while it runs.
describe('the scenario catalogue after first paint', () => {
  it('starts with the default pair, opens a later scenario once the catalogue is here, and reads scores then', async () => {
    const lesson = lessons[0]!
    localStorage.setItem(
      LESSON_SCORES_KEY,
      JSON.stringify({ version: 1, scores: { [lesson.id]: { right: 1, total: 2 } } }),
    )
    expect(catalogueLoaded()).toBe(false)
    expect(useStore.getState().catalogueReady).toBe(false)
    expect(curatedScenarios().map((s) => s.id)).toEqual(['get-user', 'not-found'])
    expect(selectCurrentScenario(useStore.getState()).id).toBe('get-user')
    // No lesson is known yet, so no score is kept.
    expect(useStore.getState().lessonScores).toEqual({})

    // A scenario asked for before the catalogue has arrived opens when it does, without a notice.
    const later = scenarios.find((s) => s.id === 'not-modified')!
    useStore.getState().loadScenario(later.id)
    expect(useStore.getState().scenarioId).toBe('get-user')
    await loadCatalogue()
    await Promise.resolve()

    expect(catalogueLoaded()).toBe(true)
    expect(useStore.getState().catalogueReady).toBe(true)
    expect(curatedScenarios()).toHaveLength(scenarios.length)
    expect(useStore.getState().scenarioId).toBe(later.id)
    expect(useStore.getState().scenarioNotice).toBeNull()
    expect(useStore.getState().working.request).toEqual(findScenario(later.id)!.request)
    expect(selectCurrentScenario(useStore.getState()).title).toBe(later.title)
    expect(useStore.getState().lessonScores).toEqual({ [lesson.id]: { right: 1, total: 2 } })

    // An id that names nothing still opens the default scenario and says so.
    useStore.getState().loadScenario('no-such-scenario')
    expect(useStore.getState().scenarioId).toBe('get-user')
    expect(useStore.getState().scenarioNotice).toMatch(/There is no scenario "no-such-scenario"/)
  })
})
