/** Small inline icons (no icon font: the app must work offline). Always beside a text label. */
const PATHS = {
  restart: 'M5 4v12M16 4 8 10l8 6z',
  back: 'M15 4 7 10l8 6zM5 4v12',
  forward: 'M5 4l8 6-8 6zM15 4v12',
  play: 'M6 4l10 6-10 6z',
  pause: 'M6 4h3v12H6zM11 4h3v12h-3z',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon icon-solid" viewBox="0 0 20 20" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  )
}
