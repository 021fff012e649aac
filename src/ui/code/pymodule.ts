/**
 * Assembles a Python module from pieces: each piece names the imports and helper functions it
 * needs, and the module writes every import once (standard library, third party, the project's
 * own, as isort groups them) and every helper once, before the pieces.
 */
import type { MiddlewareKind, Scenario } from '../../engine'
import { isAfterRouter } from './common'
import type { Anchor } from './model'
import { Lines } from './model'

/** A function or constant several pieces share, with the imports it needs. */
export interface Helper {
  readonly imports: readonly string[]
  /** Other helpers it calls. */
  readonly uses?: readonly string[]
  readonly code: string
}

/** One class, function or block of the module. */
export interface Piece {
  readonly imports: readonly string[]
  readonly helpers?: readonly string[]
  readonly code: string
  /** What every line of the piece stands for. */
  readonly anchors?: readonly Anchor[]
}

const STDLIB = new Set(
  'asyncio functools gzip hashlib json logging math os re sqlite3 sys time urllib datetime pathlib'.split(
    ' ',
  ),
)

type Group = 0 | 1 | 2

const groupOf = (module: string, local: ReadonlySet<string>): Group =>
  module.startsWith('.') || local.has(module.split('.')[0]!)
    ? 2
    : STDLIB.has(module.split('.')[0]!)
      ? 0
      : 1

/** `import x` / `from x import a, b` lines, merged and sorted in three groups. */
export const importBlock = (lines: readonly string[], local: ReadonlySet<string>): string[] => {
  const plain = new Set<string>()
  const from = new Map<string, Set<string>>()
  for (const line of lines) {
    const f = /^from\s+(\S+)\s+import\s+(.+)$/.exec(line)
    if (f) {
      const names = from.get(f[1]!) ?? new Set<string>()
      for (const name of f[2]!.split(',')) names.add(name.trim())
      from.set(f[1]!, names)
      continue
    }
    const i = /^import\s+(\S+)$/.exec(line)
    if (i) plain.add(i[1]!)
  }
  const groups: string[][] = [[], [], []]
  for (const module of [...plain].sort()) groups[groupOf(module, local)]!.push(`import ${module}`)
  for (const module of [...from.keys()].sort((a, b) => a.localeCompare(b))) {
    const names = [...from.get(module)!].sort((a, b) => {
      // isort's force_sort_within_sections off: CONSTANTS, Classes, functions.
      const rank = (n: string) => (/^[A-Z0-9_]+$/.test(n) ? 0 : /^[A-Z]/.test(n) ? 1 : 2)
      return rank(a) - rank(b) || a.localeCompare(b)
    })
    groups[groupOf(module, local)]!.push(`from ${module} import ${names.join(', ')}`)
  }
  return groups.filter((g) => g.length > 0).flatMap((g, i) => (i === 0 ? g : ['', ...g]))
}

/** The module: docstring, imports, helpers, then the pieces, two blank lines between each. */
export const pyModule = (
  docstring: string,
  pieces: readonly Piece[],
  helpers: Readonly<Record<string, Helper>>,
  local: ReadonlySet<string> = new Set(),
): Lines => {
  const wanted: string[] = []
  const want = (name: string): void => {
    if (wanted.includes(name)) return
    const helper = helpers[name]
    if (!helper) throw new Error(`no helper ${name}`)
    for (const used of helper.uses ?? []) want(used)
    wanted.push(name)
  }
  for (const piece of pieces) for (const name of piece.helpers ?? []) want(name)
  const imports = [
    ...pieces.flatMap((p) => p.imports),
    ...wanted.flatMap((name) => helpers[name]!.imports),
  ]
  const out = new Lines()
  out.addAll(docstring.split('\n'))
  const block = importBlock(imports, local)
  if (block.length) out.add('').addAll(block)
  const add = (code: string, anchors: readonly Anchor[] = []) => {
    out.add('').add('')
    for (const line of code.replace(/\n$/, '').split('\n')) out.add(line, ...anchors)
  }
  for (const name of wanted) add(helpers[name]!.code)
  for (const piece of pieces) add(piece.code, piece.anchors)
  return out
}

/**
 * The app's own middleware classes, one piece per kind (the framework's built-ins and the
 * route-level hooks left out), each anchored to every place the scenario lists that kind;
 * `null` when there are none.
 */
export const ownMiddlewarePieces = (
  scenario: Scenario,
  builtIn: ReadonlySet<MiddlewareKind>,
  table: Partial<Record<MiddlewareKind, Omit<Piece, 'anchors'>>>,
): { kinds: MiddlewareKind[]; pieces: Piece[] } | null => {
  const own = scenario.middleware
    .map((spec, index) => [spec, index] as const)
    .filter(([spec]) => !isAfterRouter(spec) && !builtIn.has(spec.kind))
  if (own.length === 0) return null
  const kinds = [...new Set(own.map(([spec]) => spec.kind))]
  const pieces = kinds.map((kind): Piece => ({
    ...table[kind]!,
    anchors: own
      .filter(([spec]) => spec.kind === kind)
      .map(([, index]): Anchor => ({ kind: 'middleware', index })),
  }))
  return { kinds, pieces }
}
