/** Virtual milliseconds for people: enough digits that 0.05 ms is not shown as 0. */
export const formatMs = (value: number): string => {
  if (value === 0) return '0 ms'
  const digits = value < 0.01 ? 3 : value < 1 ? 2 : value < 100 ? 1 : 0
  return `${Number(value.toFixed(digits))} ms`
}

/** "200 OK", as the client shows it. */
export const statusLine = (status: number, statusText: string): string =>
  `${status} ${statusText}`.trim()
