/**
 * The middleware kinds a scenario may configure. Their own module, so the stage ids
 * (model/stages.ts) can list them without the scenario schema and valibot (schema/app.ts
 * re-exports them with the rest of a scenario's vocabulary).
 */
export const MIDDLEWARE_KINDS = [
  'logging',
  'cors',
  'auth',
  'authorization',
  'errors',
  'compression',
  'session',
  'rateLimit',
  'csrf',
] as const
export type MiddlewareKind = (typeof MIDDLEWARE_KINDS)[number]
