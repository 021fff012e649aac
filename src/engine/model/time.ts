/** Virtual milliseconds on the simulation clock (never wall-clock time). */
export type Millis = number & { readonly __unit: 'ms' }

/** Marks a plain number as virtual milliseconds, rounded to a microsecond so traces stay stable. */
export const ms = (value: number): Millis => (Math.round(value * 1000) / 1000) as Millis

/**
 * Virtual time 0 on the calendar: 2 June 2025, 09:00 UTC. Only used to write and read absolute
 * dates (`Date`, `Expires`, a cookie's expiry, a signed session's timestamp); everything else in
 * the engine runs on relative virtual time.
 */
export const SIMULATED_EPOCH_MS = Date.UTC(2025, 5, 2, 9, 0, 0)

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'] as const
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number): string => String(n).padStart(2, '0')

/**
 * The calendar date of a day counted from 1970-01-01, by hand (Howard Hinnant's
 * civil_from_days), so no Date object is involved.
 */
export const civilFromDays = (days: number): { year: number; month: number; day: number } => {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** The last date written: a page load dates a hundred responses within a second or two. */
let lastDated = { seconds: NaN, text: '' }

/** An HTTP date (RFC 9110 IMF-fixdate) for a virtual time: `Mon, 02 Jun 2025 09:00:00 GMT`. */
export const httpDate = (virtualMs: number): string => {
  const seconds = Math.floor((SIMULATED_EPOCH_MS + virtualMs) / 1000)
  if (seconds === lastDated.seconds) return lastDated.text
  const text = formatHttpDate(seconds)
  lastDated = { seconds, text }
  return text
}
const formatHttpDate = (seconds: number): string => {
  const days = Math.floor(seconds / 86_400)
  const inDay = seconds - days * 86_400
  const { year, month, day } = civilFromDays(days)
  const clock = `${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}`
  return `${DAYS[((days % 7) + 7) % 7]}, ${two(day)} ${MONTHS[month - 1]} ${year} ${clock} GMT`
}
