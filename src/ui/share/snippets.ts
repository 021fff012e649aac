import type { LinkState } from '../../link/hash'
import { xml } from '../common/escape'

/** Where the app lives: the page's folder, so `embed.html` sits beside `index.html`. */
export const baseUrlOf = (location: Pick<Location, 'origin' | 'pathname'>): string =>
  `${location.origin === 'null' ? '' : location.origin}${location.pathname.replace(/[^/]*$/, '')}`

/** The full app's URL for a hash, as the page's own address without its old hash. */
export const appUrlOf = (
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  hash: string,
): string =>
  `${location.origin === 'null' ? '' : location.origin}${location.pathname}${location.search}${hash ? `#${hash}` : ''}`

export const embedUrlOf = (base: string, hash: string): string =>
  `${base}embed.html${hash ? `#${hash}` : ''}`

/** A double-quoted attribute's value: one line, markup characters as entities. */
const attr = (value: string): string => xml(value.replace(/[\r\n\t]+/g, ' '))

/** The `<iframe>` a course page pastes: titled, lazy, allowed to go fullscreen, full width. */
export const iframeSnippet = (url: string, title: string): string =>
  `<iframe src="${attr(url)}" title="${attr(`Roundtrip: ${title}`)}" loading="lazy" allow="fullscreen" style="width: 100%; height: 640px; border: 0; border-radius: 8px;"></iframe>`

/**
 * The `<roundtrip-embed>` element with the loader script. It names a curated scenario, so it is
 * offered only when the app on screen is one (`null` otherwise).
 */
export const elementSnippet = (
  base: string,
  state: LinkState,
  title: string,
  customApp: boolean,
): string | null => {
  if (customApp) return null
  const attributes = [
    `scenario="${attr(state.scenarioId)}"`,
    ...(state.step !== undefined ? [`step="${state.step}"`] : []),
    ...(state.depth ? [`depth="${state.depth}"`] : []),
    ...(state.theme ? [`theme="${state.theme}"`] : []),
    `title="${attr(`Roundtrip: ${title}`)}"`,
  ]
  return [
    `<script src="${attr(`${base}roundtrip-embed.js`)}"></script>`,
    `<roundtrip-embed ${attributes.join(' ')}></roundtrip-embed>`,
  ].join('\n')
}
