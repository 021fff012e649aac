import type { HarResult, MeasuredPage } from '../../har'
import { measure, parseHarText } from '../../har'
import type { HarStage } from './protocol'

export type Progress = (stage: HarStage, fraction: number) => void

/** A file's text, in chunks, so reading a large one reports how far it has got. */
export const readText = async (file: Blob, progress: Progress): Promise<string> => {
  if (typeof file.stream !== 'function')
    return typeof file.text === 'function'
      ? file.text()
      : new Promise((resolve, reject) => {
          const reader = new FileReader()
          reader.onprogress = (e) => progress('read', e.total > 0 ? e.loaded / e.total : 0)
          reader.onload = () => resolve(String(reader.result))
          reader.onerror = () => reject(reader.error ?? new Error('unreadable'))
          reader.readAsText(file)
        })
  const reader = file.stream().getReader()
  const decoder = new TextDecoder()
  const parts: string[] = []
  let read = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    read += value.byteLength
    parts.push(decoder.decode(value, { stream: true }))
    progress('read', file.size > 0 ? Math.min(1, read / file.size) : 1)
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/** Read, check and measure: what the worker does, and the page too where no worker can run. */
export const readHar = async (
  source: Blob | string,
  progress: Progress,
): Promise<HarResult<MeasuredPage>> => {
  let text: string
  try {
    text = typeof source === 'string' ? source : await readText(source, progress)
  } catch (error) {
    return {
      ok: false,
      error: {
        kind: 'empty',
        path: '',
        message: `The file could not be read: ${error instanceof Error ? error.message : String(error)}.`,
      },
    }
  }
  progress('parse', 0)
  try {
    const parsed = parseHarText(text)
    if (!parsed.ok) return parsed
    progress('measure', 0)
    return { ok: true, value: measure(parsed.value) }
  } catch (error) {
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
