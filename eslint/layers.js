// A local ESLint rule that holds src/ to its layers: data flows one way, entries → ui → link →
// store → engine, with the transport beside the store (it answers the store's sends). It resolves
// every relative import against the file, so bare folder imports ('../store'), deep ones and
// dynamic `import()` are all seen. The import-graph test (tests/unit/architecture) checks the
// same order on the whole tree; this rule says it where the import is typed.
import path from 'node:path'

/** The folders each folder of src/ may import besides itself. */
export const MAY_IMPORT = {
  main: ['ui', 'link', 'transport', 'store', 'engine'],
  embed: ['ui', 'link', 'transport', 'store', 'engine'],
  ui: ['link', 'store', 'har', 'engine'],
  link: ['store', 'engine'],
  transport: ['store', 'engine'],
  store: ['engine'],
  // HAR files: pure parsing, masking and mapping of real recordings, and traces written as HAR.
  // It reads the engine's trace types; only the UI (lazily) reads it.
  har: ['engine'],
  engine: [],
}

const WHY = {
  engine: 'The engine is pure: it imports nothing outside src/engine.',
  store: 'The store imports only the engine (the transport is injected by main.tsx).',
  transport: 'The transport imports only the engine and the store’s types.',
  link: 'The link codec imports only the store and the engine.',
  har: 'The HAR module is pure: it imports only the engine.',
  ui: 'The UI reaches the transport only via the store, and never imports an entry.',
  embed: 'The embed page is an entry of its own: it does not import main.tsx.',
}

const folderOf = (src, file) => {
  const relative = path.relative(src, file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null
  const [first] = relative.split(path.sep)
  return first.replace(/\.tsx?$/, '')
}

export const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports flow one way between the folders of src/' },
    schema: [],
    messages: { backwards: '{{from}} may not import {{to}} ({{spec}}). {{why}}' },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename()
    const src = path.resolve(context.cwd ?? process.cwd(), 'src')
    const from = folderOf(src, filename)
    if (from === null || !(from in MAY_IMPORT)) return {}
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return
      const to = folderOf(src, path.resolve(path.dirname(filename), source.value))
      if (to === null || to === from || MAY_IMPORT[from].includes(to)) return
      context.report({
        node: source,
        messageId: 'backwards',
        data: { from: `src/${from}`, to: `src/${to}`, spec: source.value, why: WHY[from] ?? '' },
      })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    }
  },
}

export default { rules: { layers } }
