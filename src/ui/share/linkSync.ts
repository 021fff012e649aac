import type * as LinkSyncModule from '../../link/sync'

type LinkSync = typeof LinkSyncModule

let loaded: LinkSync | null = null

/**
 * The address bar's module (src/link/sync.ts) with the link codec under it: fflate and the
 * schemas. index.html loads it before first paint only when the address has a hash to read.
 */
export const loadLinkSync = (): Promise<LinkSync> =>
  import('../../link/sync').then((m) => (loaded = m))

/** The module, if it has loaded; `null` otherwise. */
export const linkSyncIfLoaded = (): LinkSync | null => loaded
