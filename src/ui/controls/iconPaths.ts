/** The icons' shapes (20 × 20), shared by `Icon` and embed.html's poster, which has no React. */
export const ICON_PATHS = {
  restart: 'M4.5 10a5.5 5.5 0 1 0 1.6-3.9M4.5 3.5v3.2h3.2',
  back: 'M15 4 7 10l8 6zM5 4v12',
  forward: 'M5 4l8 6-8 6zM15 4v12',
  play: 'M6 4l10 6-10 6z',
  pause: 'M6 4h3v12H6zM11 4h3v12h-3z',
  // « and » beside the word "Layer": a jump by a layer, not ⏮ / ⏭ (first / last step).
  previousLayer: 'M10 4l-6 6 6 6M16 4l-6 6 6 6',
  nextLayer: 'M4 4l6 6-6 6M10 4l6 6-6 6',
} as const

export type IconName = keyof typeof ICON_PATHS

/** Drawn as a line, not filled. */
export const STROKED_ICONS: ReadonlySet<IconName> = new Set([
  'restart',
  'previousLayer',
  'nextLayer',
])
