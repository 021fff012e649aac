import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/**
 * The test loop (`npx vitest run`, `npm run test:unit`, `npm run test:fuzz`, `npm run bench`).
 * Vitest reads this file instead of vite.config.ts, so it carries only what the tests need from
 * the build's config: the React plugin and the tldts alias. The conformance suite has its own
 * (vitest.conformance.config.ts).
 */
export default defineConfig({
  // As the built site: import.meta.env.BASE_URL is './'.
  base: './',
  plugins: [react()],
  resolve: {
    // msw's cookie jar asks tldts for registrable domains; the real one ships the whole Public
    // Suffix List (257 kB). src/transport/publicSuffix.ts answers for the page's own hosts.
    alias: { tldts: fileURLToPath(new URL('./src/transport/publicSuffix.ts', import.meta.url)) },
  },
  test: {
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
          // The benchmarks (the engine's and the link codec's) run here only: in the component
          // project vitest.setup.ts would meet them without the DOM it resets.
          benchmark: { include: ['tests/bench/**/*.bench.ts'] },
          include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'src/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'jsdom',
          // No benchmark is a component's (vitest's default would take tests/bench's here too).
          benchmark: { include: ['tests/component/**/*.bench.tsx'] },
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
