import * as v from 'valibot'
import {
  DEFAULT_SCENARIO_ID,
  RequestSpecSchema,
  ScenarioError,
  ScenarioSchema,
  describeValue,
  findScenario,
  isRecord,
  objectWith,
  parseWith,
} from '../../engine'
import { namesApp, parseLink } from '../../link/hash'
import type { RoundtripState, Setup } from '../../store'
import { useStore } from '../../store'
import { STORAGE_KEY } from './savedAppKey'

export { STORAGE_KEY } from './savedAppKey'

const STORAGE_VERSION = 1

/** Reads what is stored; data of another version is named as such before any field is read. */
const SavedAppSchema = v.pipe(
  v.custom<Record<string, unknown>>(
    isRecord,
    ({ input }) => `it is ${describeValue(input)}, not an object`,
  ),
  v.check(
    (saved) => saved.version === STORAGE_VERSION,
    ({ input }) =>
      `it was saved by another version of Roundtrip (${JSON.stringify(input.version) ?? 'none'})`,
  ),
  objectWith({
    version: v.literal(STORAGE_VERSION),
    scenario: ScenarioSchema,
    request: RequestSpecSchema,
    /** The curated scenario it started from; one this version does not have falls back to the default. */
    baseId: v.optional(
      v.pipe(
        v.unknown(),
        v.transform((id) =>
          typeof id === 'string' && findScenario(id) ? id : DEFAULT_SCENARIO_ID,
        ),
      ),
      DEFAULT_SCENARIO_ID,
    ),
  }),
)

/** What is stored: the app, the request to send it, and the curated scenario it started from. */
interface SavedApp extends Setup {
  readonly version: typeof STORAGE_VERSION
  readonly baseId: string
}

// Storage can throw on any access (sandboxed frames, private modes, a full quota): never let it.
const storage = (): Storage | null => {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

const read = (): string | null => {
  try {
    return storage()?.getItem(STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

const write = (text: string): void => {
  try {
    storage()?.setItem(STORAGE_KEY, text)
  } catch {
    // Full or refused: the app keeps working, it is only not remembered.
  }
}

const forgetSavedApp = (): void => {
  try {
    storage()?.removeItem(STORAGE_KEY)
  } catch {
    // Nothing to do: the data could not be read back either.
  }
}

/** The saved app, validated; throws with a short reason naming the bad field when it cannot be used. */
const parseSaved = (text: string): SavedApp => {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('it is not valid JSON')
  }
  try {
    return parseWith(SavedAppSchema, data)
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new Error(error.path ? `${error.path} ${error.problem}` : error.problem)
    throw error
  }
}

const MAX_REASON = 120

/**
 * Opens the app saved on a previous visit, unless the URL names a scenario or an app. Data that cannot be
 * read is reported in one notice line and removed, and the default scenario stays open.
 */
export const restoreSavedApp = (hash: string): void => {
  // A link that carries a scenario or an app of its own wins over what this browser kept.
  if (namesApp(parseLink(hash))) return
  const text = read()
  if (text === null) return
  try {
    const { scenario, request, baseId } = parseSaved(text)
    useStore.getState().loadSetup({ scenario, request }, null, baseId)
  } catch (error) {
    forgetSavedApp()
    const raw = error instanceof Error ? error.message : String(error)
    const reason = raw.length > MAX_REASON ? `${raw.slice(0, MAX_REASON)}…` : raw
    useStore
      .getState()
      .setScenarioNotice(
        `Your saved app could not be read (${reason}); the default scenario is open.`,
      )
  }
}

const saveFrom = (s: RoundtripState): void =>
  write(
    JSON.stringify({
      version: STORAGE_VERSION,
      scenario: s.working.scenario,
      request: s.working.request,
      baseId: s.scenarioId,
    } satisfies SavedApp),
  )

/**
 * Keeps the edited app saved: written whenever the working copy changes while it is edited,
 * removed when a curated scenario replaces it (another pick, "Reset"). Returns the unsubscribe.
 */
export const keepAppSaved = (): (() => void) =>
  useStore.subscribe((s, before) => {
    if (s.customized && (s.working !== before.working || !before.customized)) saveFrom(s)
    else if (!s.customized && before.customized) forgetSavedApp()
  })
