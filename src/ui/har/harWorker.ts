/// <reference lib="webworker" />
/**
 * Reads, checks and measures a HAR file off the main thread, so a 10 MB file never freezes the
 * page. It only computes: the file came from the user's disk and the result goes back to the page.
 */
import type { HarReply, HarRequest } from './protocol'
import { readHar } from './read'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<HarRequest>) => {
  const { id } = event.data
  const post = (reply: HarReply) => scope.postMessage(reply)
  const source = 'file' in event.data ? event.data.file : event.data.text
  const result = await readHar(source, (stage, fraction) =>
    post({ id, type: 'progress', stage, fraction }),
  )
  post({ id, type: 'done', result })
}
