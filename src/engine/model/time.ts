/** Virtual milliseconds on the simulation clock (never wall-clock time). */
export type Millis = number & { readonly __unit: 'ms' }

/** Marks a plain number as virtual milliseconds, rounded to a microsecond so traces stay stable. */
export const ms = (value: number): Millis => (Math.round(value * 1000) / 1000) as Millis
