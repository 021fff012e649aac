/** Small inline icons (no icon font: the app must work offline). Always beside a text label or a name. */
const PATHS = {
  restart: 'M4.5 10a5.5 5.5 0 1 0 1.6-3.9M4.5 3.5v3.2h3.2',
  back: 'M15 4 7 10l8 6zM5 4v12',
  forward: 'M5 4l8 6-8 6zM15 4v12',
  play: 'M6 4l10 6-10 6z',
  pause: 'M6 4h3v12H6zM11 4h3v12h-3z',
  previousLayer: 'M3 4v12M11 4 5 10l6 6zM18 4l-6 6 6 6z',
  nextLayer: 'M17 4v12M9 4l6 6-6 6zM2 4l6 6-6 6z',
} as const

type IconName = keyof typeof PATHS

/** Drawn as a line, not filled. */
const STROKED: ReadonlySet<IconName> = new Set(['restart'])

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className={STROKED.has(name) ? 'icon' : 'icon icon-solid'}
      viewBox="0 0 20 20"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
