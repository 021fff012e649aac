// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'

// The store must start as index.html's first paint does, with only the default scenario's pair
// known, and see the whole catalogue arrive while the test runs. Workers keep their modules from
// one file to the next (vitest.config.ts: isolate is off), and another file may have loaded the
// catalogue already, so this one imports fresh copies of the store and the engine.
const fresh = async () => {
  vi.resetModules()
  const engine = await import('../../../src/engine')
  const store = await import('../../../src/store')
  return { ...engine, ...store }
}

describe('the scenario catalogue after first paint', () => {
  it('starts with the default pair, opens a later scenario once the catalogue is here, and reads scores then', async () => {
    const {
      LESSON_SCORES_KEY,
      catalogueLoaded,
      curatedScenarios,
      findScenario,
      lessons,
      loadCatalogue,
      scenarios,
      selectCurrentScenario,
      useStore,
    } = await fresh()
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
