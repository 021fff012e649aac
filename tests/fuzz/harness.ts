/**
 * The fuzz suite's harness: every property is seeded and bounded, and says how many cases it ran.
 *
 *   FUZZ_SEED  the seed of every property (default `DEFAULT_SEED`, printed in the output)
 *   FUZZ_RUNS  the total number of cases across all properties; each property keeps its share.
 *              Unset (the everyday test loop), each property runs `QUICK_SHARE` of its own
 *              count; `npm run test:fuzz` runs 100 000. FUZZ_RUNS=full runs each its own count.
 *
 * A failure prints fast-check's counterexample with the seed and path that replay it.
 */
import fc from 'fast-check'
import { afterAll, it } from 'vitest'

export const DEFAULT_SEED = 16_2024

const readInt = (name: string): number | undefined => {
  const text = process.env[name]?.trim()
  if (!text) return undefined
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be a whole number, got ${text}`)
  return n
}

export const SEED = readInt('FUZZ_SEED') ?? DEFAULT_SEED
const FULL = process.env.FUZZ_RUNS?.trim() === 'full'
const TOTAL = FULL ? undefined : readInt('FUZZ_RUNS')
/** The share of its own count each property runs when FUZZ_RUNS is unset (the test loop). */
export const QUICK_SHARE = 0.25
const QUICK = TOTAL === undefined && !FULL

/** Each property's own count, registered when its test is declared, so shares are known up front. */
const planned = new Map<string, number>()
let ran = 0
let failures = 0

const runsFor = (name: string): number => {
  const own = planned.get(name)!
  if (QUICK) return Math.max(1, Math.round(own * QUICK_SHARE))
  if (TOTAL === undefined) return own
  const sum = [...planned.values()].reduce((a, b) => a + b, 0)
  return Math.max(1, Math.round((own * TOTAL) / sum))
}

let announced = false
const announce = () => {
  if (announced) return
  announced = true
  const sum = [...planned.values()].reduce((a, b) => a + b, 0)
  const count = QUICK ? [...planned.keys()].reduce((a, name) => a + runsFor(name), 0) : sum
  console.log(
    `fuzz: seed ${SEED}${process.env.FUZZ_SEED ? ' (FUZZ_SEED)' : ' (default; set FUZZ_SEED)'}, ` +
      `${TOTAL ?? count} cases planned over ${planned.size} properties` +
      `${QUICK ? ` (quick: ${QUICK_SHARE * 100} % of each; set FUZZ_RUNS=full or a total)` : TOTAL === undefined ? ' (FUZZ_RUNS=full)' : ' (FUZZ_RUNS)'}`,
  )
}

const suiteStarted = performance.now()
const cpuStarted = process.cpuUsage()

afterAll(() => {
  const wall = (performance.now() - suiteStarted) / 1000
  const { user, system } = process.cpuUsage(cpuStarted)
  const cpu = (user + system) / 1e6
  console.log(
    `fuzz: ${ran} cases, ${failures} failures (seed ${SEED}; ${wall.toFixed(1)} s, ${cpu.toFixed(1)} s CPU)`,
  )
})

interface FuzzOptions {
  /** This property's cases at the default count. */
  readonly runs: number
  /** The test's time limit in ms (it scales with the count). */
  readonly timeout?: number
}

/**
 * Declares a test that checks `property` with the suite's seed and this property's share of the
 * cases, prints `fuzz: <name> <n> cases`, and fails with fast-check's report.
 */
export const fuzz = (
  name: string,
  options: FuzzOptions,
  property: () => fc.IProperty<unknown> | fc.IProperty<[unknown]>,
): void => {
  if (planned.has(name)) throw new Error(`two fuzz properties are named ${name}`)
  planned.set(name, options.runs)
  const scale = TOTAL === undefined ? 1 : Math.max(1, TOTAL / 10_000)
  it(
    name,
    () => {
      announce()
      const numRuns = runsFor(name)
      const started = performance.now()
      let details: fc.RunDetails<unknown>
      try {
        details = fc.check(property() as fc.IProperty<unknown>, {
          seed: SEED,
          numRuns,
          includeErrorInReport: true,
        })
      } catch (error) {
        // A generator that threw: the property did not run to its end.
        failures++
        console.log(`fuzz: ${name} FAILED before its cases ran (${String(error)})`)
        throw error
      }
      const ms = Math.round(performance.now() - started)
      ran += details.numRuns
      if (details.failed) failures++
      console.log(
        `fuzz: ${name} ${details.numRuns} cases${details.failed ? ', FAILED' : ''} (${ms} ms)`,
      )
      if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed')
    },
    (options.timeout ?? 20_000) * scale,
  )
}

/** A copy as JSON has it: what an import, a link or saved data hands a parser. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/** The time `run` takes, in ms. */
export const timed = <T>(run: () => T): { value: T; ms: number } => {
  const started = performance.now()
  const value = run()
  return { value, ms: performance.now() - started }
}

const OBJECT_KEYS = Reflect.ownKeys(Object.prototype).length
const ARRAY_KEYS = Reflect.ownKeys(Array.prototype).length

/** Whether `Object.prototype` and `Array.prototype` still have only the keys they started with. */
export const prototypeIsClean = (): boolean =>
  Reflect.ownKeys(Object.prototype).length === OBJECT_KEYS &&
  Reflect.ownKeys(Array.prototype).length === ARRAY_KEYS &&
  ({} as Record<string, unknown>).polluted === undefined &&
  ({} as Record<string, unknown>).isAdmin === undefined
