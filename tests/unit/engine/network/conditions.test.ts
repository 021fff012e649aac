import { describe, expect, it } from 'vitest'
import type { HttpRequest, HttpResponse } from '../../../../src/engine'
import {
  NETWORK_PRESETS,
  networkProfile,
  rawRequest,
  rawResponse,
  utf8Length,
} from '../../../../src/engine'
import { requestBytes, responseBytes } from '../../../../src/engine/http/wire'
import { API, app, end, first, send } from './helpers'

describe('network conditions', () => {
  it('orders the presets from fast to slow', () => {
    const totals = (['localhost', 'fibre', 'cable', '4g', '3g', 'satellite'] as const).map(
      (preset) => end(send(app({ network: { preset } }))),
    )
    expect([...totals].sort((a, b) => a - b)).toEqual(totals)
  })

  it('applies rttMs and bandwidthMbps overrides over the preset', () => {
    expect(networkProfile({ preset: '4g', rttMs: 90 })).toEqual({ rttMs: 90, bandwidthMbps: 20 })
    expect(networkProfile({ preset: '4g' })).toBe(NETWORK_PRESETS['4g'])
    const slowRtt = send(app({ network: { preset: 'fibre', rttMs: 300 } }))
    const syn = first(slowRtt, 'tcp:syn').duration + first(slowRtt, 'tcp:syn-ack').duration
    expect(syn).toBeGreaterThan(270)
    expect(syn).toBeLessThan(330)
  })

  it('makes a bigger body take longer to send and to download, more so on a thin link', () => {
    const upload = (bandwidthMbps: number, bytes: number) =>
      first(
        send(app({ network: { preset: 'fibre', bandwidthMbps } }), {
          method: 'POST',
          url: `${API}/users/42`,
          body: 'x'.repeat(bytes),
        }),
        'proxy:receive',
      ).duration
    // 500 kB at 1 Mbps is 4 s on the wire.
    expect(upload(1, 500_000) - upload(1, 0)).toBeCloseTo(4000, -1)
    expect(upload(100, 500_000) - upload(100, 0)).toBeCloseTo(40, 0)

    const download = (bandwidthMbps: number) =>
      first(
        send(
          app({
            network: { preset: 'fibre', bandwidthMbps },
            proxy: {
              ...app().proxy,
              static: {
                prefix: '/s/',
                files: { big: { contentType: 'text/plain', body: 'y'.repeat(250_000) } },
              },
            },
          }),
          { method: 'GET', url: `${API}/s/big` },
        ),
        'client:receive',
      ).duration
    expect(download(1)).toBeGreaterThan(2000)
    expect(download(1000)).toBeLessThan(3)
  })
})

describe('bytes on the wire', () => {
  it('counts exactly the raw HTTP/1.1 text, without building it', () => {
    const request: HttpRequest = {
      method: 'POST',
      scheme: 'https',
      host: 'api.example.com',
      port: 443,
      path: '/users/é',
      query: 'q=1',
      httpVersion: 'HTTP/1.1',
      headers: { host: 'api.example.com', 'content-type': 'application/json', 'x-name': 'Zoë' },
      body: '{"name":"Zoë 👋"}',
    }
    expect(requestBytes(request)).toBe(utf8Length(rawRequest(request)))
    const response: HttpResponse = {
      status: 404,
      statusText: 'Not Found',
      httpVersion: 'HTTP/1.1',
      headers: { 'content-type': 'text/html', server: 'nginx' },
      body: '<h1>Not Found</h1>',
    }
    expect(responseBytes(response)).toBe(utf8Length(rawResponse(response)))
    expect(responseBytes({ ...response, headers: {}, body: '' })).toBe(
      utf8Length(rawResponse({ ...response, headers: {}, body: '' })),
    )
  })
})
