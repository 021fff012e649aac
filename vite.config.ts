import { readFileSync } from 'node:fs'
import { resolve as resolvePath } from 'node:path'
import type { Plugin, ResolvedConfig, Rolldown } from 'vite'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { prerenderIndex } from './scripts/prerender.mjs'

/**
 * docs/conformance.md, the last run against the real servers, ships beside the app as
 * conformance.md: the Help dialog links to it, and the link works on any host, offline too.
 */
const conformanceReport = (): Plugin => {
  const read = () => readFileSync(new URL('./docs/conformance.md', import.meta.url), 'utf8')
  return {
    name: 'roundtrip:conformance-report',
    configureServer(server) {
      server.middlewares.use('/conformance.md', (_request, response) => {
        response.setHeader('content-type', 'text/markdown; charset=utf-8')
        response.end(read())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'conformance.md', source: read() })
    },
  }
}

type ModuleGraph = Pick<Rolldown.ChunkingContext, 'getModuleInfo'>

/**
 * Every module `entry` imports statically, itself included; with `dynamicToo`, also what it
 * imports dynamically, except the modules in `stopAt` (and what only they import).
 */
const closureOf = (
  graph: ModuleGraph,
  entry: string,
  { dynamicToo = false, stopAt = [] as readonly string[] } = {},
): Set<string> => {
  const seen = new Set<string>()
  const queue = [entry]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id) || stopAt.includes(id)) continue
    seen.add(id)
    const info = graph.getModuleInfo(id)
    queue.push(
      ...(info?.importedIds ?? []),
      ...(dynamicToo ? (info?.dynamicallyImportedIds ?? []) : []),
    )
  }
  return seen
}

// msw's cookie jar asks tldts for registrable domains; the real one ships the whole Public
// Suffix List (257 kB). src/transport/publicSuffix.ts answers for the page's own hosts.
const ALIASES = {
  tldts: fileURLToPath(new URL('./src/transport/publicSuffix.ts', import.meta.url)),
}

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const APP_ENTRY = source('./src/main.tsx')
const POSTER_ENTRY = source('./src/embed/main.ts')
/** The widget itself, which the poster loads on Start. */
const WIDGET = source('./src/embed/app.tsx')

/**
 * framer-motion's barrel imports every module of it: a closure through it would put all of it in
 * the first paint. Nothing there uses it (the motion chunk, src/ui/playback/motionModule.ts, comes
 * after); left to the default chunking, it stays out even if a first-paint module imports a name.
 */
const ANIMATION_LIBRARY = /\/node_modules\/(framer-motion|motion-dom|motion-utils)\//

/**
 * index.html's first paint as few files: split along what the widget's and the lazy panels'
 * chunks share, it came as a dozen, and over HTTP/1.1's six connections the largest waited behind
 * the small ones. What it shares with the embed poster before Start (its titles chunk included)
 * is left to the default chunking, so a widget before Start loads no more than before; main.tsx
 * stays in index.html's entry chunk, the one place that renders the app.
 */
const firstScreenChunk = (): ((id: string, graph: ModuleGraph) => string | null) => {
  let closures: { app: Set<string>; poster: Set<string> } | null = null
  return (id, graph) => {
    closures ??= {
      app: closureOf(graph, APP_ENTRY),
      poster: closureOf(graph, POSTER_ENTRY, { dynamicToo: true, stopAt: [WIDGET] }),
    }
    return id !== APP_ENTRY &&
      closures.app.has(id) &&
      !closures.poster.has(id) &&
      !ANIMATION_LIBRARY.test(id)
      ? 'first-screen'
      : null
  }
}

/** The first-paint chunks above, for the ES module build (the offline build is one classic script). */
const firstPaintChunks = (): Plugin => ({
  name: 'roundtrip:first-paint-chunks',
  apply: 'build',
  outputOptions(options) {
    if (options.format !== undefined && options.format !== 'es' && options.format !== 'esm')
      return null
    return {
      ...options,
      codeSplitting: {
        groups: [
          {
            name: firstScreenChunk(),
            debugName: 'first-screen',
            // Loaded by a page's entry as built (after tree-shaking), not merely imported.
            tags: ['$initial'],
            // Its modules only: what they share with the poster stays where the poster finds it.
            includeDependenciesRecursively: false,
          },
        ],
      },
    }
  },
  // Its largest file first: the browser fetches in document order, six at a time over HTTP/1.1.
  transformIndexHtml: {
    order: 'post',
    handler(html) {
      const preload = /\s*<link rel="modulepreload"[^>]*first-screen-[^>]*>/.exec(html)
      if (!preload) return html
      const rest = html.replace(preload[0], '')
      const script = /\n\s*<script type="module"/.exec(rest)
      if (!script) return html
      return rest.slice(0, script.index) + preload[0] + rest.slice(script.index)
    },
  },
})

/**
 * The app at rest rendered into dist/index.html at build time (scripts/prerender.mjs), which
 * main.tsx hydrates: the first screen paints from the HTML. Not for the offline build (one
 * classic script, opened from disk), which renders in the page as before.
 */
const prerender = (): Plugin => {
  let config: ResolvedConfig | null = null
  return {
    name: 'roundtrip:prerender',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    async closeBundle() {
      if (!config || config.build.ssr) return
      const output = config.build.rollupOptions.output
      if (output && !Array.isArray(output) && output.format === 'iife') return
      await prerenderIndex(resolvePath(config.root, config.build.outDir), {
        resolve: { alias: ALIASES },
        plugins: [react()],
      })
    },
  }
}

// Relative base: the built site works from any sub-path (a course site, an LMS folder, file://).
export default defineConfig({
  base: './',
  plugins: [react(), conformanceReport(), firstPaintChunks(), prerender()],
  resolve: {
    alias: ALIASES,
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // Browsers that run es2022 have <link rel="modulepreload"> (Safari 17 and Firefox 115 too);
    // where one does not, the modules still load, only without the head start.
    modulePreload: { polyfill: false },
    // Two pages: the app, and embed.html, the widget course pages frame (src/embed).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        embed: fileURLToPath(new URL('./embed.html', import.meta.url)),
      },
      // The engine is pure (no module runs anything on import), so a name re-exported by its
      // barrel (src/engine/index.ts) but unused by a page does not drag its module into that
      // page's chunks: simulate() and the stages load with the transport, not before first paint.
      treeshake: { moduleSideEffects: (id) => !/\/src\/engine\/.*\.ts$/.test(id) },
    },
  },
})
