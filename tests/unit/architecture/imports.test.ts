// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { MAY_IMPORT } from '../../../eslint/layers.js'
import { cycles, importGraph } from './graph'

const SRC = fileURLToPath(new URL('../../../src', import.meta.url))

/** The same table the `roundtrip/layers` lint rule uses (eslint/layers.js). */
const allowed = MAY_IMPORT as Record<string, readonly string[]>

const folderOf = (file: string): string =>
  file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.tsx?$/, '')

describe('the import graph of src/', () => {
  const graph = importGraph(SRC)

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(200)
    // Dynamic imports count: main.tsx reads the link before first paint only when there is one.
    expect(graph.get('main.tsx')).toContain('link/state.ts')
  })

  it('has no cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('flows one way between folders', () => {
    const backwards: string[] = []
    for (const [file, targets] of graph)
      for (const target of targets) {
        const from = folderOf(file)
        const to = folderOf(target)
        expect(allowed[from], `${file} is in a folder the architecture does not know`).toBeDefined()
        if (from !== to && !allowed[from]!.includes(to)) backwards.push(`${file} → ${target}`)
      }
    expect(backwards).toEqual([])
  })

  it('finds a cycle and a backwards import when there is one', () => {
    const bad = new Map([
      ['store/a.ts', ['store/b.ts']],
      ['store/b.ts', ['store/a.ts']],
      ['engine/c.ts', []],
    ])
    expect(cycles(bad)).toEqual([['store/b.ts', 'store/a.ts']])
  })
})
