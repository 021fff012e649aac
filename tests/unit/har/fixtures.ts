import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FIXTURES = [
  'chrome',
  'chrome-sanitized',
  'firefox',
  'playwright',
  'safari',
  'playwright-recorded',
] as const

export const fixture = (name: (typeof FIXTURES)[number]): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/har/${name}.har`, import.meta.url)), 'utf8')
