import type { Stage } from '../context'
import { NetworkFailure } from '../context'
import { origin, target, utf8Length } from '../model/http'
import { transferMs } from '../model/network'

/** Headers every browser adds on its own. */
const BROWSER_HEADERS = {
  'user-agent': 'Mozilla/5.0 (Roundtrip simulated browser)',
  accept: '*/*',
  'accept-encoding': 'gzip, deflate, br',
}

/** The browser: builds the request, and on the way back reads the response it receives. */
export const clientStage: Stage = {
  id: 'client',
  layer: 'client',
  run(ctx, request, next) {
    const { scheme, host, port, path, query } = request
    const url = origin(request) + target(request)
    ctx.emit(this, {
      type: 'client:parse-url',
      direction: 'request',
      title: 'Parse the URL',
      duration: 0.1,
      request,
      data: { url, scheme, host, port, path, query },
    })

    const added: Record<string, string> = { host }
    for (const [name, value] of Object.entries(BROWSER_HEADERS))
      if (!(name in request.headers)) added[name] = value
    if (request.body && !('content-length' in request.headers))
      added['content-length'] = String(utf8Length(request.body))
    const built = { ...request, headers: { ...added, ...request.headers } }
    ctx.emit(this, {
      type: 'client:build-request',
      direction: 'request',
      title: 'Build the request',
      duration: 0.2,
      request: built,
      data: { headersAdded: Object.keys(added) },
    })

    let response
    try {
      response = next(built)
    } catch (failure) {
      if (failure instanceof NetworkFailure)
        ctx.emit(this, {
          type: 'client:network-error',
          direction: 'response',
          title: `Network error: ${failure.code}`,
          duration: 0,
          request: built,
          data: { code: failure.code },
        })
      throw failure
    }

    const bytes = utf8Length(response.body)
    ctx.emit(this, {
      type: 'client:receive',
      direction: 'response',
      title: 'Download the response body',
      duration: transferMs(bytes, ctx.network.bandwidthMbps),
      request: built,
      response,
      data: { bytes },
    })
    ctx.emit(this, {
      type: 'client:complete',
      direction: 'response',
      title: `${response.status} ${response.statusText}`,
      duration: 0.1,
      request: built,
      response,
      data: { status: response.status, statusText: response.statusText },
    })
    return response
  },
}
