import type { CuratedScenario } from './types'

/** Scenarios about the network side: DNS, TCP, TLS, the reverse proxy. */
export const networkScenarios: readonly CuratedScenario[] = []
