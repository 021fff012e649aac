import type { CuratedScenario } from './types'

/** Scenarios about the Python side: server, middleware, router, validation, handler. */
export const appScenarios: readonly CuratedScenario[] = []
