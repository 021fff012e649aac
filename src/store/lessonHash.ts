import { findLesson } from '../engine'

export interface HashLesson {
  /** The lesson the hash asks for, when it exists; `null` when there is no `lesson` key. */
  readonly id: string | null
  /** Set when the hash asked for a lesson that does not exist. */
  readonly notice: string | null
}

const MAX_SHOWN = 40

const paramsOf = (hash: string): URLSearchParams => new URLSearchParams(hash.replace(/^#/, ''))

/**
 * Reads `#lesson=<id>` from a URL hash. Never throws; other keys are left to their owners. The
 * embed codec can call this as it is to pass `lesson` through.
 */
export const lessonFromHash = (hash: string): HashLesson => {
  const params = paramsOf(hash)
  if (!params.has('lesson')) return { id: null, notice: null }
  const requested = params.get('lesson') ?? ''
  if (findLesson(requested)) return { id: requested, notice: null }
  const shown = requested.length > MAX_SHOWN ? `${requested.slice(0, MAX_SHOWN)}…` : requested
  return {
    id: null,
    notice: `The link asks for a lesson "${shown}" that does not exist. Open the Library to pick one.`,
  }
}

/**
 * The hash with `lesson` set to `id` and `scenario` to its scenario (so a reload or a reader that
 * knows only `scenario` opens the same journey), or with `lesson` removed for `null`.
 */
export const hashWithLesson = (hash: string, id: string | null): string => {
  const params = paramsOf(hash)
  const lesson = id ? findLesson(id) : undefined
  if (lesson) {
    params.set('scenario', lesson.scenarioId)
    params.set('lesson', lesson.id)
  } else params.delete('lesson')
  const text = params.toString()
  return text ? `#${text}` : ''
}
