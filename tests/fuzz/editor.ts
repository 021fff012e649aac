/**
 * What the editor reads from outside: an import (`parseExchange` in src/ui/editor/exchange.ts)
 * and the app saved in this browser (`restoreSavedApp` in src/ui/editor/persistence.ts), plus the
 * lessons' saved scores. Corrupt text never throws past them and never loses the app on screen.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest'
import {
  ScenarioError,
  findLesson,
  parseRequestSpec,
  parseScenario,
  simulate,
} from '../../src/engine'
import { sameJson } from '../../src/link/hash'
import {
  LESSON_SCORES_KEY,
  loadCatalogue,
  readLessonScores,
  resetStore,
  useStore,
} from '../../src/store'
import { exportJson, importProblem, parseExchange } from '../../src/ui/editor/exchange'
import { STORAGE_KEY, keepAppSaved, restoreSavedApp } from '../../src/ui/editor/persistence'
import type { Json } from './arbitraries'
import { POLLUTERS, editedSetup, hostileString, mutationArb, mutate } from './arbitraries'
import { expectTrace } from './parsers'
import { fuzz, prototypeIsClean, viaJson } from './harness'

// The store knows every lesson and scenario once the catalogue is loaded, as a page does.
await loadCatalogue()

/** Damage done to JSON text: cut short, a bit flipped, a character dropped, garbage inserted. */
const damage = (text: string, how: string, n: number, bit: number, junk: string): string => {
  const i = text.length === 0 ? 0 : n % text.length
  switch (how) {
    case 'truncate':
      return text.slice(0, i)
    case 'flip':
      return (
        text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1)
      )
    case 'drop':
      return text.slice(0, i) + text.slice(i + 1)
    case 'insert':
      return text.slice(0, i) + junk + text.slice(i)
    default:
      return text
  }
}

/** JSON text of a document built by `wrap` from an edited setup, mutated as data and as text. */
const corruptText = (wrap: (setup: { scenario: unknown; request: unknown }) => unknown) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          editedSetup(2),
          fc.array(mutationArb, { maxLength: 3 }),
          fc.constantFrom('none', 'truncate', 'flip', 'drop', 'insert'),
          fc.nat(),
          fc.nat(6),
          hostileString,
        )
        .map(([setup, mutations, how, n, bit, junk]) => {
          const data = viaJson(wrap(setup)) as Json
          for (const mutation of mutations) mutate(data, mutation)
          let text: string
          try {
            text = JSON.stringify(data) ?? 'null'
          } catch {
            text = '{"bigint":1n}'
          }
          return damage(text, how, n, bit, junk)
        }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((j) => JSON.stringify(j) ?? 'null') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'null',
        '[]',
        '{}',
        '"text"',
        '1e999',
        '{"version":1}',
        '{"version":2,"scenario":{}}',
        '{"scenario":null}',
        '{"version":1,"scenario":{"__proto__":{"polluted":true}},"request":{"constructor":{"prototype":{"polluted":true}}}}',
        ...POLLUTERS.map((p) => JSON.stringify(p)),
        `{"version":1,"pad":"${'x'.repeat(100_000)}"}`,
        '['.repeat(5000),
      ),
    },
  )

