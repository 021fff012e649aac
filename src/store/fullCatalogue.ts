import { isCorrect, lessons, scenarios } from '../engine'

/** The whole catalogue, in its own chunk: see catalogue.ts (its `Catalogue` type). */
export const fullCatalogue = { scenarios, lessons, isCorrect } as const
