/**
 * The embed's own link keys, `parent` and `host`, as the bridge uses them. They are declared and
 * read with every other key in src/link/hash.ts; the deep link's keys (scenario, app, req, seed,
 * step, depth, theme) open the moment as in the full app.
 */
import type { ParsedLink } from '../link/hash'
import { parseLink } from '../link/hash'
import type { Host } from '../link/origins'

export { parseAllowList } from '../link/origins'
export type { Host } from '../link/origins'

export interface EmbedParams {
  /** Origins allowed to command the widget (`parent=`), or `null` when any parent may. */
  readonly allowList: readonly string[] | null
  readonly host: Host
  /** Keys that could not be read, in words, for the notice line. */
  readonly problems: readonly string[]
}

/** `parent` and `host` of a parsed link. What it cannot use is named in `problems`. */
export const embedParamsOf = (link: ParsedLink): EmbedParams => ({
  // An allow-list that names nothing valid allows nobody: safer than allowing everybody.
  allowList: link.values.parent ?? null,
  host: link.values.host ?? 'auto',
  problems: [link.problems.parent, link.problems.host].filter((p) => p !== undefined),
})

/** `parent` and `host` of a hash. Never throws. */
export const readEmbedParams = (hash: string): EmbedParams => embedParamsOf(parseLink(hash))
