/** Line icons for presenting: a screen on a stand, a second screen, an exit arrow. */
const PATHS = {
  present: 'M3 4h18v12H3zM12 16v4M8 20h8',
  presenter: 'M2 6h13v10H2zM8.5 16v3M5.5 19h6M18 9h4v10h-8v-3',
  exit: 'M14 4h6v16h-6M10 8l-4 4 4 4M6 12h10',
} as const

export function PresentIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  )
}
