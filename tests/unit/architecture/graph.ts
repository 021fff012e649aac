/**
 * The source tree's import graph, read from the files as text (static, re-export, dynamic and
 * type-only imports alike), so a test can hold the architecture's shape: no cycles, and folders
 * importing only in one direction.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })

const resolveImport = (from: string, specifier: string): string | null => {
  const base = resolve(dirname(from), specifier)
  for (const extension of EXTENSIONS) {
    const path = base + extension
    if (existsSync(path) && statSync(path).isFile()) return path
  }
  return null
}

/** Every source file under `root` (paths relative to it) and the source files it imports. */
export const importGraph = (root: string): Map<string, string[]> => {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8')
    const targets = new Set<string>()
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, match[2]!)
      if (target && /\.tsx?$/.test(target)) targets.add(relative(root, target))
    }
    graph.set(relative(root, file), [...targets])
  }
  return graph
}

/** The strongly connected components with more than one file, or a file importing itself. */
export const cycles = (graph: Map<string, string[]>): string[][] => {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string) => {
    index.set(node, counter)
    low.set(node, counter++)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component)
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}
