/// <reference types="vitest/config" />
import { defineConfig } from 'vite'

// The conformance suite (npm run conformance): the Code tab's project run on the real stack
// (scripts/realstack) and compared with simulate(). One file, in one forked Node process, with
// no time limit per test beyond the suite's own bounds; see docs/conformance.md.
export default defineConfig({
  test: {
    name: 'conformance',
    environment: 'node',
    include: ['tests/conformance/**/*.conformance.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
  },
})
