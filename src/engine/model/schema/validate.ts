/** Thrown by `parseScenario`: `path` names the bad field, e.g. `routes[0].pattern`. */
export class ScenarioError extends Error {
  readonly path: string
  constructor(path: string, problem: string) {
    super(`${path || 'scenario'}: ${problem}`)
    this.name = 'ScenarioError'
    this.path = path
  }
}

export type Obj = Record<string, unknown>

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`

export const object = (value: unknown, path: string): Obj => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ScenarioError(path, `must be an object, got ${describe(value)}`)
  return value as Obj
}

export const array = (value: unknown, path: string): unknown[] => {
  if (!Array.isArray(value))
    throw new ScenarioError(path, `must be an array, got ${describe(value)}`)
  return value
}

export const string = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || value === '')
    throw new ScenarioError(path, `must be a non-empty string, got ${describe(value)}`)
  return value
}

export const boolean = (value: unknown, path: string): boolean => {
  if (typeof value !== 'boolean')
    throw new ScenarioError(path, `must be true or false, got ${describe(value)}`)
  return value
}

export const number = (value: unknown, path: string, min: number, max: number): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new ScenarioError(path, `must be a number from ${min} to ${max}`)
  return value
}

export const oneOf = <T extends string>(value: unknown, path: string, options: readonly T[]): T => {
  if (typeof value !== 'string' || !options.includes(value as T))
    throw new ScenarioError(path, `must be one of ${options.map((o) => `"${o}"`).join(', ')}`)
  return value as T
}

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export const json = (value: unknown, path: string, depth = 0): JsonValue => {
  if (depth > 32) throw new ScenarioError(path, 'is nested too deeply')
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return number(value, path, -Number.MAX_VALUE, Number.MAX_VALUE)
  if (Array.isArray(value)) return value.map((item, i) => json(item, `${path}[${i}]`, depth + 1))
  const out: Record<string, JsonValue> = {}
  for (const [key, item] of Object.entries(object(value, path)))
    out[key] = json(item, `${path}.${key}`, depth + 1)
  return out
}
