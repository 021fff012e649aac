import type { MeasuredEntry, MeasuredPage, MeasuredPhase } from '../../har'
import { MEASURED_PHASES } from '../../har'

/** The colour family of each phase's bar, as the page-load waterfall colours them. */
export const TONE = {
  blocked: 'wait',
  dns: 'network',
  connect: 'network',
  ssl: 'network',
  send: 'network',
  wait: 'server',
  receive: 'download',
} as const satisfies Record<MeasuredPhase, string>

export interface MeasuredSegment {
  readonly phase: MeasuredPhase
  readonly label: string
  readonly from: number
  readonly to: number
}

/** An entry's bar, phase by phase, on the file's clock. Absent phases (-1) and zeros are left out. */
export const measuredSegments = (e: MeasuredEntry): MeasuredSegment[] => {
  const out: MeasuredSegment[] = []
  let at = e.start
  for (const [phase, label] of MEASURED_PHASES) {
    const length = e.phases[phase]
    if (length !== null && length > 0) out.push({ phase, label, from: at, to: at + length })
    at += length ?? 0
  }
  return out
}

/** Server-Timing spans drawn inside the wait, each from the wait's start (the header gives no offsets). */
export const reportedSpans = (e: MeasuredEntry) => {
  const wait = measuredSegments(e).find((s) => s.phase === 'wait')
  if (!wait) return []
  return e.serverTiming
    .filter((m) => m.dur !== undefined)
    .map((m) => ({ ...m, from: wait.from, to: wait.from + Math.min(m.dur!, wait.to - wait.from) }))
}

/** The tool that wrote the file, as a reader knows it. */
export const recordedBy = (page: MeasuredPage): string => {
  const name = page.creator.name
  const tool =
    name === 'WebInspector'
      ? 'Chrome or Edge DevTools'
      : name === 'WebKit Web Inspector'
        ? 'Safari Web Inspector'
        : name || 'an unnamed tool'
  const browser = page.browser?.name
    ? `, ${page.browser.name} ${page.browser.version}`.trimEnd()
    : ''
  return `${tool}${page.creator.version ? ` ${page.creator.version}` : ''}${browser}`
}
