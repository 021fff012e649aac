import type { Readable } from 'node:stream'
import { prerenderToNodeStream } from 'react-dom/static'
import { Root } from './Root'

/**
 * The app at rest as HTML, rendered at build time (scripts/prerender.mjs) into dist/index.html's
 * #root: the default scenario, no hash, no saved app, default preferences, nothing loaded yet.
 * main.tsx hydrates it when the page opens that way.
 */
export const render = async (): Promise<string> => {
  // What waits for the first paint (the Explain panel's chunk) waits for nothing here.
  globalThis.requestAnimationFrame ??= (callback) => setTimeout(() => callback(0), 0) as never
  const { prelude } = await prerenderToNodeStream(<Root />, {
    // Every boundary inline, however large: outlined ones would need React's inline scripts,
    // which a strict CSP refuses.
    progressiveChunkSize: Number.POSITIVE_INFINITY,
    onError: (error) => {
      throw error
    },
  })
  let html = ''
  for await (const chunk of prelude as Readable) html += String(chunk)
  return html
}
