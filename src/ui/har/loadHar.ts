import type { HarResult, MeasuredPage } from '../../har'
import type { HarReply, HarStage } from './protocol'
import { readHar } from './read'

let worker: Worker | null = null
let next = 0

const startWorker = (): Worker | null => {
  if (worker) return worker
  if (typeof Worker === 'undefined') return null
  try {
    worker = new Worker(new URL('./harWorker.ts', import.meta.url), { type: 'module' })
    return worker
  } catch {
    // A Content-Security-Policy without worker-src 'self', or no module workers: read in the page.
    return null
  }
}

/**
 * A HAR file (or pasted text) as a measured page, read in a Web Worker where one can run and in
 * the page otherwise. Never rejects: a file that cannot be read is an error result.
 */
export const loadHar = (
  source: Blob | string,
  progress: (stage: HarStage, fraction: number) => void = () => {},
): Promise<HarResult<MeasuredPage>> => {
  const w = startWorker()
  if (!w) return readHar(source, progress)
  const id = ++next
  return new Promise((resolve) => {
    const finish = (result: HarResult<MeasuredPage> | null) => {
      w.removeEventListener('message', onMessage)
      w.removeEventListener('error', onError)
      if (result) resolve(result)
      else {
        // The worker could not start (blocked script, CSP): the page reads the file instead.
        worker?.terminate()
        worker = null
        resolve(readHar(source, progress))
      }
    }
    const onMessage = (event: MessageEvent<HarReply>) => {
      if (event.data.id !== id) return
      if (event.data.type === 'progress') progress(event.data.stage, event.data.fraction)
      else finish(event.data.result)
    }
    const onError = (event: Event) => {
      event.preventDefault()
      finish(null)
    }
    w.addEventListener('message', onMessage)
    w.addEventListener('error', onError)
    w.postMessage(typeof source === 'string' ? { id, text: source } : { id, file: source })
  })
}
