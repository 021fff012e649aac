/**
 * HAR 1.2: reading real recordings (Chrome/Edge, Firefox, Safari, Playwright) into a measured
 * page, masking their secrets, and writing Roundtrip's own traces as HAR. Pure: no React, no
 * DOM; the Web Worker that runs it on large files lives in the UI.
 */
import { measure } from './measure'
import { parseHarText } from './parse'
import type { HarResult, MeasuredPage } from './types'

export { parseHar, parseHarText, HAR_VERSIONS, MAX_HAR_CHARS } from './parse'
export type { Har, HarEntry, HarPage } from './parse'
export { measure, protocolOf, nameOf } from './measure'
export { parseServerTiming, serverTimingOf } from './serverTiming'
export { maskEntry, maskPage, maskHeader, maskUrl, maskBody, isSecretName, MASK } from './privacy'
export * from './types'

/** A HAR file's text as a measured page, or the first thing wrong with it. Never throws. */
export const importHar = (text: string): HarResult<MeasuredPage> => {
  try {
    const parsed = parseHarText(text)
    return parsed.ok ? { ok: true, value: measure(parsed.value) } : parsed
  } catch (error) {
    // A last guard: a value deep enough to exhaust the stack, or an engine limit.
    return {
      ok: false,
      error: {
        kind: 'not-har',
        path: '',
        message: `Roundtrip could not read this file: ${error instanceof Error ? error.message : String(error)}.`,
      },
    }
  }
}
export { traceToHar, pageToHar, phasesOfTrace, sanitizeEntry, isoDate } from './export'
export type { ExportedHar, ExportedEntry, ExportPhases, HarExportOptions } from './export'
