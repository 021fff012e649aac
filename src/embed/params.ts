/**
 * The embed's own link keys, `parent` and `host`, as the bridge uses them. They are declared and
 * read with every other key in src/link/hash.ts; the deep link's keys (scenario, app, req, seed,
 * step, depth, theme) open the moment as in the full app.
 */
import type { LinkEntries } from '../link/entries'
import { readEntries } from '../link/entries'
import type { Host } from '../link/origins'
import { HOSTS, parseAllowList } from '../link/origins'
import { OPAQUE_ORIGIN } from './protocol'

export { parseAllowList } from '../link/origins'
export type { Host } from '../link/origins'

export interface EmbedParams {
  /**
   * Origins allowed to command the widget (`parent=`), with `null` when the list lets a page with
   * an opaque origin command; `null` when there is no list and any parent may.
   */
  readonly allowList: readonly string[] | null
  readonly host: Host
  /**
   * One line about `parent=` for the widget to show: entries it left out, or that the list allows
   * nobody; `null` when there is nothing to say.
   */
  readonly parentNotice: string | null
}

/**
 * `parent=`: the valid origins, and `null` when it is listed (the one non-origin entry the embed
 * accepts: see "Who may command it" in docs/embedding.md). An allow-list that names nothing
 * usable allows nobody: safer than allowing everybody.
 */
const parentOf = (text: string | undefined): Pick<EmbedParams, 'allowList' | 'parentNotice'> => {
  if (text === undefined) return { allowList: null, parentNotice: null }
  const { origins, invalid } = parseAllowList(text)
  const opaque = invalid.includes(OPAQUE_ORIGIN)
  const allowList = opaque ? [...origins, OPAQUE_ORIGIN] : origins
  const leftOut = invalid.filter((entry) => entry !== OPAQUE_ORIGIN)
  const named = leftOut.length > 0 ? ` (${leftOut.join(', ')})` : ''
  const parentNotice =
    allowList.length === 0
      ? `The embed's parent list has no valid origin${named}, so no page may command it and it sends no messages.`
      : named
        ? `The embed's parent list has entries that are not origins${named}; they were left out.`
        : null
  return { allowList, parentNotice }
}

/** `host=`: one of `HOSTS`; anything else is `auto` (hash.ts's notice says so). */
const hostOf = (text: string | undefined): Host => HOSTS.find((host) => host === text) ?? 'auto'

/**
 * `parent` and `host` of a link (a `ParsedLink` will do). They need no other key read, so the
 * poster (embed.html before the app loads) has them from the split hash alone.
 */
export const embedParamsOf = (link: Pick<LinkEntries, 'entries'>): EmbedParams => ({
  ...parentOf(link.entries.get('parent')),
  host: hostOf(link.entries.get('host')),
})

/** `parent` and `host` of a hash. Never throws. */
export const readEmbedParams = (hash: string): EmbedParams => embedParamsOf(readEntries(hash))
