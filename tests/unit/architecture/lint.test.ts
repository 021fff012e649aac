// @vitest-environment node
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * Probe files that break a boundary, linted with the project's own config: each must be flagged
 * by the rule named, and the legitimate look-alikes must not be. If a rule is loosened or a
 * pattern stops matching, this fails.
 */
const eslint = new ESLint({ cwd: process.cwd() })

const rulesFor = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

const FLAGGED: readonly (readonly [file: string, code: string, rule: string])[] = [
  ['src/engine/probe.ts', "export { useStore } from '../store'\n", 'roundtrip/layers'],
  [
    'src/engine/probe.ts',
    "import type { X } from '../transport'\nexport type Y = X\n",
    'roundtrip/layers',
  ],
  ['src/engine/stages/probe.ts', "export * from '../../ui/format'\n", 'roundtrip/layers'],
  [
    'src/engine/probe.ts',
    "import { useState } from 'react'\nexport const u = useState\n",
    'no-restricted-imports',
  ],
  ['src/engine/probe.ts', 'export const t = setTimeout\n', 'no-restricted-globals'],
  ['src/engine/probe.ts', 'export const r = Math.random()\n', 'no-restricted-properties'],
  ['src/engine/probe.ts', 'export const d = new Date()\n', 'no-restricted-syntax'],
  ['src/store/probe.ts', "export { x } from '../transport'\n", 'roundtrip/layers'],
  ['src/store/probe.ts', "export { x } from '../link'\n", 'roundtrip/layers'],
  ['src/store/probe.ts', "export const m = () => import('../ui/format')\n", 'roundtrip/layers'],
  ['src/store/probe.ts', "export { http } from 'msw'\n", 'no-restricted-imports'],
  ['src/link/probe.ts', "export { x } from '../ui/format'\n", 'roundtrip/layers'],
  ['src/link/probe.ts', "export { http } from 'msw'\n", 'no-restricted-imports'],
  ['src/transport/probe.ts', "export { x } from '../ui/format'\n", 'roundtrip/layers'],
  ['src/ui/probe.ts', "export { startTransport } from '../transport'\n", 'roundtrip/layers'],
  ['src/ui/shell/probe.ts', "export { x } from '../../embed/api'\n", 'roundtrip/layers'],
  ['src/ui/shell/probe.ts', "export { x } from '../../main'\n", 'roundtrip/layers'],
  ['src/ui/probe.ts', "export { http } from 'msw'\n", 'no-restricted-imports'],
  ['src/embed/probe.ts', "export { http } from 'msw'\n", 'no-restricted-imports'],
  [
    'src/ui/playback/useProbe.ts',
    "import { useState } from 'react'\nexport const useProbe = (on: boolean) => {\n  if (on) useState(0)\n}\n",
    'react-hooks/rules-of-hooks',
  ],
]

const ALLOWED: readonly (readonly [file: string, code: string])[] = [
  // The store's own Transport type, next door to the slices: not src/transport.
  ['src/store/slices/probe.ts', "export type { Transport } from '../transport'\n"],
  ['src/ui/probe.ts', "export { useStore } from '../store'\n"],
  ['src/link/probe.ts', "export { useStore } from '../store'\n"],
  ['src/embed/probe.ts', "export const m = () => import('../ui/format')\n"],
  ['src/transport/probe.ts', "export type { Transport } from '../store/transport'\n"],
]

describe('lint boundaries', () => {
  it.each(FLAGGED)('%s: flags %j', async (file, code, rule) => {
    expect(await rulesFor(file, code)).toContain(rule)
  })

  it.each(ALLOWED)('%s: allows %j', async (file, code) => {
    expect(await rulesFor(file, code)).toEqual([])
  })
})
