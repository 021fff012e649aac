/** How the link codec words what it could not read: quoted values, reasons, one notice line. */
import { ScenarioError } from '../engine'

const MAX_SHOWN = 40

/** A value from the link, quoted safely for a notice: printable and short. */
export const shown = (value: string): string => {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  return `"${clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean}"`
}

/** An error as a phrase: a `ScenarioError` names its field (`routes[0].pattern must be…`). */
export const reasonOf = (error: unknown): string => {
  if (error instanceof ScenarioError) {
    const problem = error.message.slice(error.message.indexOf(': ') + 2)
    return `${error.path || 'the scenario'} ${problem}`
  }
  return error instanceof Error ? error.message : String(error)
}

/** One notice line for a link's problems: the first, plus a count of the others; `null` for none. */
export const noticeOf = (problems: readonly string[]): string | null => {
  if (problems.length === 0) return null
  if (problems.length === 1) return problems[0]!
  const more = problems.length - 1
  return `${problems[0]!} (${more} more ${more === 1 ? 'problem' : 'problems'} in the link.)`
}
