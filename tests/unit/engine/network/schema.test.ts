import { describe, expect, it } from 'vitest'
import { ScenarioError, initialConnection, parseScenario } from '../../../../src/engine'
import { demoApp } from '../../../../src/engine/scenarios/demoApp'

const json = (changes: Record<string, unknown> = {}) => ({
  ...JSON.parse(JSON.stringify(demoApp)),
  ...changes,
})
const proxy = (changes: Record<string, unknown>) =>
  json({ proxy: { ...demoApp.proxy, ...changes } })
const errorOf = (input: unknown): ScenarioError => {
  try {
    parseScenario(input)
  } catch (error) {
    if (error instanceof ScenarioError) return error
    throw error
  }
  throw new Error('parseScenario accepted it')
}

describe('parseScenario: the network half', () => {
  it('reads a scenario without any of the new fields, adding none of them', () => {
    const parsed = parseScenario(json())
    expect(parsed.network).toEqual({ preset: 'fibre' })
    expect(parsed.tls).toEqual({ version: '1.3' })
    expect(parsed.proxy).toEqual({ software: 'nginx', workers: 4 })
    expect(parsed).not.toHaveProperty('browser')
  })

  it('reads every optional network field', () => {
    const full = json({
      network: { preset: '4g', rttMs: 80, bandwidthMbps: 12 },
      tls: {
        version: '1.2',
        alpn: 'h2',
        certificate: 'expired',
        sessionTickets: false,
        earlyData: true,
      },
      proxy: {
        software: 'caddy',
        workers: 2,
        balancing: 'random',
        status: 'maintenance',
        upstream: 'reset',
        timeoutMs: 3000,
        maxBodyBytes: 1024,
        httpsRedirect: true,
        rateLimit: { limit: 5, windowSeconds: 60, recentRequests: 5 },
        static: {
          prefix: '/assets/',
          maxAgeSeconds: 60,
          files: { 'a.css': { contentType: 'text/css', body: '' } },
        },
        redirects: { '/old': { status: 308, location: '/new' } },
      },
      browser: {
        cookies: [
          {
            name: 'sid',
            value: 'x',
            domain: 'api.example.com',
            path: '/',
            httpOnly: true,
            secure: true,
          },
        ],
        cache: [
          {
            url: 'https://api.example.com/a.css',
            body: 'a{}',
            etag: '"1"',
            maxAgeSeconds: 60,
            ageSeconds: 120,
          },
        ],
      },
    })
    const parsed = parseScenario(full)
    expect({
      network: parsed.network,
      tls: parsed.tls,
      proxy: parsed.proxy,
      browser: parsed.browser,
    }).toEqual({
      network: full.network,
      tls: full.tls,
      proxy: full.proxy,
      browser: full.browser,
    })
  })

  it.each([
    [json({ network: { preset: 'fibre', rttMs: -1 } }), 'network.rttMs'],
    [json({ network: { preset: 'dialup' } }), 'network.preset'],
    [json({ tls: { version: '1.3', alpn: 'spdy' } }), 'tls.alpn'],
    [json({ tls: { version: '1.3', certificate: 'self-signed' } }), 'tls.certificate'],
    [json({ tls: { version: '1.3', earlyData: 'yes' } }), 'tls.earlyData'],
    [json({ browser: { tlsSessions: [{ host: 'API example' }] } }), 'browser.tlsSessions[0].host'],
    [
      json({ browser: { tlsSessions: [{ host: 'api.example.com', ageSeconds: -5 }] } }),
      'browser.tlsSessions[0].ageSeconds',
    ],
    [proxy({ status: 'asleep' }), 'proxy.status'],
    [proxy({ upstream: 'gone' }), 'proxy.upstream'],
    [proxy({ timeoutMs: 0 }), 'proxy.timeoutMs'],
    [proxy({ maxBodyBytes: '1m' }), 'proxy.maxBodyBytes'],
    [proxy({ balancing: 'least-conn' }), 'proxy.balancing'],
    [proxy({ rateLimit: { limit: 0, windowSeconds: 1 } }), 'proxy.rateLimit.limit'],
    [proxy({ static: { prefix: '/static', files: {} } }), 'proxy.static.prefix'],
    [
      proxy({
        static: { prefix: '/s/', files: { '/a.css': { contentType: 'text/css', body: '' } } },
      }),
      'proxy.static.files./a.css',
    ],
    [
      proxy({ static: { prefix: '/s/', files: { 'a.css': { body: '' } } } }),
      'proxy.static.files.a.css.contentType',
    ],
    [
      proxy({ redirects: { '/old': { status: 200, location: '/new' } } }),
      'proxy.redirects./old.status',
    ],
    [proxy({ redirects: { old: { status: 301, location: '/new' } } }), 'proxy.redirects.old'],
    [
      json({ browser: { cookies: [{ name: 'a b', value: '1', domain: 'x.com' }] } }),
      'browser.cookies[0].name',
    ],
    [
      json({ browser: { cookies: [{ name: 'a', value: '1', domain: 'X Y' }] } }),
      'browser.cookies[0].domain',
    ],
    [json({ browser: { cache: [{ url: '/relative', body: '' }] } }), 'browser.cache[0].url'],
    [
      json({ browser: { cache: [{ url: 'https://a.com/', body: '', ageSeconds: -5 }] } }),
      'browser.cache[0].ageSeconds',
    ],
  ])('names the bad field (%#: %s)', (input, path) => {
    const error = errorOf(input)
    expect(error.path).toBe(path)
    expect(error.message.startsWith(`${path}: `)).toBe(true)
  })

  it('still refuses an unknown version', () => {
    expect(errorOf(json({ version: 2 })).path).toBe('version')
  })
})

describe('initialConnection: where a scenario starts', () => {
  it('is empty without browser seeds or a used-up rate limit', () => {
    const start = initialConnection(demoApp)
    expect(start).toMatchObject({
      cookies: [],
      httpCache: {},
      connections: {},
      proxy: { recentRequests: [] },
    })
  })

  it('seeds cookies, a cache entry stored ageSeconds ago and the rate-limit window', () => {
    const start = initialConnection({
      ...demoApp,
      proxy: { ...demoApp.proxy, rateLimit: { limit: 3, windowSeconds: 60, recentRequests: 2 } },
      browser: {
        cookies: [{ name: 'sid', value: 'x', domain: 'api.example.com' }],
        cache: [{ url: 'https://api.example.com/a', body: 'é', maxAgeSeconds: 60, ageSeconds: 30 }],
      },
    })
    expect(start.cookies[0]).toMatchObject({
      name: 'sid',
      path: '/',
      hostOnly: true,
      expiresAt: null,
    })
    expect(start.httpCache['https://api.example.com/a']).toMatchObject({
      storedAt: -30_000,
      maxAgeSeconds: 60,
      response: { status: 200, headers: { 'content-length': '2', 'cache-control': 'max-age=60' } },
    })
    expect(start.proxy.recentRequests).toEqual([0, 0])
  })
})
