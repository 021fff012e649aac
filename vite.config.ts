/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

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

// Relative base: the built site works from any sub-path (a course site, an LMS folder, file://).
export default defineConfig({
  base: './',
  plugins: [react(), conformanceReport()],
  resolve: {
    // msw's cookie jar asks tldts for registrable domains; the real one ships the whole Public
    // Suffix List (257 kB). src/transport/publicSuffix.ts answers for the page's own hosts.
    alias: { tldts: fileURLToPath(new URL('./src/transport/publicSuffix.ts', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
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
  test: {
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
    // One worker per core: vitest's default leaves one core to its main process, which on a
    // 2-core laptop ran every file in a row while the main process sat idle.
    maxWorkers: '100%',
    // A worker keeps its modules and its jsdom from one file to the next instead of loading React,
    // the engine and a fresh jsdom for each: the component project's CPU time halved. So a test
    // file must leave behind nothing it changed: useCleanApp() resets the store and the address,
    // and a file that swaps an implementation does it with vi.spyOn (restored after each file),
    // never vi.mock (which would not take on a module another file already loaded).
    isolate: false,
    // Two projects: pure modules (engine, link codec, store, models) run in plain Node, which
    // starts in a fraction of jsdom's time; components get jsdom. A unit test that needs a DOM
    // says so with a `// @vitest-environment jsdom` docblock.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'src/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          // Walking a trace through the whole App takes a few seconds on a 2-core machine that
          // other work is loading; the default 5 s timed out there, and a test that times out
          // goes on clicking into the next one's page. A hang still fails, only later.
          testTimeout: 15_000,
          setupFiles: ['./vitest.setup.ts'],
          include: ['tests/component/**/*.test.tsx'],
        },
      },
    ],
  },
})
