import { describe, expect, it } from 'vitest'
import { altSvcKnown, pageApp, simulatePage } from '../../../../src/engine'

describe('simulatePage: Alt-Svc is credited to the response that carried it', () => {
  it('names the first response of each origin that advertised HTTP/3, and only on a first visit', () => {
    const first = simulatePage({ scenario: pageApp, protocol: 'h3' })
    const site = first.altSvcFrom.find((a) => a.origin === 'https://www.example.com')!
    const carrier = first.requests.find((r) => r.id === site.request)!
    expect(carrier.protocol).toBe('h2')
    expect(carrier.trace.response?.headers['alt-svc']).toBe(site.value)
    expect(site.value).toMatch(/^h3=":443"/)
    // Nothing to that origin went over HTTP/3 before the header arrived, and later ones did.
    const toSite = first.requests.filter((r) => r.url.startsWith('https://www.example.com'))
    for (const r of toSite) if (r.protocol === 'h3') expect(r.start).toBeGreaterThanOrEqual(site.at)
    expect(toSite.some((r) => r.protocol === 'h3')).toBe(true)
    expect(new Set(first.altSvcFrom.map((a) => a.origin)).size).toBe(first.altSvcFrom.length)
    const known = simulatePage({ scenario: pageApp, protocol: 'h3', connection: altSvcKnown() })
    expect(known.altSvcFrom).toEqual([])
    expect(simulatePage({ scenario: pageApp, protocol: 'h2' }).altSvcFrom).toEqual([])
  })
})
