/** Line icons for presenting: a screen on a stand, a second screen, an exit arrow, four corners. */
const PATHS = {
  present: 'M3 4h18v12H3zM12 16v4M8 20h8',
  presenter: 'M2 6h13v10H2zM8.5 16v3M5.5 19h6M18 9h4v10h-8v-3',
  exit: 'M14 4h6v16h-6M10 8l-4 4 4 4M6 12h10',
  fullscreen: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
} as const

export function PresentIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  )
}