/** An in-memory `Storage`, optionally one that throws on every access (a sandboxed frame). */
class MemoryStorage {
  readonly map = new Map<string, string>()
  hostile = false
  get length() {
    return this.map.size
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  getItem(key: string) {
    if (this.hostile) throw new DOMException('The operation is insecure.', 'SecurityError')
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    if (this.hostile) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    this.map.set(key, String(value))
  }
  removeItem(key: string) {
    if (this.hostile) throw new DOMException('The operation is insecure.', 'SecurityError')
    this.map.delete(key)
  }
  clear() {
    this.map.clear()
  }
}

const storage = new MemoryStorage()
const g = globalThis as { window?: unknown; localStorage?: unknown }

describe('fuzz: the import parser (src/ui/editor/exchange.ts)', () => {
  fuzz('import-corrupt-json', { runs: 700, timeout: 40_000 }, () =>
    fc.property(
      corruptText((setup) => ({ scenario: setup.scenario, request: setup.request })),
      fc.boolean(),
      (text, bare) => {
        // The app on screen before the import.
        resetStore()
        const before = useStore.getState().working
        const source =
          bare && text.startsWith('{"scenario":')
            ? text.replace(/^\{"scenario":/, '{"wrapped":')
            : text
        let imported: ReturnType<typeof parseExchange> | null = null
        try {
          imported = parseExchange(source, 'The file fuzz.json')
        } catch (error) {
          // Only a field error or a JSON syntax error, and it reads as one sentence.
          expect(error instanceof ScenarioError || error instanceof SyntaxError).toBe(true)
          const problem = importProblem(error)
          expect(problem.message.length).toBeGreaterThan(0)
          if (error instanceof ScenarioError && problem.field !== null)
            expect(problem.field).toBe(error.path)
        }
        expect(prototypeIsClean()).toBe(true)
        // Parsing touches nothing: the app on screen is still there, whatever the text was.
        expect(useStore.getState().working).toBe(before)
        if (imported) {
          const scenario = parseScenario(viaJson(imported.scenario))
          if (imported.request) parseRequestSpec(viaJson(imported.request))
          expectTrace(simulate({ scenario, request: imported.request ?? before.request, seed: 1 }))
        }
      },
    ),
  )

  fuzz('import-export-roundtrip', { runs: 300 }, () =>
    fc.property(editedSetup(), ({ scenario, request }) => {
      const text = exportJson(scenario, request)
      const read = parseExchange(text)
      expect(sameJson(read.scenario, scenario)).toBe(true)
      expect(sameJson(read.request, request)).toBe(true)
      expect(exportJson(read.scenario, read.request!)).toBe(text)
    }),
  )
})

describe('fuzz: the saved app and scores (src/ui/editor/persistence.ts, lessons)', () => {
  beforeAll(() => {
    g.window = { localStorage: storage }
    g.localStorage = storage
  })
  afterAll(() => {
    delete g.window
    delete g.localStorage
    resetStore()
  })
  beforeEach(() => {
    storage.clear()
    storage.hostile = false
    resetStore()
  })

  fuzz('saved-app-corrupt', { runs: 500, timeout: 40_000 }, () =>
    fc.property(
      corruptText((setup) => ({
        version: 1,
        scenario: setup.scenario,
        request: setup.request,
        baseId: 'get-user',
      })),
      editedSetup(1),
      fc.constantFrom('', '#', '#depth=deep', '#scenario=not-found', '#app=1.AAAA', '#present'),
      fc.nat(9),
      (text, current, hash, hostile) => {
        storage.clear()
        storage.hostile = false
        resetStore()
        // The app on screen: the default scenario, or an edited one.
        if (current.scenario !== current.curated.scenario) useStore.getState().loadSetup(current)
        const before = useStore.getState().working
        storage.setItem(STORAGE_KEY, text)
        storage.hostile = hostile === 0
        restoreSavedApp(hash)
        storage.hostile = false
        expect(prototypeIsClean()).toBe(true)
        const after = useStore.getState()
        if (after.working === before) {
          // Not used: kept only when the link named an app or storage could not be read; else
          // removed, and the notice says why.
          if (after.scenarioNotice !== null) {
            expect(after.scenarioNotice).toMatch(
              /^Your saved app could not be read \(.+\); the default scenario is open\.$/s,
            )
            expect(storage.getItem(STORAGE_KEY)).toBeNull()
          }
          return
        }
        // Used: it is a valid app that runs.
        const scenario = parseScenario(viaJson(after.working.scenario))
        const request = parseRequestSpec(viaJson(after.working.request))
        expectTrace(simulate({ scenario, request, seed: 1 }))
        expect(after.customized).toBe(true)
      },
    ),
  )

  fuzz('saved-app-roundtrip', { runs: 300 }, () =>
    fc.property(editedSetup(), ({ scenario, request }) => {
      storage.clear()
      resetStore()
      const stop = keepAppSaved()
      useStore.getState().loadSetup({ scenario, request })
      stop()
      resetStore()
      restoreSavedApp('')
      const { working, scenarioNotice } = useStore.getState()
      expect(scenarioNotice).toBeNull()
      expect(sameJson(working.scenario, scenario)).toBe(true)
      expect(sameJson(working.request, request)).toBe(true)
    }),
  )

  fuzz('lesson-scores-corrupt', { runs: 500 }, () =>
    fc.property(
      fc.oneof(
        corruptText(() => ({ version: 1, scores: { 'first-404': { correct: 1, total: 2 } } })),
        fc
          .dictionary(
            fc.oneof(fc.constantFrom('__proto__', 'constructor', 'first-404'), fc.string()),
            fc.anything({ maxDepth: 2 }),
          )
          .map((scores) => JSON.stringify({ version: 1, scores })),
      ),
      fc.nat(9),
      (text, hostile) => {
        storage.hostile = false
        storage.setItem(LESSON_SCORES_KEY, text)
        storage.hostile = hostile === 0
        const scores = readLessonScores()
        storage.hostile = false
        expect(prototypeIsClean()).toBe(true)
        expect(Object.getPrototypeOf(scores)).toBe(Object.prototype)
        for (const id of Object.keys(scores)) expect(findLesson(id)).toBeDefined()
      },
    ),
  )
})
