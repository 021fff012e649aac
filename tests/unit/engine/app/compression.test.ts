import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { acceptsGzip, gzipSize } from '../../../../src/engine/middleware/compression'
import { app, find, route, send } from './driver'

const rows = Array.from({ length: 30 }, (_, i) => ({
  id: i,
  name: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'][i % 3]!,
  email: `user${i}@example.com`,
  active: i % 2 === 0,
}))
const big = route(['GET'], '/users', { handler: { body: rows } })
const scenario = (options: { minimumSize?: number; level?: number } = {}) =>
  app({ middleware: [{ kind: 'logging' }, { kind: 'compression', ...options }], routes: [big] })

describe('gzipSize: a deterministic estimate close to zlib', () => {
  const samples = {
    json: JSON.stringify(rows),
    html: `<ul>${'<li class="item">A list item with some text</li>\n'.repeat(40)}</ul>`,
    prose: 'Each request travels from the browser to the server and back. '.repeat(12),
    short: '{"id":42,"name":"Ada Lovelace"}',
  }
  it.each(Object.entries(samples))('%s is within 25 %% of zlib level 9', (_name, text) => {
    const real = gzipSync(Buffer.from(text), { level: 9 }).length
    expect(Math.abs(gzipSize(text, 9) / real - 1)).toBeLessThan(0.25)
  })

  it('is deterministic and never below the gzip framing', () => {
    expect(gzipSize(samples.json)).toBe(gzipSize(samples.json))
    expect(gzipSize('')).toBe(20)
  })
})

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['br', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected)
  })
})

describe('compression middleware', () => {
  it('gzips a large body: Content-Encoding, smaller Content-Length, Vary', () => {
    const trace = send(scenario(), 'GET', '/users')
    const event = find(trace, 'middleware:gzip')
    expect(event.data.bytesBefore).toBe(
      Number(find(trace, 'handler:return').response?.headers['content-length']),
    )
    expect(event.data.bytesAfter).toBeLessThan(event.data.bytesBefore * 0.3)
    expect(trace.response?.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-length': String(event.data.bytesAfter),
      vary: 'Accept-Encoding',
    })
  })

  it('skips a body under the minimum size', () => {
    const trace = send(scenario(), 'GET', '/health')
    expect(find(trace, 'middleware:gzip-skip').data).toMatchObject({
      reason: 'too-small',
      minimumSize: 500,
    })
    expect(trace.response?.headers).not.toHaveProperty('content-encoding')
  })

  it('skips when the client does not accept gzip', () => {
    const trace = send(scenario(), 'GET', '/users', { headers: { 'accept-encoding': 'identity' } })
    expect(find(trace, 'middleware:gzip-skip').data.reason).toBe('not-accepted')
  })

  it("honours the configured minimum size, and Django's smaller default", () => {
    // Below a few dozen bytes gzip's own framing makes the body bigger: why the threshold exists.
    const tiny = find(send(scenario({ minimumSize: 5 }), 'GET', '/health'), 'middleware:gzip')
    expect(tiny.data.bytesAfter).toBeGreaterThan(tiny.data.bytesBefore)
    const django = app({
      framework: 'django',
      middleware: [{ kind: 'compression' }],
      routes: [big],
    })
    expect(find(send(django, 'GET', '/health'), 'middleware:gzip-skip').data.minimumSize).toBe(200)
  })

  it('compresses a little less at a lower level', () => {
    const at = (level: number) =>
      find(send(scenario({ level }), 'GET', '/users'), 'middleware:gzip').data.bytesAfter
    expect(at(1)).toBeGreaterThan(at(9))
  })
})
