import { http, passthrough } from 'msw'
import { setupWorker } from 'msw/browser'
import type { RunRegistry } from './handlers'
import { answerRequest } from './handlers'

/** msw's wrapper around the shared handler: what is not ours passes through to the network. */
export const createHandlers = (registry: RunRegistry) => [
  http.all('*', ({ request }) => answerRequest(registry, request) ?? passthrough()),
]

/**
 * Registers msw's service worker (served beside index.html, so it works from any sub-path)
 * and resolves once it controls the page, with the function that stops it again. Loaded only
 * where a worker can run: msw touches storage as it loads, which throws in a sandboxed frame.
 */
export const startWorker = async (registry: RunRegistry): Promise<() => void> => {
  const worker = setupWorker(...createHandlers(registry))
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    onUnhandledRequest: 'bypass',
    quiet: true,
  })
  return () => worker.stop()
}
