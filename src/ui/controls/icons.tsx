import type { IconName } from './iconPaths'
import { ICON_PATHS, STROKED_ICONS } from './iconPaths'

/** Small inline icons (no icon font: the app must work offline). Always beside a text label or a name. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className={STROKED_ICONS.has(name) ? 'icon' : 'icon icon-solid'}
      viewBox="0 0 20 20"
      aria-hidden="true"
    >
      <path d={ICON_PATHS[name]} />
    </svg>
  )
}
