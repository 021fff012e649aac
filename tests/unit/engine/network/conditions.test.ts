import { describe, expect, it } from 'vitest'
import { NETWORK_PRESETS, networkProfile } from '../../../../src/engine'
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
