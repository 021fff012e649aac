// @vitest-environment node
import { bench, describe } from 'vitest'
import { importHar, maskPage } from '../../src/har'
// @ts-expect-error: a plain .mjs helper, shared with the browser bench
import { bigHar } from './bigHar.mjs'

/** The large file: about 10 MB, 2,000 entries. Goal: ≤ 2 s to the waterfall. */
const text = (bigHar as (entries: number, bytes: number) => string)(2000, 10_000_000)

describe(`importHar (${(text.length / 1e6).toFixed(1)} MB, 2,000 entries; goal ≤ 2,000 ms)`, () => {
  bench('parse, check and measure', () => {
    const result = importHar(text)
    if (!result.ok) throw new Error(result.error.message)
  })
  bench('parse, check, measure and mask', () => {
    const result = importHar(text)
    if (!result.ok) throw new Error(result.error.message)
    maskPage(result.value)
  })
})
