/** The layers a request passes through, outermost first. */
export const LAYERS = [
  'client',
  'dns',
  'tcp',
  'tls',
  'proxy',
  'server',
  'middleware',
  'router',
  'validation',
  'handler',
] as const

export type LayerId = (typeof LAYERS)[number]

export const isLayerId = (value: unknown): value is LayerId =>
  typeof value === 'string' && (LAYERS as readonly string[]).includes(value)
